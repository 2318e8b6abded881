import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext } from "@playwright/test";

/** A signed-up user's view of the HTTP API (the request context keeps their session cookie). */
export class ApiClient {
  constructor(
    readonly request: APIRequestContext,
    readonly baseURL: string,
  ) {}

  async signUp(name = "Reader") {
    const email = `${randomUUID()}@example.test`;
    const response = await this.request.post("/api/auth/signup", { data: { email, password: "correct horse battery", name } });
    expect(response.status()).toBe(201);
    return (await response.json()).user as { id: string; email: string };
  }

  async createNotebook(content: string, title = "E2E notebook") {
    const response = await this.request.post("/api/notebooks", { data: { title, content } });
    expect(response.status()).toBe(201);
    return (await response.json()).notebook as { id: string; version: number };
  }

  async connect(notebookId: string) {
    return this.request.post(`/api/notebooks/${notebookId}/session`);
  }

  /** Runs a block through the streaming endpoint, timing each NDJSON line as it arrives. */
  async run(sessionId: string, blockIndex: number, cookie: string, onLine?: (event: Record<string, unknown>) => void) {
    const response = await fetch(`${this.baseURL}/api/executions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({ sessionId, blockIndex }),
    });
    const lines: Array<{ at: number; event: Record<string, unknown> }> = [];
    if (!response.ok || !response.body) return { status: response.status, lines, body: await response.text() };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const event = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
        buffer = buffer.slice(newline + 1);
        lines.push({ at: Date.now(), event });
        onLine?.(event);
      }
    }
    return { status: response.status, lines, body: "" };
  }

  async cookieHeader(): Promise<string> {
    const state = await this.request.storageState();
    return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  }
}

export const test = base.extend<{ api: ApiClient; newApi: () => Promise<ApiClient> }>({
  newApi: async ({ playwright, baseURL }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async () => {
      const request = await playwright.request.newContext({ baseURL });
      contexts.push(request);
      return new ApiClient(request, baseURL!);
    });
    for (const context of contexts) await context.dispose();
  },
  api: async ({ newApi }, use) => {
    await use(await newApi());
  },
});

export { expect };
