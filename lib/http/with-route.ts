import { toErrorResponse } from "./error-response";

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Wraps a route handler so every failure becomes API.md's error envelope. */
export function withRoute<Context>(handler: Handler<Context>): Handler<Context> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
