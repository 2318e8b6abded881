import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeZip } from "../testing/make-zip";
import { unpackZip } from "./unpack-zip";

const limits = { maxBytes: 1024 * 1024, maxFiles: 50 };
let root: string;
let target: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "runnel-unzip-"));
  target = path.join(root, "apps", "demo", "source");
  // The app's folder exists; its source folder is created by unpackZip.
  mkdirSync(path.join(root, "apps", "demo"), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every path under the temporary root, so a test sees anything written anywhere in it. */
function everything(dir = root, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = `${prefix}${entry.name}`;
    return entry.isDirectory() ? [`${name}/`, ...everything(path.join(dir, entry.name), `${name}/`)] : [name];
  });
}

describe("unpackZip", () => {
  it("unpacks files and folders, stored and deflated", async () => {
    const zip = makeZip([
      { name: "static/", mode: 0o040755 },
      { name: "index.html", content: "<h1>hi</h1>", deflate: true },
      { name: "static/app.js", content: "console.log(1)" },
    ]);
    await unpackZip(zip, target, limits);
    expect(readFileSync(path.join(target, "index.html"), "utf8")).toBe("<h1>hi</h1>");
    expect(readFileSync(path.join(target, "static/app.js"), "utf8")).toBe("console.log(1)");
  });

  it.each([
    ["a ../ path", "../../evil.txt"],
    ["an absolute path", "/tmp/evil.txt"],
    ["a path through a parent", "ok/../../evil.txt"],
  ])("refuses %s and writes nothing", async (_case, name) => {
    const zip = makeZip([{ name: "index.html", content: "fine" }, { name, content: "evil" }]);
    await expect(unpackZip(zip, target, limits)).rejects.toMatchObject({ code: "bad_request" });
    expect(everything()).toEqual(["apps/", "apps/demo/"]);
  });

  it("refuses a symbolic link", async () => {
    const zip = makeZip([{ name: "passwd", content: "/etc/passwd", mode: 0o120777 }]);
    await expect(unpackZip(zip, target, limits)).rejects.toThrow(/symbolic link/);
    expect(everything()).toEqual(["apps/", "apps/demo/"]);
  });

  it("stops a zip bomb while inflating, whatever its headers claim", async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    for (const declaredSize of [undefined, 10]) {
      const zip = makeZip([{ name: "bomb.bin", content: zeros, deflate: true, declaredSize }]);
      expect(zip.length).toBeLessThan(64 * 1024);
      await expect(unpackZip(zip, target, limits)).rejects.toMatchObject({ code: "bad_request" });
      expect(everything()).toEqual(["apps/", "apps/demo/"]);
    }
  });

  it("refuses more entries than allowed", async () => {
    const zip = makeZip(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, content: "x" })));
    await expect(unpackZip(zip, target, limits)).rejects.toThrow("more than 50 entries");
    expect(everything()).toEqual(["apps/", "apps/demo/"]);
  });

  it("refuses something that is not a zip", async () => {
    await expect(unpackZip(Buffer.from("not a zip at all"), target, limits)).rejects.toThrow(/not a readable zip/);
    expect(everything()).toEqual(["apps/", "apps/demo/"]);
  });
});
