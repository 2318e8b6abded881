import { CliError } from "./cli-error";

export type ServerOptions = { server?: string; token?: string };

/** `body` is sent as JSON; `raw` as it is, with its own content type. */
export type RequestInit = { method?: string; body?: unknown; raw?: { text: string; type: string } };

export type ApiClient = {
  readonly server: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
};

/** A client for one Runnel server, authenticated with an API token (`--token` / RUNNEL_TOKEN). */
export function apiClient({ server, token }: ServerOptions): ApiClient {
  const base = (server ?? process.env.RUNNEL_URL ?? "").replace(/\/+$/, "");
  const bearer = token ?? process.env.RUNNEL_TOKEN ?? "";
  if (!base) throw new CliError("No server: pass --server URL or set RUNNEL_URL.");
  if (!/^https?:\/\//i.test(base)) throw new CliError(`The server "${base}" is not an http:// or https:// URL.`);
  if (!bearer) throw new CliError("No API token: pass --token or set RUNNEL_TOKEN (create one under Settings → API tokens).");

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const body = init.raw ?? (init.body === undefined ? undefined : { text: JSON.stringify(init.body), type: "application/json" });
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": body.type } : {}) },
        body: body?.text,
      });
    } catch {
      throw new CliError(`Could not reach the Runnel server at ${base}.`);
    }
    if (!response.ok) throw new CliError(await errorSentence(response), response.status === 409 ? 3 : 2);
    return response;
  }

  return {
    server: base,
    request,
    async json<T>(path: string, init?: RequestInit) {
      return (await (await request(path, init)).json()) as T;
    },
  };
}

async function errorSentence(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === "string") return `The server answered ${response.status}: ${message}`;
  } catch {
    // not the error envelope; fall through
  }
  return `The server answered ${response.status} ${response.statusText}.`;
}
