import { LONE_SURROGATE } from "../db/jsonb-text";
import { AppError } from "./app-error";

// PostgreSQL cannot store U+0000 in text. What a sandbox prints is stored with it replaced
// (lib/db/jsonb-text.ts); what a person sends is refused with this sentence instead, so that
// nothing they typed is silently changed.
export const NUL_IN_REQUEST = "The request holds a NUL character (U+0000), which Runnel cannot store. Remove it and send the request again.";

// JSON may spell half of a UTF-16 surrogate pair alone (\ud800): that is no character at all, and
// Prisma's query engine cannot even carry it (a 500 before).
export const LONE_SURROGATE_IN_REQUEST =
  "The request holds half of a UTF-16 surrogate pair (an escape like \\ud800 without its partner), which is not text. Send valid Unicode.";

/** What the database refusing a request's text (no check above caught it) is answered with. */
export const UNSTORABLE_IN_REQUEST =
  "The request holds a character Runnel cannot store (U+0000, or half of a UTF-16 surrogate pair). Remove it and send the request again.";

export function nulInRequest(detail?: string): AppError {
  return new AppError("bad_request", NUL_IN_REQUEST, detail);
}

/** Refuses a field of a request (a form's, a header's) that holds U+0000. */
export function assertStorableField(value: string, field: string): string {
  if (value.includes("\0")) throw nulInRequest(`${field} holds U+0000`);
  return value;
}

/** JSON.parse, refusing a key or a string that holds U+0000 or a lone surrogate. */
export function parseStorableJson(text: string): unknown {
  // Valid JSON can only spell either as an escape (\u0000, \ud800); most bodies need no second look.
  if (!/\\u(?:0000|[dD][89a-fA-F])/.test(text)) return JSON.parse(text);
  let nul = false;
  let lone = false;
  const check = (value: string) => {
    nul ||= value.includes("\0");
    lone ||= LONE_SURROGATE.test(value);
  };
  const value: unknown = JSON.parse(text, (key, item: unknown) => {
    check(key);
    if (typeof item === "string") check(item);
    return item;
  });
  if (nul) throw nulInRequest();
  if (lone) throw new AppError("bad_request", LONE_SURROGATE_IN_REQUEST);
  return value;
}
