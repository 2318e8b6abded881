import type { Sandbox } from "../containers/backend";
import { artifactMime, isSafeArtifactName } from "./artifact-files";

/** The caps of one kind of run, with the names of the settings that set them (for the notes). */
export type ArtifactCaps = { maxCount: number; maxBytes: number; countSetting: string; bytesSetting: string };

export type KeptArtifact = { name: string; mime: string; content: Buffer };
export type SkippedArtifact = { skipped: "name" | "count" | "size" | "not-a-file"; note: string };

/**
 * Copies one output file the agent announced out of the sandbox's output folder (`dir`, relative
 * to the workspace), within the caps; anything else comes back as a note saying why it was not.
 */
export async function keepArtifact(
  sandbox: Pick<Sandbox, "readFile">,
  dir: string,
  announced: { name: string; bytes: number },
  keptSoFar: number,
  caps: ArtifactCaps,
): Promise<KeptArtifact | SkippedArtifact> {
  const { name, bytes } = announced;
  if (!isSafeArtifactName(name)) return { skipped: "name", note: "Skipped an output file with an unusable name." };
  if (keptSoFar >= caps.maxCount) {
    return { skipped: "count", note: `Skipped ${name}: only ${caps.maxCount} output files are kept (${caps.countSetting}).` };
  }
  if (bytes > caps.maxBytes) {
    return { skipped: "size", note: `Skipped ${name}: it is larger than ${caps.maxBytes} bytes (${caps.bytesSetting}).` };
  }
  try {
    const content = await sandbox.readFile(`${dir}/${name}`, caps.maxBytes);
    return { name, mime: artifactMime(name), content };
  } catch {
    return { skipped: "not-a-file", note: `Skipped ${name}: it is not a regular file.` };
  }
}
