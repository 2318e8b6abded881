import { spawn } from "node:child_process";

/** Runs a command to the end, showing its output only when it fails. */
export function runQuietly(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${file} ${args.join(" ")} failed (exit ${code}):\n${Buffer.concat(output).toString("utf8").slice(-4000)}`));
    });
  });
}
