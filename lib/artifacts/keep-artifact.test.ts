import { describe, expect, it } from "vitest";
import { keepArtifact, skippedArtifactNote } from "./keep-artifact";

describe("keepArtifact", () => {
  it("keeps a file the agent sent, with its MIME type", () => {
    expect(keepArtifact("plot.png", Buffer.from("png"))).toEqual({ name: "plot.png", mime: "image/png", content: Buffer.from("png") });
  });

  it("skips unusable names with a note", () => {
    expect(keepArtifact("../x", Buffer.alloc(1))).toMatchObject({ skipped: true });
    expect(keepArtifact(".hidden", Buffer.alloc(1))).toMatchObject({ skipped: true });
  });
});

describe("skippedArtifactNote", () => {
  it("names the file the agent skipped and says why", () => {
    expect(skippedArtifactNote({ name: "link.png", reason: "it is a symbolic link" })).toBe('Skipped "link.png": it is a symbolic link.');
  });
});
