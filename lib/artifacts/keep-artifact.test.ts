import { describe, expect, it } from "vitest";
import { keepArtifact, type ArtifactCaps } from "./keep-artifact";

const caps: ArtifactCaps = { maxCount: 2, maxBytes: 10, countSetting: "COUNT_SETTING", bytesSetting: "BYTES_SETTING" };

// Stands in for a sandbox: "plain.png" is a regular file, anything else is refused (a link, a FIFO).
const sandbox = {
  readFile: async (path: string) => {
    if (path === "out/plain.png") return Buffer.from("png");
    throw new Error("not a regular file");
  },
};

describe("keepArtifact", () => {
  it("copies a regular file out of the output folder with its MIME type", async () => {
    expect(await keepArtifact(sandbox, "out", { name: "plain.png", bytes: 3 }, 0, caps)).toEqual({
      name: "plain.png",
      mime: "image/png",
      content: Buffer.from("png"),
    });
  });

  it("says which cap dropped a file, naming its setting", async () => {
    expect(await keepArtifact(sandbox, "out", { name: "plain.png", bytes: 3 }, 2, caps)).toMatchObject({ skipped: "count", note: expect.stringContaining("COUNT_SETTING") });
    expect(await keepArtifact(sandbox, "out", { name: "plain.png", bytes: 11 }, 0, caps)).toMatchObject({ skipped: "size", note: expect.stringContaining("BYTES_SETTING") });
  });

  it("skips unusable names and anything that is not a regular file", async () => {
    expect(await keepArtifact(sandbox, "out", { name: "../x", bytes: 1 }, 0, caps)).toMatchObject({ skipped: "name" });
    expect(await keepArtifact(sandbox, "out", { name: ".hidden", bytes: 1 }, 0, caps)).toMatchObject({ skipped: "name" });
    expect(await keepArtifact(sandbox, "out", { name: "link.png", bytes: 1 }, 0, caps)).toMatchObject({ skipped: "not-a-file" });
  });
});
