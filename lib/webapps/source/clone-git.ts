import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { folderSize } from "./folder-size";
import { publicAddressOf } from "./public-address";
import { sourceError } from "./source-error";

export type CloneOptions = {
  url: string;
  branch: string;
  dir: string;
  timeoutMs: number;
  maxBytes: number;
  maxFiles: number;
  allowFile: boolean;
  /** Clone from hosts on loopback, private or link-local networks too (air-gapped installs). */
  allowPrivateHosts: boolean;
};

const SIZE_CHECK_MS = 500;

/** For https, the one address git's curl may connect to: the one checked, not a second lookup's. */
async function pinnedResolve(url: string, allowPrivate: boolean): Promise<string[]> {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:") return [];
  const address = await publicAddressOf(parsed.hostname, { allowPrivate });
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return [`http.curloptResolve=${host}:${parsed.port || "443"}:${address.includes(":") ? `[${address}]` : address}`];
}

function gitArgs({ url, branch, dir, allowFile }: CloneOptions, resolve: string[]): string[] {
  // Only the transports Runnel means to use; symlinks arrive as plain files holding their target.
  const config = ["protocol.allow=never", "protocol.https.allow=always", ...(allowFile ? ["protocol.file.allow=always"] : [])];
  config.push("core.symlinks=false", "core.hooksPath=/dev/null", "credential.helper=", "http.followRedirects=false", ...resolve);
  return [
    ...config.flatMap((entry) => ["-c", entry]),
    "clone", "--depth", "1", "--single-branch", "--no-tags", "--branch", branch, "--", url, dir,
  ];
}

/**
 * A shallow clone of one branch into `dir` (which must not exist), without a shell, a prompt or
 * the user's git config, killed past the timeout or the size cap. On failure `dir` is removed.
 * The `.git` folder is removed afterwards: only the files are deployed.
 */
export async function cloneGit(options: CloneOptions): Promise<void> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: path.dirname(options.dir),
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ASKPASS: "/bin/false",
    LC_ALL: "C",
  };
  let oversized = false;
  try {
    const pinned = await pinnedResolve(options.url, options.allowPrivateHosts);
    await new Promise<void>((resolve, reject) => {
      const child = execFile("git", gitArgs(options, pinned), { env: env as NodeJS.ProcessEnv, timeout: options.timeoutMs, maxBuffer: 1024 ** 2 }, (error, _stdout, stderr) => {
        clearInterval(watch);
        if (oversized) reject(sourceError(`The repository is larger than the ${options.maxBytes}-byte limit.`));
        else if (error?.killed) reject(sourceError(`git clone took longer than ${Math.round(options.timeoutMs / 1000)} s.`));
        else if (error) reject(sourceError(`git clone failed: ${failureOf(stderr)}`, stderr));
        else resolve();
      });
      const watch = setInterval(() => {
        void folderSize(options.dir).then(({ bytes, files }) => {
          if (bytes > options.maxBytes || files > options.maxFiles) {
            oversized = true;
            child.kill("SIGKILL");
          }
        });
      }, SIZE_CHECK_MS);
    });
    await rm(path.join(options.dir, ".git"), { recursive: true, force: true });
    const { bytes, files } = await folderSize(options.dir);
    if (bytes > options.maxBytes) throw sourceError(`The repository is larger than the ${options.maxBytes}-byte limit.`);
    if (files > options.maxFiles) throw sourceError(`The repository has more than ${options.maxFiles} files.`);
  } catch (error) {
    await rm(options.dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * What failed, in words that quote nothing back: git's own lines carry the URL, addresses and
 * ports it tried, which would turn a refusal into a map of the inside.
 */
function failureOf(stderr: string): string {
  if (/transport '?\w+'? not allowed/i.test(stderr)) return "that transport is not allowed.";
  if (/Remote branch .* not found/i.test(stderr)) return "the branch was not found.";
  if (/repository .* not found|not found|404/i.test(stderr)) return "the repository was not found.";
  if (/authentication|could not read Username|401|403/i.test(stderr)) return "the repository asks for credentials; Runnel clones public repositories only.";
  if (/redirect/i.test(stderr)) return "the server answered with a redirect, which Runnel does not follow.";
  if (/Could not resolve host/i.test(stderr)) return "the host name could not be resolved.";
  if (/Failed to connect|Connection refused|timed out|Couldn't connect/i.test(stderr)) return "the host could not be reached.";
  if (/SSL|certificate|TLS/i.test(stderr)) return "the host's TLS certificate was not accepted.";
  if (/does not appear to be a git repository|not a git repository/i.test(stderr)) return "that is not a Git repository.";
  return "the repository could not be fetched.";
}
