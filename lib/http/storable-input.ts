import { AppError } from "./app-error";

// PostgreSQL cannot store U+0000 in text. What a sandbox prints is stored with it replaced
// (lib/db/jsonb-text.ts); what a person sends is refused with this sentence instead, so that
// nothing they typed is silently changed.
export const NUL_IN_REQUEST = "The request holds a NUL character (U+0000), which Runnel cannot store. Remove it and send the request again.";

export function nulInRequest(detail?: string): AppError {
  return new AppError("bad_request", NUL_IN_REQUEST, detail);
}

/** Refuses a field of a request (a form's, a header's) that holds U+0000. */
export function assertStorableField(value: string, field: string): string {
  if (value.includes("\0")) throw nulInRequest(`${field} holds U+0000`);
  return value;
}

/** JSON.parse, refusing a key or a string that holds U+0000. */
export function parseStorableJson(text: string): unknown {
  // Valid JSON can only spell U+0000 as the escape \u0000; most bodies need no second look.
  if (!text.includes("\\u0000")) return JSON.parse(text);
  let found = false;
  const value: unknown = JSON.parse(text, (key, item: unknown) => {
    if (key.includes("\0") || (typeof item === "string" && item.includes("\0"))) found = true;
    return item;
  });
  if (found) throw nulInRequest();
  return value;
}
