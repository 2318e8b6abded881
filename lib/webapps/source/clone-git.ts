import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { folderSize } from "./folder-size";
import { sourceError } from "./source-error";

export type CloneOptions = {
  url: string;
  branch: string;
  dir: string;
  timeoutMs: number;
  maxBytes: number;
  maxFiles: number;
  allowFile: boolean;
};

const SIZE_CHECK_MS = 500;

function gitArgs({ url, branch, dir, allowFile }: CloneOptions): string[] {
  // Only the transports Runnel means to use; symlinks arrive as plain files holding their target.
  const config = ["protocol.allow=never", "protocol.https.allow=always", ...(allowFile ? ["protocol.file.allow=always"] : [])];
  config.push("core.symlinks=false", "core.hooksPath=/dev/null", "credential.helper=", "http.followRedirects=false");
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
    await new Promise<void>((resolve, reject) => {
      const child = execFile("git", gitArgs(options), { env: env as NodeJS.ProcessEnv, timeout: options.timeoutMs, maxBuffer: 1024 ** 2 }, (error, _stdout, stderr) => {
        clearInterval(watch);
        if (oversized) reject(sourceError(`The repository is larger than the ${options.maxBytes}-byte limit.`));
        else if (error?.killed) reject(sourceError(`git clone took longer than ${Math.round(options.timeoutMs / 1000)} s.`));
        else if (error) reject(sourceError(`git clone failed: ${lastLine(stderr)}`, stderr));
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

function lastLine(stderr: string): string {
  const lines = stderr.trim().split("\n").filter(Boolean);
  return (lines.at(-1) ?? "no output").replace(/^fatal:\s*/, "");
}
