import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { GET as exportNotebook } from "@/app/api/notebooks/[id]/export/route";
import { POST as importNotebook } from "@/app/api/notebooks/import/route";
import { getPrisma } from "@/lib/db/client";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const fixture = readFileSync(new URL("../../../../lib/notebooks/fixtures/sales-analysis.ipynb", import.meta.url), "utf8");
const schema = JSON.parse(readFileSync(new URL("../../../../lib/notebooks/nbformat/nbformat.v4.5.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

type Cell = { cell_type: string; source: string | string[]; outputs?: Array<{ output_type: string; name?: string; text?: string | string[] }> };
const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join("") : (value ?? ""));

function importRequest(user: SignedUpUser, body: string | FormData, contentType = "application/x-ipynb+json", query = "") {
  const headers = new Headers({ cookie: user.cookie });
  if (typeof body === "string") headers.set("content-type", contentType);
  return importNotebook(new Request(`http://localhost/api/notebooks/import${query}`, { method: "POST", headers, body }), noParams);
}

async function exported(user: SignedUpUser, id: string, format: string) {
  return exportNotebook(apiRequest(`/api/notebooks/${id}/export?format=${format}`, { cookie: user.cookie }), routeParams({ id }));
}

describe("importing a Jupyter notebook", () => {
  it("turns Markdown cells into Markdown, code cells into runnable blocks and stream outputs into expected outputs, noting what it dropped", async () => {
    const user = await signUpUser("importer");
    const response = await importRequest(user, fixture);
    expect(response.status).toBe(201);
    const { notebook, notes } = await response.json();
    expect(notebook.title).toBe("Sales analysis");
    expect(notebook.content).toMatch(/```runnable python[^\n]*\nrows = \[/);
    expect(notebook.content).toContain("```output\nnorth 3\nsouth 5\n```");
    expect(notebook.content).toContain("```output stderr\nchecked\n```");
    expect(notebook.content).not.toContain("iVBOR");
    expect(notebook.blocks.filter((b: { kind: string }) => b.kind === "runnable")).toHaveLength(3);
    expect(notes).toEqual([
      "Dropped 1 cell attachment(s) (images pasted into Markdown).",
      "Dropped 2 rich output(s) (results, images, HTML).",
    ]);
  });

  it("exports a valid nbformat 4.5 file whose cells match the imported ones", async () => {
    const user = await signUpUser("exporter");
    const { notebook } = await (await importRequest(user, fixture, "application/json")).json();
    const response = await exported(user, notebook.id, "ipynb");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Sales-analysis.ipynb"');
    const ipynb = await response.json();
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);

    const original = JSON.parse(fixture).cells as Cell[];
    const cells = ipynb.cells as Cell[];
    expect(cells.map((cell) => cell.cell_type)).toEqual(original.map((cell) => cell.cell_type));
    for (const [i, cell] of cells.entries()) {
      expect(text(cell.source).trimEnd(), `cell ${i}`).toBe(text(original[i]!.source).trimEnd());
      const streams = (original[i]!.outputs ?? []).filter((output) => output.output_type === "stream");
      expect((cell.outputs ?? []).map((o) => [o.name, text(o.text)])).toEqual(streams.map((o) => [o.name, text(o.text)]));
    }
  });

  it("exports your last run's output as the cells' outputs when asked (outputs=last), never someone else's", async () => {
    const user = await signUpUser("last-run-exporter");
    const stranger = await signUpUser("last-run-stranger");
    const { notebook } = await (await importRequest(user, fixture, "application/json")).json();
    const blocks = (notebook.blocks as Array<{ kind: string; id: string | null; index: number }>).filter((b) => b.kind === "runnable");
    const prisma = getPrisma();
    const ran = async (userId: string, block: { id: string | null; index: number }, data: string) => {
      const session = await prisma.session.create({ data: { userId, notebookId: notebook.id, status: "ended" } });
      await prisma.execution.create({
        data: { sessionId: session.id, notebookId: notebook.id, userId, blockIndex: block.index, blockId: block.id, status: "succeeded", exitCode: 0, output: [{ stream: "stdout", data }], finishedAt: new Date() },
      });
    };
    await ran(user.user.id, blocks[0]!, "an older run\n");
    await ran(user.user.id, blocks[0]!, "north 4\nsouth 6\n");
    await ran(stranger.user.id, blocks[1]!, "the stranger's output\n");

    const response = await exportNotebook(apiRequest(`/api/notebooks/${notebook.id}/export?format=ipynb&outputs=last`, { cookie: user.cookie }), routeParams({ id: notebook.id }));
    const ipynb = await response.json();
    expect(validate(ipynb), JSON.stringify(validate.errors)).toBe(true);
    const code = (ipynb.cells as Cell[]).filter((cell) => cell.cell_type === "code");
    expect(code[0]!.outputs!.map((o) => [o.name, text(o.text)])).toEqual([["stdout", "north 4\nsouth 6\n"]]);
    expect(code[1]!.outputs).toEqual([]);
    const refused = await exportNotebook(apiRequest(`/api/notebooks/${notebook.id}/export?format=ipynb&outputs=all`, { cookie: user.cookie }), routeParams({ id: notebook.id }));
    expect(refused.status).toBe(400);
  });

  it("exports Markdown byte for byte, and takes the file as the multipart field `file`", async () => {
    const user = await signUpUser("multipart");
    const form = new FormData();
    form.set("file", new Blob([fixture], { type: "application/octet-stream" }), "sales.ipynb");
    const response = await importRequest(user, form, "", "?outputs=0&title=Without%20outputs");
    expect(response.status).toBe(201);
    const { notebook } = await response.json();
    expect(notebook.title).toBe("Without outputs");
    expect(notebook.content).not.toContain("```output");
    const md = await exported(user, notebook.id, "md");
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(await md.text()).toBe(notebook.content);
    expect((await exported(user, notebook.id, "pdf")).status).toBe(400);
  });

  describe("refuses bad files with a sentence and stores nothing", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const cases: Array<[string, string, number, RegExp]> = [
      ["not JSON", "this is not json", 400, /not valid JSON/],
      ["not nbformat 4", JSON.stringify({ nbformat: 3, worksheets: [] }), 422, /nbformat must be 4/],
      ["deeply nested", `{"nbformat":4,"cells":[],"metadata":{"x":${deep}}}`, 422, /nests deeper than 64/],
      ["a cell that is not text", JSON.stringify({ nbformat: 4, cells: [{ cell_type: "code", source: 42 }] }), 422, /cells\.0\.source must be a string/],
      ["an unknown cell type", JSON.stringify({ nbformat: 4, cells: [{ cell_type: "widget", source: "" }] }), 422, /cells\.0\.cell_type must be markdown, code or raw/],
      ["huge", JSON.stringify({ nbformat: 4, cells: [{ cell_type: "markdown", source: "x".repeat(9 * 1024 ** 2) }] }), 413, /larger than 8 MiB/],
    ];
    it.each(cases)("%s", async (_name, body, status, message) => {
      const user = await signUpUser("bad-import");
      const before = await getPrisma().notebook.count({ where: { ownerId: user.user.id } });
      const response = await importRequest(user, body);
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
      expect(await getPrisma().notebook.count({ where: { ownerId: user.user.id } })).toBe(before);
    });

    it("not JSON in a multipart upload", async () => {
      const user = await signUpUser("bad-multipart");
      const form = new FormData();
      form.set("file", new Blob(["\u0000\u0001binary"]), "x.ipynb");
      const response = await importRequest(user, form);
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toBe("The file is not JSON, so it is not a Jupyter notebook (.ipynb).");
    });
  });
});
