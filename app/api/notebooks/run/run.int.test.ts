import { describe, expect, it } from "vitest";
import { POST as runNotebook } from "@/app/api/notebooks/run/route";
import { getContainerBackend } from "@/lib/containers/container-backend";
import { getPrisma } from "@/lib/db/client";
import { apiRequest, noParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

withMigratedDatabase();

const run = (body: unknown, cookie?: string) => runNotebook(apiRequest("/api/notebooks/run", { method: "POST", cookie, body }), noParams);
const scratchContainers = (userId: string) => getContainerBackend().listSandboxes({ "runnel.kind": "scratch", "runnel.owner": userId });

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("POST /api/notebooks/run (a notebook that is not saved)", () => {
  it("streams each runnable block in order, seeded with its file blocks, stores nothing and removes its container", async () => {
    const user = await signUpUser("scratch");
    const prisma = getPrisma();
    const before = await Promise.all([prisma.notebook.count(), prisma.session.count(), prisma.execution.count()]);
    const content = "```file text in.txt\nseed\n```\n\n```runnable bash\ncat in.txt\n```\n\n```runnable python\nprint(2)\n```\n";
    const response = await run({ content }, user.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(events.filter((e) => e.type === "start").map((e) => e.blockIndex)).toEqual([1, 2]);
    // Output may arrive in any number of chunks; what counts is each block's whole text.
    const printed: string[] = [];
    for (const event of events) {
      if (event.type === "start") printed.push("");
      if (event.type === "output") printed[printed.length - 1] += event.data;
    }
    expect(printed).toEqual(["seed\n", "2\n"]);
    expect(events.at(-1)).toEqual({ type: "end", ran: 2, failed: 0, skipped: 0 });
    expect(await Promise.all([prisma.notebook.count(), prisma.session.count(), prisma.execution.count()])).toEqual(before);
    expect(await scratchContainers(user.user.id)).toEqual([]);
  });

  it("stops after a failing block and counts the rest as skipped", async () => {
    const user = await signUpUser("scratch-fail");
    const response = await run({ content: "```runnable bash\nexit 4\n```\n\n```runnable bash\necho no\n```\n" }, user.cookie);
    const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(events.find((e) => e.type === "exit")).toMatchObject({ exitCode: 4 });
    expect(events.at(-1)).toEqual({ type: "end", ran: 1, failed: 1, skipped: 1 });
  });

  it("kills the block and removes the container when the client goes away mid-run", async () => {
    const user = await signUpUser("scratch-gone");
    const response = await run({ content: "```runnable bash\necho started\nsleep 120\n```\n" }, user.cookie);
    const reader = response.body!.getReader();
    const seen: string[] = [];
    const decoder = new TextDecoder();
    while (!seen.join("").includes("started")) seen.push(decoder.decode((await reader.read()).value));
    expect(await scratchContainers(user.user.id)).toHaveLength(1);
    await reader.cancel();
    await until(async () => (await scratchContainers(user.user.id)).length === 0);
  });

  it("refuses anonymous callers (401), malformed bodies (400) and oversized notebooks (413) with a sentence", async () => {
    const anonymous = await run({ content: "" });
    expect(anonymous.status).toBe(401);
    const user = await signUpUser("scratch-bad");
    const malformed = await run("{not json", user.cookie);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/\w+ \w+/);
    const wrongShape = await run({ content: 42 }, user.cookie);
    expect(wrongShape.status).toBe(400);
    const huge = await run({ content: "x".repeat(9 * 1024 ** 2) }, user.cookie);
    expect(huge.status).toBe(413);
    expect(await scratchContainers(user.user.id)).toEqual([]);
  });
});
