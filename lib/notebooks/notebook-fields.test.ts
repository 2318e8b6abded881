import { describe, expect, it } from "vitest";
import { AppError } from "../http/app-error";
import { assertContentFits, MAX_CONTENT_BYTES, notebookTitleSchema } from "./notebook-fields";

describe("notebook fields", () => {
  it("take titles of 1 to 200 characters, trimmed", () => {
    expect(notebookTitleSchema.parse("  Intro ")).toBe("Intro");
    expect(notebookTitleSchema.safeParse(" ").success).toBe(false);
    expect(notebookTitleSchema.safeParse("t".repeat(200)).success).toBe(true);
    expect(notebookTitleSchema.safeParse("t".repeat(201)).success).toBe(false);
  });

  it("measure content in UTF-8 bytes and refuse past 1 MiB with a 413", () => {
    expect(() => assertContentFits("x".repeat(MAX_CONTENT_BYTES))).not.toThrow();
    expect(() => assertContentFits("x".repeat(MAX_CONTENT_BYTES + 1))).toThrow(AppError);
    // 400 000 three-byte characters: fewer than a million characters, more than a MiB.
    expect(thrownBy(() => assertContentFits("€".repeat(400_000)))).toMatchObject({
      status: 413,
      message: "A notebook can hold at most 1 MiB of text; this one is 1,200,000 bytes.",
    });
  });
});

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}
