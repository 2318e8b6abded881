import { describe, expect, it } from "vitest";
import { withUploadSlot } from "./upload-slots";

describe("withUploadSlot", () => {
  it("upload flood: a third parallel upload of one account gets a 429 with a sentence; others' go on", async () => {
    let finish: () => void = () => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    const first = withUploadSlot("ada", 2, () => held);
    const second = withUploadSlot("ada", 2, () => held);
    await expect(withUploadSlot("ada", 2, async () => "third")).rejects.toMatchObject({
      status: 429,
      message: "You have 2 app uploads under way already (at most 2 at once). Try again when one has finished.",
    });
    expect(await withUploadSlot("bob", 2, async () => "bob's")).toBe("bob's");
    finish();
    await Promise.all([first, second]);
    expect(await withUploadSlot("ada", 2, async () => "later")).toBe("later");
  });

  it("frees the slot when the upload fails", async () => {
    await expect(withUploadSlot("cy", 1, async () => Promise.reject(new Error("bad zip")))).rejects.toThrow("bad zip");
    expect(await withUploadSlot("cy", 1, async () => "ok")).toBe("ok");
  });
});
