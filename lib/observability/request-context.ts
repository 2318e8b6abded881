// What a route learns about a request (who made it, which notebook) for the request's log line,
// which server.ts writes when the response ends. Route handlers run in Next's bundles and
// server.ts outside them, so the table lives on globalThis; server.ts removes each entry.
const globalKey = Symbol.for("runnel.request-context");
type RequestFacts = { userId?: string; notebookId?: string };
type GlobalWithContext = typeof globalThis & { [globalKey]?: Map<string, RequestFacts> };

function table(): Map<string, RequestFacts> {
  const store = globalThis as GlobalWithContext;
  store[globalKey] ??= new Map();
  return store[globalKey];
}

export function noteRequestFacts(requestId: string | null, facts: RequestFacts): void {
  if (!requestId) return;
  const known = table().get(requestId);
  // Only requests server.ts registered are annotated, so the table never outgrows what is in flight.
  if (known) Object.assign(known, facts);
}

export function openRequestFacts(requestId: string): void {
  table().set(requestId, {});
}

export function closeRequestFacts(requestId: string): RequestFacts {
  const facts = table().get(requestId) ?? {};
  table().delete(requestId);
  return facts;
}
