import { ZodError } from "zod";
import { AppError, ERROR_STATUS, RateLimitError, type ErrorCode } from "./app-error";

export type ErrorBody = { error: { code: ErrorCode; message: string } };

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not valid.";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** Turns anything thrown by a route into API.md's envelope; unknown errors leak nothing. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = error instanceof RateLimitError ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return Response.json(errorBody(error.code, error.message), { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    return Response.json(errorBody("bad_request", describeZodError(error)), { status: ERROR_STATUS.bad_request });
  }
  console.error("[route] unexpected error", error);
  return Response.json(errorBody("internal", "Something went wrong on our side. Please try again."), {
    status: ERROR_STATUS.internal,
  });
}
