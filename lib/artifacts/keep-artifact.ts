import { artifactMime, isSafeArtifactName } from "./artifact-files";

export type KeptArtifact = { name: string; mime: string; content: Buffer };
export type SkippedArtifact = { skipped: true; note: string };

/**
 * An output file the agent sent (it opened the file without following links, and the count
 * and size caps are enforced by the agent and the connection): kept when its name is usable.
 */
export function keepArtifact(name: string, content: Buffer): KeptArtifact | SkippedArtifact {
  if (!isSafeArtifactName(name)) return { skipped: true, note: "Skipped an output file with an unusable name." };
  return { name, mime: artifactMime(name), content };
}

/** The agent's reason for not sending a file (a link, a FIFO, past a cap), as one sentence. */
export function skippedArtifactNote(skipped: { name: string; reason: string }): string {
  return skipped.name ? `Skipped ${JSON.stringify(skipped.name)}: ${skipped.reason}.` : skipped.reason;
}
