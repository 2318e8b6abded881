import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { UnsafePathError, workspaceArchive } from "./workspace-archive";

async function entries(files: Parameters<typeof workspaceArchive>[0]) {
  const extract = tar.extract();
  workspaceArchive(files).pipe(extract);
  const seen: Array<{ name: string; type: string | null | undefined; uid?: number; mode?: number; body: string }> = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, type, uid, mode } = entry.header;
    seen.push({ name, type, uid, mode, body: Buffer.concat(chunks).toString() });
  }
  return seen;
}

describe("workspaceArchive", () => {
  it("packs normalised files after every folder above them, owned by the sandbox user", async () => {
    const seen = await entries([
      { path: "./src//app/main.py", content: "print(1)" },
      { path: "README.md", content: Buffer.from("# hi") },
    ]);
    expect(seen.map(({ name, type, uid }) => [name, type, uid])).toEqual([
      ["src", "directory", 1000],
      ["src/app", "directory", 1000],
      ["src/app/main.py", "file", 1000],
      ["README.md", "file", 1000],
    ]);
    expect(seen[2]).toMatchObject({ mode: 0o644, body: "print(1)" });
  });

  it.each(["../x", "/etc/passwd", "a/../../x", "bad\u0001name"])("refuses %j before packing anything", (path) => {
    expect(() => workspaceArchive([{ path, content: "x" }])).toThrow(UnsafePathError);
  });
});
