import { randomUUID } from "node:crypto";

export type RunResult = { exitCode: number; stdout: string; truncated: boolean; exitAtMs: number };

type StreamEvent =
  | { type: "output"; stream: "stdout" | "stderr"; data: string }
  | { type: "exit"; exitCode: number; truncated: boolean }
  | { type: "error"; message: string }
  | { type: "start" | "artifact" };

/** One signed-up user talking to Runnel's HTTP API with their session cookie. */
export class BenchClient {
  private constructor(
    readonly baseUrl: string,
    /** The session cookie, for a browser that should be this user too. */
    readonly cookie: string,
  ) {}

  static async signUp(baseUrl: string): Promise<BenchClient> {
    const response = await fetch(`${baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: `bench-${randomUUID()}@example.test`, password: "correct horse battery", name: "Bench" }),
    });
    await expectStatus(response, 201, "sign up");
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return new BenchClient(baseUrl, cookie);
  }

  async createNotebook(content: string, title = "Bench"): Promise<string> {
    const response = await this.send("POST", "/api/notebooks", { title, content });
    await expectStatus(response, 201, "create a notebook");
    return ((await response.json()) as { notebook: { id: string } }).notebook.id;
  }

  async connect(notebookId: string): Promise<string> {
    const response = await this.send("POST", `/api/notebooks/${notebookId}/session`);
    await expectStatus(response, 201, "connect");
    return ((await response.json()) as { session: { id: string } }).session.id;
  }

  async disconnect(notebookId: string): Promise<void> {
    await expectStatus(await this.send("DELETE", `/api/notebooks/${notebookId}/session`), 204, "disconnect");
  }

  async restartKernel(sessionId: string, runtime: string): Promise<void> {
    await expectStatus(await this.send("POST", `/api/sessions/${sessionId}/kernels/${runtime}/restart`), 202, `restart the ${runtime} kernel`);
  }

  /** Runs a block; `exitAtMs` is when the `exit` event arrived, from when the request was sent. */
  async run(sessionId: string, blockIndex: number): Promise<RunResult> {
    const start = performance.now();
    const response = await this.send("POST", "/api/executions", { sessionId, blockIndex });
    await expectStatus(response, 200, "run a block");
    let stdout = "";
    let result: RunResult | undefined;
    for await (const event of ndjson(response)) {
      if (event.type === "output" && event.stream === "stdout") stdout += event.data;
      else if (event.type === "error") throw new Error(`Run failed: ${event.message}`);
      else if (event.type === "exit") {
        result = { exitCode: event.exitCode, stdout, truncated: event.truncated, exitAtMs: performance.now() - start };
      }
    }
    if (!result) throw new Error("The execution stream ended without an exit event.");
    return result;
  }

  private send(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Cookie: this.cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status === status) return;
  throw new Error(`Could not ${what}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
}

async function* ndjson(response: Response): AsyncGenerator<StreamEvent> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffer += decoder.decode(read.value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim()) yield JSON.parse(line) as StreamEvent;
    }
  }
}
