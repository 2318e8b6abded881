/** A failed API call, carrying the envelope's code and its sentence fit to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Reads API.md's `{error: {code, message}}` envelope from a failed response. */
export async function readApiError(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "error" in body) {
      const { code, message } = (body as { error: { code?: unknown; message?: unknown } }).error;
      if (typeof message === "string") return new ApiError(response.status, typeof code === "string" ? code : "error", message);
    }
  } catch {
    // Not JSON: fall through to a generic sentence.
  }
  return new ApiError(response.status, "error", `The request failed (HTTP ${response.status}).`);
}

/** Sends JSON (or nothing) and returns the parsed reply; throws ApiError when not 2xx. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await readApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The sentence to show for a failed request (an ApiError carries the API's own). */
export function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : "Something went wrong.";
}
