import { describe, expect, it } from "vitest";
import { codeFingerprint } from "./code-fingerprint";

describe("codeFingerprint", () => {
  it("is the same for the same code and differs when a character changes", () => {
    expect(codeFingerprint("print(1)")).toBe(codeFingerprint("print(1)"));
    expect(codeFingerprint("print(1)")).not.toBe(codeFingerprint("print(2)"));
    expect(codeFingerprint("")).not.toBe(codeFingerprint(" "));
  });

  it("is a short printable string whatever the code holds", () => {
    expect(codeFingerprint("é\u0000😀".repeat(10_000))).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
  });
});
