import { CliError } from "./cli-error";

export type ServerOptions = { server?: string; token?: string };

export type ApiClient = {
  readonly server: string;
  request(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
};

/** A client for one Runnel server, authenticated with an API token (`--token` / RUNNEL_TOKEN). */
export function apiClient({ server, token }: ServerOptions): ApiClient {
  const base = (server ?? process.env.RUNNEL_URL ?? "").replace(/\/+$/, "");
  const bearer = token ?? process.env.RUNNEL_TOKEN ?? "";
  if (!base) throw new CliError("No server: pass --server URL or set RUNNEL_URL.");
  if (!/^https?:\/\//i.test(base)) throw new CliError(`The server "${base}" is not an http:// or https:// URL.`);
  if (!bearer) throw new CliError("No API token: pass --token or set RUNNEL_TOKEN (create one under Settings → API tokens).");

  async function request(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
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
    async json<T>(path: string, init?: { method?: string; body?: unknown }) {
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
