import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportNotebook } from "@/app/api/notebooks/[id]/export/route";
import { getPrisma } from "@/lib/db/client";
import { startExecution } from "@/lib/executions/start-execution";
import { createNotebook } from "@/lib/notebooks/create-notebook";
import { connectSession } from "@/lib/sessions/connect-session";
import { endSession } from "@/lib/sessions/end-session";
import { apiRequest, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

// Issue 15: a shared notebook run in real Python kernels, then exported with its last run's
// outputs: streams, rich displays (a display updated in place, a DataFrame, a figure, JSON) and an
// error come out as nbformat 4.5 outputs with their MIME bundles, valid by nbformat's own schema
// (lib/notebooks/nbformat, Jupyter's file). The runtime image has no python3-nbformat to ask too.

withMigratedDatabase();

const schema = JSON.parse(readFileSync(new URL("../../../../../lib/notebooks/nbformat/nbformat.v4.5.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const fence = "```";
const content = [
  "# Rich outputs",
  `${fence}runnable python`,
  "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)",
  fence,
  `${fence}runnable python`,
  "from IPython.display import display, HTML\nh = display(HTML('<b>first</b>'), display_id=True)\nh.update(HTML('<b>updated</b>'))\nimport pandas as pd\npd.DataFrame({'moons': [1, 2]})",
  fence,
  `${fence}runnable python`,
  "from IPython.display import JSON\nimport matplotlib.pyplot as plt\ndisplay(JSON({'k': [1, 2]}))\nplt.plot([1, 2, 3])\nplt.show()",
  fence,
  `${fence}runnable python`,
  "1/0",
  fence,
].join("\n");

type Output = { output_type: string; name?: string; text?: string[]; data?: Record<string, unknown>; metadata?: object; ename?: string; evalue?: string; traceback?: string[] };
type Cell = { cell_type: string; outputs?: Output[] };

let owner: SignedUpUser;
let notebookId: string;
let sessionId: string | undefined;

beforeAll(async () => {
  owner = await signUpUser("rich-exporter");
  ({ id: notebookId } = await createNotebook({ ownerId: owner.user.id, content }));
  const notebook = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebookId } });
  sessionId = (await connectSession({ userId: owner.user.id, notebook })).session.id;
  for (const index of [0, 1, 2, 3]) {
    const handle = await startExecution({ userId: owner.user.id, sessionId, block: { index } });
    for await (const event of handle.events) void event;
  }
}, 240_000);

afterAll(async () => {
  if (sessionId) await endSession(sessionId, "test over");
});

describe("ipynb export of the last run (outputs=last)", () => {
  it("maps streams, displays (updates applied), results and errors to nbformat outputs that nbformat's schema accepts", async () => {
    const response = await exportNotebook(apiRequest(`/api/notebooks/${notebookId}/export?format=ipynb&outputs=last`, { cookie: owner.cookie }), routeParams({ id: notebookId }));
    expect(response.status).toBe(200);
    const text = await response.text();
    const ipynb = JSON.parse(text) as { cells: Cell[] };
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);

    const [streams, rich, figure, failure] = ipynb.cells.filter((cell) => cell.cell_type === "code").map((cell) => cell.outputs ?? []);
    expect(streams).toEqual([
      { output_type: "stream", name: "stdout", text: ["to stdout\n"] },
      { output_type: "stream", name: "stderr", text: ["to stderr\n"] },
    ]);

    // The display shows what it was updated to, once; the DataFrame keeps its HTML table and its text.
    expect(rich!.map((output) => output.output_type)).toEqual(["display_data", "display_data"]);
    expect(rich![0]!.data!["text/html"]).toEqual(["<b>updated</b>"]);
    expect(JSON.stringify(rich)).not.toContain("first");
    expect((rich![1]!.data!["text/html"] as string[]).join("")).toContain("<table");
    expect((rich![1]!.data!["text/plain"] as string[]).join("")).toContain("moons");

    expect(figure![0]).toMatchObject({ output_type: "display_data", data: { "application/json": { k: [1, 2] } } });
    const png = figure!.find((output) => output.data?.["image/png"] !== undefined)!.data!["image/png"] as string;
    expect(Buffer.from(png, "base64").subarray(1, 4).toString()).toBe("PNG");

    expect(failure).toEqual([expect.objectContaining({ output_type: "error", ename: "ZeroDivisionError", evalue: "division by zero" })]);
    expect(failure![0]!.traceback!.join("\n")).toContain("ZeroDivisionError");
  }, 120_000);

  it("keeps an output the cap cut with a note saying so", async () => {
    const { id } = await getPrisma().execution.findFirstOrThrow({ where: { notebookId, blockIndex: 0 }, orderBy: { startedAt: "desc" } });
    await getPrisma().execution.update({ where: { id }, data: { truncated: true } });
    const response = await exportNotebook(apiRequest(`/api/notebooks/${notebookId}/export?format=ipynb&outputs=last`, { cookie: owner.cookie }), routeParams({ id: notebookId }));
    const ipynb = (await response.json()) as { cells: Cell[] };
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);
    const outputs = ipynb.cells.find((cell) => cell.cell_type === "code")!.outputs!;
    expect(outputs.at(-1)).toEqual({ output_type: "stream", name: "stderr", text: [expect.stringContaining("more than the output cap")] });
  });
});
