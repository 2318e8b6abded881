import { execFileSync } from "node:child_process";
import { expect, test } from "../support/api-client";

const fence = "```";
const notebook = [
  "# Every runtime",
  `${fence}file text data/greeting.txt`,
  "hello",
  fence,
  `${fence}runnable python`,
  "print(open('data/greeting.txt').read().strip() + ' from python')",
  fence,
  `${fence}runnable node`,
  "console.log(require('fs').readFileSync('data/greeting.txt', 'utf8').trim() + ' from node')",
  fence,
  `${fence}runnable bash`,
  'echo "$(cat data/greeting.txt) from bash"',
  fence,
  `${fence}runnable go`,
  'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tb, _ := os.ReadFile("data/greeting.txt")\n\tfmt.Println(strings.TrimSpace(string(b)) + " from go")\n}',
  fence,
  `${fence}runnable r`,
  "cat(readLines('data/greeting.txt'), 'from r\\n')",
  fence,
  `${fence}runnable python`,
  "import time\nprint('first', flush=True)\ntime.sleep(2)\nprint('second', flush=True)",
  fence,
  `${fence}runnable python`,
  "import os, matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.savefig(os.environ['RUNNEL_OUTPUT'] + '/plot.png')",
  fence,
].join("\n");

const stdoutOf = (lines: Array<{ event: Record<string, unknown> }>) =>
  lines.map(({ event }) => (event.type === "output" && event.stream === "stdout" ? String(event.data) : "")).join("");

test("a reader connects, runs every runtime against a file block, and streams output as it is printed", async ({ api, newApi }) => {
  await api.signUp();
  const { id } = await api.createNotebook(notebook);
  const connected = await api.connect(id);
  expect(connected.status()).toBe(201);
  const { session } = await connected.json();
  expect(session).toMatchObject({ status: "ready", expiresAt: expect.any(String) });
  expect((await api.connect(id)).status()).toBe(200);
  const cookie = await api.cookieHeader();

  const expected = ["hello from python\n", "hello from node\n", "hello from bash\n", "hello from go\n", "hello from r\n"];
  for (const [i, text] of expected.entries()) {
    const result = await api.run(session.id, i + 1, cookie);
    expect(result.status).toBe(200);
    expect(result.lines[0]!.event).toMatchObject({ type: "start", blockIndex: i + 1 });
    expect(stdoutOf(result.lines)).toBe(text);
    expect(result.lines.at(-1)!.event).toMatchObject({ type: "exit", exitCode: 0 });
  }

  const streamed = await api.run(session.id, 6, cookie);
  const firstAt = streamed.lines.find(({ event }) => String(event.data ?? "").includes("first"))!.at;
  const secondAt = streamed.lines.find(({ event }) => String(event.data ?? "").includes("second"))!.at;
  // Printed 2 s apart; delivered together would be ~0 ms apart. The margin absorbs a busy machine.
  expect(secondAt - firstAt).toBeGreaterThan(1000);

  const plotted = await api.run(session.id, 7, cookie);
  const artifact = plotted.lines.find(({ event }) => event.type === "artifact")!.event;
  const png = await api.request.get(String(artifact.url));
  expect(png.headers()["content-type"]).toBe("image/png");
  expect([...(await png.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const history = await (await api.request.get(`/api/sessions/${session.id}/executions`)).json();
  expect(history.executions.map((e: { blockIndex: number }) => e.blockIndex)).toEqual([1, 2, 3, 4, 5, 6, 7]);

  // Someone else sees none of it.
  const stranger = await newApi();
  await stranger.signUp("Stranger");
  expect((await stranger.connect(id)).status()).toBe(404);
  expect((await stranger.request.get(`/api/sessions/${session.id}/executions`)).status()).toBe(404);
  expect((await stranger.request.get(String(artifact.url))).status()).toBe(404);
  const theirRun = await stranger.run(session.id, 1, await stranger.cookieHeader());
  expect(theirRun.status).toBe(404);

  expect((await api.request.delete(`/api/notebooks/${id}/session`)).status()).toBe(204);
  expect((await api.request.get(`/api/notebooks/${id}/session`)).status()).toBe(404);
});

test("cancel ends a sleep 300 block within two seconds", async ({ api }) => {
  await api.signUp();
  const { id } = await api.createNotebook("```runnable bash\necho going; sleep 300\n```");
  const { session } = await (await api.connect(id)).json();
  const started = Date.now();
  const result = await api.run(session.id, 0, await api.cookieHeader(), (event) => {
    if (event.type === "start") void api.request.post(`/api/executions/${String(event.executionId)}/cancel`);
  });
  expect(Date.now() - started).toBeLessThan(4000);
  expect(result.lines.at(-1)!.event).toMatchObject({ type: "exit", cancelled: true });
  await api.request.delete(`/api/notebooks/${id}/session`);
});

test("bad run requests get clear 4xx answers", async ({ api }) => {
  await api.signUp();
  const { id } = await api.createNotebook("```file text a.txt\nx\n```\n```runnable python\nprint(1)\n```");
  const { session } = await (await api.connect(id)).json();
  const post = (data: unknown) => api.request.post("/api/executions", { data });
  const missing = await post({ sessionId: session.id, blockIndex: 9 });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.message).toBe("Block 9 is not in the notebook.");
  expect((await post({ sessionId: session.id, blockIndex: 0 })).status()).toBe(422);
  expect((await post({ sessionId: session.id, blockIndex: 1, version: 999 })).status()).toBe(409);
  expect((await post({ sessionId: session.id, blockIndex: "1; rm -rf /" })).status()).toBe(400);
  expect((await post({ sessionId: "no-such-session", blockIndex: 1 })).status()).toBe(404);
  await api.request.delete(`/api/notebooks/${id}/session`);
});

test("a client that goes away mid-run leaves its block running to its end, and can follow it again", async ({ api, baseURL }) => {
  await api.signUp();
  const { id } = await api.createNotebook("```runnable bash\necho started; sleep 3; echo finished\n```");
  const { session } = await (await api.connect(id)).json();
  const abort = new AbortController();
  const response = await fetch(`${baseURL}/api/executions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: await api.cookieHeader() },
    body: JSON.stringify({ sessionId: session.id, blockIndex: 0 }),
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  let seen = "";
  while (!seen.includes("started")) seen += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  const executionId = JSON.parse(seen.split("\n")[0]!).executionId as string;

  const again = await api.request.get(`/api/executions/${executionId}/events?from=0`, { timeout: 30_000 });
  expect(again.status()).toBe(200);
  const events = (await again.text()).trim().split("\n").map((line) => JSON.parse(line));
  expect(events[0]).toMatchObject({ type: "start", executionId });
  expect(events.filter((event) => event.type === "output").map((event) => event.data).join("")).toBe("started\nfinished\n");
  expect(events.at(-1)).toMatchObject({ type: "exit", exitCode: 0, cancelled: false });
  const { executions } = await (await api.request.get(`/api/sessions/${session.id}/executions`)).json();
  expect(executions[0]).toMatchObject({ id: executionId, status: "succeeded" });
  await api.request.delete(`/api/notebooks/${id}/session`);
});

test("deleting a notebook removes its readers' containers", async ({ api }) => {
  await api.signUp();
  const { id } = await api.createNotebook("```runnable bash\nhostname\n```");
  const { session } = await (await api.connect(id)).json();
  const result = await api.run(session.id, 0, await api.cookieHeader());
  const hostname = result.lines.map(({ event }) => (event.type === "output" ? String(event.data) : "")).join("").trim();
  expect(hostname).toMatch(/^[0-9a-f]{12}$/);
  expect((await api.request.delete(`/api/notebooks/${id}`)).status()).toBe(204);
  const running = execFileSync("docker", ["ps", "-q", "--no-trunc"], { encoding: "utf8" });
  expect(running.split("\n").some((containerId) => containerId.startsWith(hostname))).toBe(false);
});
