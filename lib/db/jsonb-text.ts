// PostgreSQL (and PGlite, the same server compiled to WebAssembly) cannot hold U+0000 in a text
// or jsonb value, nor a lone UTF-16 surrogate in jsonb: such a write fails whole ("invalid byte
// sequence for encoding UTF8: 0x00", "unsupported Unicode escape sequence"). Text made in a
// sandbox (a block's output, a kernel's message, an app's log) may hold either, and a failed
// write there left a run "running" for ever. Every write of such text passes through here, and
// each of those characters is stored as U+FFFD, the replacement character, as a decoder would
// show it. (Input from people is refused instead, with a sentence: lib/http/read-json-body.ts.)

const REPLACEMENT = "\uFFFD";
/** Half of a UTF-16 surrogate pair on its own: no character at all. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_CHARACTERS = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, "g");
// JSON.stringify writes U+0000 as \u0000 and a lone surrogate as \udXXX (a pair is written as
// itself). An escaped backslash is matched first, so "\\u0000" (a backslash, then "u0000") stays.
const UNSTORABLE_ESCAPES = /\\\\|\\u0000|\\ud[89a-f][0-9a-f]{2}/g;
const MAY_HOLD_UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/;

/** `text` as a text column can hold it. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_CHARACTERS, REPLACEMENT);
}

/** `text` as a text column can hold it, or null. */
export function storableTextOrNull(text: string | null | undefined): string | null {
  return text == null ? null : storableText(text);
}

/** The JSON text of `value`, as a jsonb column accepts it (keys included). */
export function storableJsonText(value: unknown): string {
  return withStorableEscapes(JSON.stringify(value));
}

/** `value` as a Json field can hold it (for writes through Prisma's query builder). */
export function storableJson<T>(value: T): T {
  const text = JSON.stringify(value);
  const storable = withStorableEscapes(text);
  return storable === text ? value : (JSON.parse(storable) as T);
}

function withStorableEscapes(json: string): string {
  if (!MAY_HOLD_UNSTORABLE_ESCAPE.test(json)) return json;
  return json.replace(UNSTORABLE_ESCAPES, (escape) => (escape === "\\\\" ? escape : REPLACEMENT));
}

// SQLSTATE 22021 (invalid byte sequence: a NUL) and 22P05 (untranslatable character: \u0000 in
// jsonb), however the driver and Prisma wrap them.
const UNSTORABLE_CODES = new Set(["22021", "22P05"]);
// Prisma's own engine refuses a lone surrogate before the database sees it.
const UNSTORABLE_MESSAGE = /invalid byte sequence for encoding "UTF8": 0x00|unsupported Unicode escape sequence|unexpected end of hex escape/;

/** Whether a database error says a value held text it cannot store (for input no check caught). */
export function isUnstorableTextError(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const fields = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (UNSTORABLE_CODES.has(String(fields.code)) || UNSTORABLE_CODES.has(String(fields.originalCode))) return true;
  if (typeof fields.message === "string" && UNSTORABLE_MESSAGE.test(fields.message)) return true;
  return isUnstorableTextError(fields.cause, depth + 1) || isUnstorableTextError(fields.meta?.driverAdapterError, depth + 1);
}
