import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { publishDeployEvent } from "./deploy-progress";

/**
 * One deploy's log: each line goes to the app's build.log and to whoever follows the deploy.
 * Past `maxBytes` one marker line is written and the build's lines are dropped; Runnel's own
 * `[runnel]` lines (a handful per deploy) still pass, so the outcome is always in the log.
 */
export class BuildLog {
  private written = 0;
  private full = false;

  private constructor(
    private readonly appId: string,
    private readonly file: WriteStream,
    private readonly maxBytes: number,
  ) {}

  static async open(appId: string, file: string, maxBytes: number): Promise<BuildLog> {
    await mkdir(path.dirname(file), { recursive: true });
    // A new deploy starts a new log: the previous one is of no use once this one runs.
    const stream = createWriteStream(file, { flags: "w" });
    return new BuildLog(appId, stream, maxBytes);
  }

  line(text: string): void {
    const own = text.startsWith("[runnel]");
    if (!own) {
      if (this.full) return;
      this.written += Buffer.byteLength(text) + 1;
      if (this.written > this.maxBytes) {
        this.full = true;
        text = `[runnel] the build log reached its limit of ${this.maxBytes} bytes; the rest of the build's output is dropped`;
      }
    }
    this.file.write(`${text}\n`);
    publishDeployEvent(this.appId, { type: "log", line: text });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.file.end(resolve));
  }
}

/** The last `lines` lines of a build log ("" when there is none). */
export async function readBuildLogTail(file: string, lines: number): Promise<string> {
  const MAX_READ = 1024 ** 2;
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return "";
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_READ);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const all = buffer.toString("utf8").split("\n");
    if (all.at(-1) === "") all.pop();
    return all.slice(-lines).map((line) => `${line}\n`).join("");
  } finally {
    await handle.close();
  }
}
