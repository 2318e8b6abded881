import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSession, type ConnectedSession } from "../../test/connected-session";
import { getPrisma } from "../db/client";
import { answerInput } from "./answer-input";
import type { StreamEvent } from "./stream-events";

// The bash and node kernels on the real engine, in /workspace: bash's read prompts the reader,
// node's import() resolves a relative path from the workspace.
const fence = "```";
const content = [
  [`${fence}runnable bash`, 'read -p "Your name? " name\necho "hello $name"', fence],
  [`${fence}file javascript lib/greet.mjs`, "export const greet = (name) => `hi ${name}`;", fence],
  [`${fence}runnable node`, "const lib = await import('./lib/greet.mjs')\nconsole.log(lib.greet('node'))", fence],
]
  .map((lines) => lines.join("\n"))
  .join("\n\n");

let session: ConnectedSession;
let userId: string;
let notebookId: string;
const run: ConnectedSession["run"] = (blockIndex, onEvent) => session.run(blockIndex, onEvent);

beforeAll(async () => {
  session = await connectedSession(content);
  ({ userId, notebookId } = session);
}, 60_000);

afterAll(async () => {
  await session?.end();
});

describe("bash and node kernels in a session", () => {
  it("bash's read asks the reader in the page and carries on with the answer", async () => {
    let prompted: StreamEvent | undefined;
    const result = await run(0, async (event, executionId) => {
      if (event.type === "input-request") {
        prompted = event;
        await answerInput(userId, executionId, "Ada");
      }
    });
    expect(prompted).toEqual({ type: "input-request", prompt: "Your name? ", password: false });
    expect(result.stdout).toBe("hello Ada\n");
    expect(result.exit).toMatchObject({ exitCode: 0 });
  }, 60_000);

  it("node's import() of a relative path loads the workspace's file", async () => {
    const result = await run(2);
    expect(result.stdout).toBe("hi node\n");
    expect(result.exit).toMatchObject({ exitCode: 0 });
  }, 60_000);

  it("says, when an imported ES module's file block changed, that the kernel keeps the version it loaded", async () => {
    const notebook = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebookId } });
    await getPrisma().notebook.update({ where: { id: notebookId }, data: { content: notebook.content.replace("`hi ${name}`", "`hello ${name}`"), version: { increment: 1 } } });
    const result = await run(2);
    expect(result.stderr).toContain("lib/greet.mjs changed; an ES module the node kernel has already imported keeps the version it first loaded");
    expect(result.stdout).toBe("hi node\n");
  }, 60_000);
});
