import { getSettings } from "../config/settings";
import { artifactResponse } from "../artifacts/artifact-response";
import { readRunFile, readRunMeta } from "../artifacts/r-run-artifacts";
import { AppError } from "../http/app-error";
import { ownerOf, type RunnerCaller } from "./runner-caller";

/**
 * One output file of an R run, for the runner token or the user who ran it; anyone else, an
 * expired run or an unknown name gets the same 404, so run ids cannot be probed.
 */
export async function getRArtifact(caller: RunnerCaller, runId: string, name: string): Promise<Response> {
  const settings = getSettings();
  const notFound = new AppError("not_found", "There is no such artifact.");
  const meta = await readRunMeta(settings.dataDir, runId);
  if (!meta || Date.parse(meta.expiresAt) <= Date.now()) throw notFound;
  if (caller.kind !== "runner-token" && meta.owner !== ownerOf(caller)) throw notFound;
  const file = meta.files.find((f) => f.name === name);
  if (!file) throw notFound;
  const bytes = await readRunFile(settings.dataDir, runId, file.name).catch(() => {
    throw notFound;
  });
  return artifactResponse(bytes, file.name, file.mime, 300);
}
