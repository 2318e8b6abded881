import { describe, expect, it } from "vitest";
import { validateGitBranch, validateGitUrl } from "./git-url";

const https = { allowFile: false };
const withFile = { allowFile: true };

describe("validateGitUrl", () => {
  it("accepts a public https URL", () => {
    expect(validateGitUrl("https://example.com/owner/repo.git", https)).toBe("https://example.com/owner/repo.git");
  });

  it.each([
    ["ext::sh -c touch% /tmp/pwned", /remote helper|spaces/],
    ["fd::3", /remote helper/],
    ["--upload-pack=touch /tmp/x", /may not start with '-'/],
    ["http://example.com/repo.git", /must use https \(not http\)/],
    ["ssh://git@example.com/repo.git", /must use https/],
    ["git://example.com/repo.git", /must use https/],
    ["https://user:secret@example.com/repo.git", /credentials/],
    ["https://token@example.com/repo.git", /credentials/],
    ["https://example.com/repo.git\n--config", /control characters/],
    ["example.com:repo.git", /must use https|not a URL/],
    ["", /empty/],
  ])("refuses %j", (url, message) => {
    expect(() => validateGitUrl(url, https)).toThrow(message);
  });

  it("accepts file:// only when ALLOW_FILE_GIT_URLS allows it", () => {
    expect(() => validateGitUrl("file:///srv/repo", https)).toThrow(/ALLOW_FILE_GIT_URLS=1/);
    expect(validateGitUrl("file:///srv/repo", withFile)).toBe("file:///srv/repo");
    expect(() => validateGitUrl("file://otherhost/srv/repo", withFile)).toThrow(/local path/);
  });
});

describe("validateGitBranch", () => {
  it("accepts ordinary branch names", () => {
    expect(validateGitBranch("main")).toBe("main");
    expect(validateGitBranch("feature/x-1.2")).toBe("feature/x-1.2");
  });

  it.each(["-b", "--upload-pack=x", "a..b", "a b", "a/", "x.lock", ""])("refuses %j", (branch) => {
    expect(() => validateGitBranch(branch)).toThrow("git_branch is not a valid branch name.");
  });
});
