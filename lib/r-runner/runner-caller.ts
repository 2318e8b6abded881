import { findUserByApiToken } from "../auth/find-user-by-api-token";
import { bearerToken, getCurrentUser } from "../auth/get-current-user";
import { sameSecret } from "../auth/same-secret";
import { getSettings } from "../config/settings";
import { AppError } from "../http/app-error";

/** Who is calling the R runner: the holder of RUNNER_TOKEN, or a Runnel user. */
export type RunnerCaller = { kind: "runner-token" } | { kind: "user"; userId: string };

/** What artifact metadata records as the run's owner. */
export function ownerOf(caller: RunnerCaller): string {
  return caller.kind === "runner-token" ? "runner token" : caller.userId;
}

function isRunnerToken(token: string): boolean {
  const expected = getSettings().RUNNER_TOKEN;
  return expected !== undefined && expected !== "" && sameSecret(token, expected);
}

const UNAUTHORIZED = "Send Authorization: Bearer with the runner token or a Runnel API token.";

/**
 * The caller of POST /api/r/run: only an Authorization header counts (RUNNER_TOKEN or an
 * `rnl_` API token), never a cookie, so another site cannot make a signed-in browser run code.
 */
export async function scriptCaller(request: Request): Promise<RunnerCaller> {
  const token = bearerToken(request);
  if (!token) throw new AppError("unauthorized", UNAUTHORIZED);
  if (isRunnerToken(token)) return { kind: "runner-token" };
  const user = await findUserByApiToken(token);
  if (!user) throw new AppError("unauthorized", UNAUTHORIZED);
  return { kind: "user", userId: user.id };
}

/** The caller of the runner's reads (artifacts, system): also a signed-in browser. */
export async function readerCaller(request: Request): Promise<RunnerCaller> {
  const token = bearerToken(request);
  if (token && isRunnerToken(token)) return { kind: "runner-token" };
  const user = await getCurrentUser(request);
  if (!user) throw new AppError("unauthorized", UNAUTHORIZED);
  return { kind: "user", userId: user.id };
}
