import { AppError } from "../../http/app-error";

/** A source (Git URL, zip) refused or failed to fetch: a 400 whose message says why. */
export function sourceError(message: string, detail?: string): AppError {
  return new AppError("bad_request", message, detail);
}
