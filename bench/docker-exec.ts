import { engineJson, engineRequest } from "./docker-engine";

export type ExecResult = { exitCode: number; stdout: string; stderr: string };

/** Splits Docker's multiplexed stream: 8-byte frame headers (stream, 0, 0, 0, size as uint32 BE). */
export function demux(raw: Buffer): { stdout: string; stderr: string } {
  const parts: Record<"stdout" | "stderr", Buffer[]> = { stdout: [], stderr: [] };
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    const target = raw[offset] === 2 ? parts.stderr : parts.stdout;
    target.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(parts.stdout).toString("utf8"), stderr: Buffer.concat(parts.stderr).toString("utf8") };
}

/**
 * What `docker exec` costs without any of Runnel: create the exec, start it attached and read its
 * output to the end, then inspect it for the exit code.
 */
export async function bareExec(containerId: string, cmd: string[]): Promise<ExecResult> {
  const { Id } = await engineJson<{ Id: string }>("POST", `/containers/${containerId}/exec`, {
    AttachStdout: true,
    AttachStderr: true,
    Cmd: cmd,
  });
  const started = await engineRequest("POST", `/exec/${Id}/start`, { Detach: false, Tty: false }, { reuse: false });
  if (started.status !== 200) throw new Error(`Docker exec start: ${started.status} ${started.body.toString("utf8")}`);
  const { ExitCode } = await engineJson<{ ExitCode: number | null }>("GET", `/exec/${Id}/json`);
  return { exitCode: ExitCode ?? -1, ...demux(started.body) };
}
