import { ZodError } from "zod";
import { isUnstorableTextError } from "../db/jsonb-text";
import { getLogger } from "../observability/logger";
import { AppError, ERROR_STATUS, RateLimitError, type ErrorCode } from "./app-error";
import { UNSTORABLE_IN_REQUEST } from "./storable-input";

/** API.md's envelope; a 5xx also names the request id its log lines carry. */
export type ErrorBody = { error: { code: ErrorCode; message: string; requestId?: string } };

export function errorBody(code: ErrorCode, message: string, requestId?: string | null): ErrorBody {
  return { error: requestId ? { code, message, requestId } : { code, message } };
}

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not valid.";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/**
 * Turns anything thrown by a route into API.md's envelope; unknown errors leak nothing to the
 * client and are logged whole, with the request id that the reply names.
 */
export function toErrorResponse(error: unknown, requestId?: string | null): Response {
  if (error instanceof AppError) {
    const headers = error instanceof RateLimitError ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    const serverSide = error.status >= 500;
    if (serverSide || error.detail) {
      getLogger()[serverSide ? "error" : "info"]({ requestId, code: error.code, detail: error.detail }, error.message);
    }
    return Response.json(errorBody(error.code, error.message, serverSide ? requestId : undefined), { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    return Response.json(errorBody("bad_request", describeZodError(error)), { status: ERROR_STATUS.bad_request });
  }
  if (isUnstorableTextError(error)) {
    // Input no check caught (a path segment, a query) reached the database holding U+0000 or a lone surrogate.
    getLogger().info({ requestId, err: error }, "a request held text the database cannot store");
    return Response.json(errorBody("bad_request", UNSTORABLE_IN_REQUEST), { status: ERROR_STATUS.bad_request });
  }
  getLogger().error({ requestId, err: error }, "unexpected error in a route");
  return Response.json(errorBody("internal", "Something went wrong on our side. Please try again.", requestId), {
    status: ERROR_STATUS.internal,
  });
}
