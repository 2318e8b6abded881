import { describe, expect, it } from "vitest";
import { AppError } from "./app-error";
import { readJsonBody } from "./read-json-body";

const json = { "content-type": "application/json" };

function post(body: BodyInit | null, headers: Record<string, string> = json): Request {
  return new Request("http://localhost/api/x", { method: "POST", body, headers });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    expect(await readJsonBody(post('{"title":"Intro","n":[1,2]}'))).toEqual({ title: "Intro", n: [1, 2] });
  });

  it("accepts JSON media types with parameters and +json suffixes", async () => {
    expect(await readJsonBody(post("1", { "content-type": "application/json; charset=utf-8" }))).toBe(1);
    expect(await readJsonBody(post("2", { "content-type": "application/merge-patch+json" }))).toBe(2);
  });

  it("answers 400 with a sentence for malformed JSON", async () => {
    const error = await refusal(readJsonBody(post('{"title": "Intro",')));
    expect(error.status).toBe(400);
    expect(error.message).toBe("The request body is not valid JSON.");
  });

  it("answers 400 for an empty body", async () => {
    expect((await refusal(readJsonBody(post(null)))).message).toBe("The request needs a JSON body.");
  });

  it("answers 400 for a body that is not UTF-8", async () => {
    const error = await refusal(readJsonBody(post(new Uint8Array([0x22, 0xff, 0xfe, 0x22]))));
    expect(error.status).toBe(400);
  });

  it("answers 400 when the body is not sent as JSON, as a cross-site form would", async () => {
    const error = await refusal(readJsonBody(post('{"a":1}', { "content-type": "text/plain" })));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Content-Type: application\/json/);
  });

  it("answers 413 for a body that grows past the limit", async () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    const error = await refusal(readJsonBody(post(big), 1024));
    expect(error.status).toBe(413);
    expect(error.message).toBe("The request body is larger than 1 KiB.");
  });

  it("answers 413 at once for a body declared larger than the limit", async () => {
    const declared = post("{}", { ...json, "content-length": String(8 * 1024 ** 2) });
    expect((await refusal(readJsonBody(declared, 1024 ** 2))).message).toBe("The request body is larger than 1 MiB.");
  });

  it("answers 400 naming U+0000 for a NUL in a string or a key, which the database cannot store", async () => {
    for (const body of ['{"title":"a\\u0000b"}', '{"a\\u0000":1}', '["x",{"y":["\\u0000"]}]']) {
      const error = await refusal(readJsonBody(post(body)));
      expect(error.status, body).toBe(400);
      expect(error.message).toMatch(/NUL character \(U\+0000\)/);
    }
  });

  it("keeps a backslash followed by u0000 as the text it is", async () => {
    expect(await readJsonBody(post('{"code":"print(\\"\\\\u0000\\")"}'))).toEqual({ code: 'print("\\u0000")' });
  });

  it("answers 400 for half of a surrogate pair, spelled in either case, and keeps a whole pair", async () => {
    for (const body of ['{"title":"a\\ud800"}', '{"\\uDFFFk":1}', '["\\uDBFF\\u0041"]']) {
      const error = await refusal(readJsonBody(post(body)));
      expect(error.status, body).toBe(400);
      expect(error.message).toMatch(/surrogate pair/);
    }
    expect(await readJsonBody(post('{"t":"\\ud83d\\ude00"}'))).toEqual({ t: "😀" });
  });
});
