import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneGit } from "./clone-git";

let root: string;
let repoUrl: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "runnel-clone-"));
  const repo = path.join(root, "repo");
  mkdirSync(repo);
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=t@example.test", "-c", "user.name=t", ...args]);
  git("init", "-q", "-b", "main");
  writeFileSync(path.join(repo, "app.py"), "print('hi')\n");
  git("add", ".");
  git("commit", "-q", "-m", "small");
  git("checkout", "-q", "-b", "big");
  writeFileSync(path.join(repo, "big.bin"), Buffer.alloc(2 * 1024 * 1024, 7));
  git("add", ".");
  git("commit", "-q", "-m", "big");
  repoUrl = `file://${repo}`;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (dir: string, overrides: Partial<Parameters<typeof cloneGit>[0]> = {}) => ({
  url: repoUrl,
  branch: "main",
  dir: path.join(root, dir),
  timeoutMs: 30_000,
  maxBytes: 1024 * 1024,
  maxFiles: 100,
  allowFile: true,
  allowPrivateHosts: false,
  ...overrides,
});

describe("cloneGit", () => {
  it("git SSRF: refuses an https URL whose host is loopback before git runs, naming neither address nor port", async () => {
    const refusal = cloneGit(options("ssrf", { url: "https://localhost:6443/owner/repo.git" }));
    await expect(refusal).rejects.toThrow(/loopback, private or link-local network/);
    await expect(refusal).rejects.not.toThrow(/127\.0\.0\.1|::1|6443/);
    expect(existsSync(path.join(root, "ssrf"))).toBe(false);
  });

  it("clones one branch shallowly and keeps only the files", async () => {
    await cloneGit(options("ok"));
    expect(readFileSync(path.join(root, "ok", "app.py"), "utf8")).toBe("print('hi')\n");
    expect(existsSync(path.join(root, "ok", ".git"))).toBe(false);
  });

  it("is refused by git itself when the file transport is not allowed", async () => {
    await expect(cloneGit(options("nofile", { allowFile: false }))).rejects.toThrow(/git clone failed: .*not allowed/);
    expect(existsSync(path.join(root, "nofile"))).toBe(false);
  });

  it("refuses a repository past the size cap and removes what it cloned", async () => {
    await expect(cloneGit(options("big", { branch: "big" }))).rejects.toThrow(/larger than the 1048576-byte limit/);
    expect(existsSync(path.join(root, "big"))).toBe(false);
  });

  it("reports a missing branch in git's words", async () => {
    await expect(cloneGit(options("nobranch", { branch: "nope" }))).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/git clone failed/) });
    expect(existsSync(path.join(root, "nobranch"))).toBe(false);
  });
});
