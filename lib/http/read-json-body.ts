import { describeByteSize } from "../config/byte-size";
import { AppError } from "./app-error";
import { parseStorableJson } from "./storable-input";

const DEFAULT_MAX_BYTES = 64 * 1024;
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a request's JSON body. Anything that is not JSON is a 400 with a sentence; a body past
 * `maxBytes` is a 413, refused as soon as it grows past the limit rather than after buffering it.
 * A body holding U+0000 (which the database cannot store) is a 400 that says so. `tooLarge` is
 * the 413 to answer instead of the generic one, when the caller can say what its limit is for.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BYTES, tooLarge = bodyTooLarge(maxBytes)): Promise<unknown> {
  // A page on another site can post a form (text/plain included) without asking first, but
  // not application/json, so insisting on it shuts that door on forged requests.
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request", "Send the body as JSON, with Content-Type: application/json.");
  }
  if (Number(request.headers.get("content-length")) > maxBytes) throw tooLarge;
  const text = await readText(request, maxBytes, tooLarge);
  if (text.trim() === "") throw new AppError("bad_request", "The request needs a JSON body.");
  try {
    return parseStorableJson(text);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

async function readText(request: Request, maxBytes: number, tooLarge: AppError): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge;
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The request body is not valid JSON.", String(error));
  }
}

function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${describeByteSize(maxBytes)}.`);
}
