import { PassThrough, type Readable } from "node:stream";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { CappedOutput } from "./capped-output";
import { collectOutputFiles } from "./collect-output-files";

type Entry = { name: string; type?: "file" | "directory" | "symlink"; content?: string; linkname?: string };

// What getArchive returns for /workspace/output: the folder first, then its entries by name.
function archive(entries: Entry[]): Readable {
  const pack = tar.pack();
  for (const { name, type = "file", content, linkname } of entries) {
    pack.entry({ name, type, linkname }, Buffer.from(type === "file" ? (content ?? "") : ""));
  }
  pack.finalize();
  return pack.pipe(new PassThrough());
}

describe("collectOutputFiles", () => {
  it("keeps the plain files directly inside the folder within the count and size caps", async () => {
    const result = await collectOutputFiles(
      archive([
        { name: "output/", type: "directory" },
        { name: "output/a.txt", content: "a" },
        { name: "output/big.bin", content: "x".repeat(11) },
        { name: "output/c.txt", content: "c" },
        { name: "output/d.txt", content: "d" },
        { name: "output/passwd", type: "symlink", linkname: "/etc/passwd" },
        { name: "output/sub/", type: "directory" },
        { name: "output/sub/e.txt", content: "e" },
      ]),
      { maxCount: 2, maxBytes: 10 },
    );
    expect(result.files.map((f) => [f.name, f.content.toString()])).toEqual([
      ["a.txt", "a"],
      ["c.txt", "c"],
    ]);
    expect(result.skipped).toEqual([
      { name: "big.bin", reason: "size" },
      { name: "d.txt", reason: "count" },
      { name: "passwd", reason: "not-a-file" },
      { name: "sub", reason: "not-a-file" },
    ]);
  });

  it("returns nothing for an empty folder", async () => {
    expect(await collectOutputFiles(archive([{ name: "output/", type: "directory" }]), { maxCount: 5, maxBytes: 5 })).toEqual({
      files: [],
      skipped: [],
    });
  });
});

describe("CappedOutput", () => {
  it("keeps the first bytes up to the cap and marks the rest as truncated", async () => {
    const sink = new CappedOutput(5);
    sink.write(Buffer.from("abc"));
    sink.write(Buffer.from("defg"));
    sink.end();
    await new Promise((resolve) => sink.on("finish", resolve));
    expect([sink.text(), sink.truncated]).toEqual(["abcde", true]);
  });
});
