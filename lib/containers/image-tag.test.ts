import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { imageInputsHash } from "./image-tag";

describe("imageInputsHash", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "runnel-images-"));
    copyFileSync("runtime-image/build.sh", path.join(root, "build.sh"));
    mkdirSync(path.join(root, "demo", "agent", "Nested"), { recursive: true });
    writeFileSync(path.join(root, "demo", "Dockerfile"), "FROM scratch\n");
    writeFileSync(path.join(root, "demo", "agent", "a.py"), "print('a')\n");
    writeFileSync(path.join(root, "demo", "agent", "Nested", "b.txt"), "b\n");
    writeFileSync(path.join(root, "demo", "agent", "B-upper.txt"), "upper\n");
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const bashTag = () =>
    execFileSync("bash", [path.join(root, "build.sh"), "--print-tag", "demo"], { encoding: "utf8", stdio: "pipe" }).trim();

  it("agrees with the tag runtime-image/build.sh computes", () => {
    expect(bashTag()).toBe(`runnel-demo:${imageInputsHash("demo", root)}`);
  });

  it("changes when any file in the image directory changes, and only then", () => {
    const before = imageInputsHash("demo", root);
    expect(imageInputsHash("demo", root)).toBe(before);
    writeFileSync(path.join(root, "demo", "agent", "Nested", "b.txt"), "b changed\n");
    const after = imageInputsHash("demo", root);
    expect(after).not.toBe(before);
    expect(bashTag()).toBe(`runnel-demo:${after}`);
  });

  it("leaves out Python's bytecode caches, as build.sh does: a compiled agent is the same image", () => {
    const before = imageInputsHash("demo", root);
    mkdirSync(path.join(root, "demo", "agent", "__pycache__"));
    writeFileSync(path.join(root, "demo", "agent", "__pycache__", "a.cpython-311.pyc"), "bytecode");
    expect(imageInputsHash("demo", root)).toBe(before);
    expect(bashTag()).toBe(`runnel-demo:${before}`);
  });

  describe("an image that lists shared files", () => {
    beforeEach(() => {
      mkdirSync(path.join(root, "source", "agent"), { recursive: true });
      writeFileSync(path.join(root, "source", "agent", "agent.py"), "print('agent')\n");
      writeFileSync(path.join(root, "demo", "shared-files"), "# the agent has one source\nsource/agent/agent.py\n\n");
    });

    it("hashes the shared file as part of its context, as build.sh does", () => {
      const before = imageInputsHash("demo", root);
      expect(bashTag()).toBe(`runnel-demo:${before}`);
      writeFileSync(path.join(root, "source", "agent", "agent.py"), "print('agent, changed')\n");
      const after = imageInputsHash("demo", root);
      expect(after).not.toBe(before);
      expect(bashTag()).toBe(`runnel-demo:${after}`);
    });

    it("is refused, by both, when a listed path leaves the images directory or is missing", () => {
      for (const listed of ["../outside.txt", "/etc/passwd", "source/agent/missing.py"]) {
        writeFileSync(path.join(root, "demo", "shared-files"), `${listed}\n`);
        expect(() => imageInputsHash("demo", root)).toThrow(listed);
        expect(bashTag).toThrow();
      }
    });
  });

  it("changes when a file is renamed, even with the same content", () => {
    const before = imageInputsHash("demo", root);
    rmSync(path.join(root, "demo", "agent", "a.py"));
    writeFileSync(path.join(root, "demo", "agent", "c.py"), "print('a')\n");
    expect(imageInputsHash("demo", root)).not.toBe(before);
  });
});
