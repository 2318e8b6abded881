import { sourceError } from "./source-error";

export type GitUrlPolicy = { allowFile: boolean };

const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/**
 * A Git URL Runnel will clone: https (file:// only when the policy allows it, for tests and
 * air-gapped set-ups), no credentials, nothing git could read as an option or as a
 * `transport::address` remote helper (`ext::sh -c …` runs a command).
 */
export function validateGitUrl(text: string, policy: GitUrlPolicy): string {
  const url = text.trim();
  if (!url) throw sourceError("git_url is empty.");
  if (url.startsWith("-")) throw sourceError("git_url may not start with '-'.");
  if (/[\s\u0000-\u001f\u007f]/.test(url)) throw sourceError("git_url may not contain spaces or control characters.");
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) throw sourceError("git_url may not name a remote helper (transport::address).");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw sourceError("git_url is not a URL; use https://host/owner/repo.git.");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "file:") {
    throw sourceError(`git_url must use https (not ${parsed.protocol.replace(/:$/, "")}).`);
  }
  if (parsed.username || parsed.password) throw sourceError("git_url may not carry credentials; Runnel clones public repositories only.");
  if (parsed.protocol === "https:") {
    if (!parsed.hostname) throw sourceError("git_url has no host.");
    return parsed.toString();
  }
  if (parsed.protocol === "file:") {
    if (!policy.allowFile) throw sourceError("file:// Git URLs are turned off (ALLOW_FILE_GIT_URLS=1 allows them).");
    if (parsed.host) throw sourceError("a file:// Git URL names a local path, not a host.");
  }
  return parsed.toString();
}

/** A branch name git cannot mistake for an option or a path trick. */
export function validateGitBranch(text: string): string {
  const branch = text.trim();
  if (!BRANCH.test(branch) || branch.includes("..") || branch.includes("//") || branch.endsWith("/") || branch.endsWith(".lock")) {
    throw sourceError("git_branch is not a valid branch name.");
  }
  return branch;
}
