import { describe, expect, it } from "vitest";
import { normaliseWorkspacePath } from "./workspace-path";

describe("normaliseWorkspacePath", () => {
  it.each([
    ["a.py", "a.py"],
    ["src/app.py", "src/app.py"],
    ["./a//b.py", "a/b.py"],
    ["a/../b.py", "b.py"],
    ["a/./b/../c/d.txt", "a/c/d.txt"],
    ["a/b/..", "a"],
    ["..a/b..", "..a/b.."],
    ["my notes.txt", "my notes.txt"],
    ["données/é.txt", "données/é.txt"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normaliseWorkspacePath(input)).toEqual({ ok: true, path: expected });
  });

  it.each(["../x", "a/../../x", "./../x", "a/b/../../../x", ".."])("refuses %j because it leaves the workspace", (input) => {
    expect(normaliseWorkspacePath(input)).toEqual({ ok: false, error: `File path "${input}" leaves the workspace.` });
  });

  it.each(["/etc/passwd", "//server/share/x", "C:\\Windows\\win.ini", "c:/x", "C:x", "\\x"])(
    "refuses the absolute path %j",
    (input) => {
      expect(normaliseWorkspacePath(input)).toEqual({
        ok: false,
        error: `File path "${input}" is absolute; use a path relative to the workspace.`,
      });
    },
  );

  it("refuses an empty path", () => {
    expect(normaliseWorkspacePath("")).toEqual({ ok: false, error: "File path is empty." });
  });

  it.each([".", "a/..", "./."])("refuses %j because it names the workspace itself, not a file", (input) => {
    expect(normaliseWorkspacePath(input)).toEqual({
      ok: false,
      error: `File path "${input}" names the workspace itself, not a file.`,
    });
  });

  it("refuses a path ending in a slash because it names a folder", () => {
    expect(normaliseWorkspacePath("src/")).toEqual({
      ok: false,
      error: 'File path "src/" ends with "/", so it names a folder, not a file.',
    });
  });

  it("refuses a backslash anywhere, since it is a separator on Windows", () => {
    expect(normaliseWorkspacePath("a\\b.py")).toEqual({
      ok: false,
      error: 'File path "a\\b.py" contains a backslash; separate folders with "/".',
    });
  });

  it.each(["a\u0000b", "a\u001fb", "a\u007fb", "a\nb", "a\tb"])(
    "refuses control characters and spells them out in the error (%j)",
    (input) => {
      const result = normaliseWorkspacePath(input);
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^File path "a\\u00[0-7][0-9a-f]b" contains a control character\.$/) });
    },
  );

  it("checks control characters before anything else, so the message names the real problem", () => {
    expect(normaliseWorkspacePath("../\u0000")).toMatchObject({ ok: false, error: expect.stringContaining("control character") });
  });
});
