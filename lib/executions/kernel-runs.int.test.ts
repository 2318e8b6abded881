import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedSession, type ConnectedSession } from "../../test/connected-session";
import { getPrisma } from "../db/client";
import { kernelStates, restartKernels } from "../sessions/kernel-state";
import { answerInput } from "./answer-input";
import type { StreamEvent } from "./stream-events";

// A shared notebook (no front matter: the default) against the real engine: each language's
// kernel keeps state from block to block.
const fence = "```";
const blocks = [
  [`${fence}file python helpers.py`, "def f():\n    return 1", fence],
  [`${fence}runnable python`, "x = 41\nimport helpers\nprint('helper', helpers.f())", fence],
  [`${fence}runnable python`, "x + 1", fence],
  [`${fence}runnable python`, "1/0", fence],
  [`${fence}runnable python isolated`, "print(x)", fence],
  [`${fence}runnable bash`, "v=7; cd /tmp; export E=8; f() { echo fn-$1; }", fence],
  [`${fence}runnable bash`, "echo $v $E $(pwd); f a; false", fence],
  [`${fence}runnable python`, "from IPython.display import display, clear_output\nh = display('a', display_id=True)\nh.update('b')\nprint('gone')\nclear_output(wait=True)\nprint('kept')", fence],
  [`${fence}runnable python`, "name = input('Name? ')\nprint('hello', name)", fence],
  [`${fence}runnable python`, "import pandas as pd\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\npd.DataFrame({'a': [1, 2]})", fence],
  [`${fence}runnable r`, "x <- 41\nplot(cars)", fence],
  [`${fence}runnable r`, "print(x + 1)\nhead(mtcars, 3)", fence],
  [`${fence}file javascript lib.cjs`, "module.exports = { three: 3 };", fence],
  [`${fence}runnable node`, "const n = await Promise.resolve(39)\nfunction twice(v) { return v * 2 }\nconsole.log(require('./lib.cjs').three + n)", fence],
  [`${fence}runnable node`, "const n = 1\nconsole.log(twice(21))\ndisplay({ 'text/html': '<b>hi</b>' }, { raw: true })\nthrow new TypeError('nope')", fence],
].map((lines) => lines.join("\n"));
const content = blocks.join("\n\n");

let session: ConnectedSession;
let userId: string;
let sessionId: string;
let notebookId: string;
const run: ConnectedSession["run"] = (blockIndex, onEvent) => session.run(blockIndex, onEvent);

beforeAll(async () => {
  session = await connectedSession(content);
  ({ userId, sessionId, notebookId } = session);
}, 60_000);

afterAll(async () => {
  await session?.end();
});

describe("kernel runs in a shared notebook", () => {
  it("start python's kernel on first use, keep variables for the next block, and show an expression's value as a display", async () => {
    // Connecting started the kernels the notebook's blocks use.
    expect((await kernelStates(sessionId)).map((k) => k.runtime).sort()).toEqual(["bash", "node", "python", "r"]);
    const first = await run(1);
    expect(first.stdout).toBe("helper 1\n");
    expect(first.exit).toMatchObject({ exitCode: 0 });
    const second = await run(2);
    // An expression's value is a result (Out[n]): it carries the kernel's execution count.
    expect(second.events).toContainEqual({ type: "display", displayId: null, data: { "text/plain": "42" }, metadata: {}, executionCount: expect.any(Number) });
    expect(second.events.some((e) => e.type === "kernel")).toBe(false);
    expect(second.stored.output).toEqual([{ type: "display", displayId: null, data: { "text/plain": "42" }, metadata: {}, executionCount: expect.any(Number) }]);
    const [python] = await kernelStates(sessionId);
    expect(python).toMatchObject({ runtime: "python", state: "idle", startedAt: expect.any(String) });
  }, 120_000);

  it("report an exception with its name, message and traceback, and exit non-zero", async () => {
    const result = await run(3);
    const exception = result.events.find((e) => e.type === "exception");
    expect(exception).toMatchObject({ ename: "ZeroDivisionError", evalue: "division by zero" });
    expect(exception?.type === "exception" && exception.traceback.join("\n")).toContain("ZeroDivisionError");
    expect(result.exit).toMatchObject({ exitCode: 1 });
    expect(result.stored.status).toBe("failed");
    expect(result.stored.output).toEqual([expect.objectContaining({ type: "exception", ename: "ZeroDivisionError" })]);
  }, 60_000);

  it("run a block marked isolated in a fresh process, which does not see the kernel's variables", async () => {
    const result = await run(4);
    expect(result.stderr).toContain("NameError");
    expect(result.exit).toMatchObject({ exitCode: 1 });
  }, 60_000);

  it("keep bash's variables, functions, cd and exports, with the last command's status", async () => {
    expect((await run(5)).exit).toMatchObject({ exitCode: 0 });
    const result = await run(6);
    expect(result.stdout).toBe("7 8 /tmp\nfn-a\n");
    expect(result.exit).toMatchObject({ exitCode: 1 });
  }, 60_000);

  it("store display updates and clear_output as the page ends up showing them", async () => {
    const result = await run(7);
    expect(result.events.map((e) => e.type)).toEqual(expect.arrayContaining(["display", "display-update", "clear-output"]));
    expect(result.stored.output).toEqual([{ stream: "stdout", data: "kept\n" }]);
  }, 60_000);

  it("ask the reader for input() and carry on with the answer", async () => {
    let prompted: StreamEvent | undefined;
    const result = await run(8, async (event, executionId) => {
      if (event.type === "input-request") {
        prompted = event;
        await answerInput(userId, executionId, "reader");
      }
    });
    expect(prompted).toEqual({ type: "input-request", prompt: "Name? ", password: false });
    expect(result.stdout).toContain("hello reader");
    expect(result.exit).toMatchObject({ exitCode: 0 });
  }, 60_000);

  it("answer input with a 409 sentence when no prompt waits", async () => {
    const execution = await getPrisma().execution.findFirstOrThrow({ where: { sessionId }, orderBy: { startedAt: "desc" } });
    await getPrisma().execution.update({ where: { id: execution.id }, data: { status: "running" } });
    await expect(answerInput(userId, execution.id, "x")).rejects.toMatchObject({ status: 409, message: "No prompt is waiting for input in this run." });
    await getPrisma().execution.update({ where: { id: execution.id }, data: { status: execution.status } });
  });

  it("show a DataFrame as an HTML table and a plot as a PNG, without savefig", async () => {
    const result = await run(9);
    const displays = result.events.filter((e) => e.type === "display");
    expect(displays.some((d) => typeof d.data["image/png"] === "string")).toBe(true);
    expect(displays.some((d) => String(d.data["text/html"] ?? "").includes("<table"))).toBe(true);
  }, 60_000);

  it("reload a module imported from a file block that changed, and say so", async () => {
    const notebook = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebookId } });
    await getPrisma().notebook.update({
      where: { id: notebookId },
      data: { content: notebook.content.replace("return 1", "return 2"), version: { increment: 1 } },
    });
    const result = await run(1);
    expect(result.stderr).toContain("helpers.py changed; the python kernel reloads modules imported from it");
    expect(result.stdout).toBe("helper 2\n");
  }, 60_000);

  it("keep R's variables in IRkernel, with plots as PNG and data frames as HTML tables", async () => {
    const first = await run(10);
    expect(first.events.some((e) => e.type === "display" && typeof e.data["image/png"] === "string")).toBe(true);
    const second = await run(11);
    expect(second.stdout).toContain("[1] 42");
    expect(second.events.some((e) => e.type === "display" && String(e.data["text/html"] ?? "").includes("<table"))).toBe(true);
    expect(second.exit).toMatchObject({ exitCode: 0 });
  }, 120_000);

  it("keep node's declarations (top-level await, require from the workspace, display), an error as an exception", async () => {
    const first = await run(13);
    expect(first.stdout).toBe("42\n");
    expect(first.exit).toMatchObject({ exitCode: 0 });
    const second = await run(14); // redeclares n: no "already declared"
    expect(second.stdout).toBe("42\n");
    expect(second.events).toContainEqual({ type: "display", displayId: null, data: { "text/html": "<b>hi</b>" }, metadata: {} });
    expect(second.events.find((e) => e.type === "exception")).toMatchObject({ ename: "TypeError", evalue: "nope" });
    expect(second.exit).toMatchObject({ exitCode: 1 });
  }, 120_000);

  it("restart a kernel: its variables are gone and it starts again", async () => {
    const [before] = (await kernelStates(sessionId)).filter((k) => k.runtime === "python");
    const restarted = await restartKernels(userId, sessionId, "python");
    expect(restarted).toEqual([expect.objectContaining({ runtime: "python", state: "restarting" })]);
    const result = await run(2);
    expect(result.events.find((e) => e.type === "exception")).toMatchObject({ ename: "NameError" });
    const [after] = (await kernelStates(sessionId)).filter((k) => k.runtime === "python");
    expect(after!.startedAt).not.toBe(before!.startedAt);
    await expect(restartKernels(userId, sessionId, "go")).rejects.toMatchObject({ status: 404 });
  }, 120_000);
});
