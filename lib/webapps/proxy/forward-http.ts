import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { responseHeadersForClient } from "./forward-headers";

// Kept-alive connections to the apps; a short idle timeout so a removed container's sockets go.
const agent = new Agent({ keepAlive: true, timeout: 30_000, maxFreeSockets: 64 });

export type ForwardTarget = { host: string; port: number };

/** How a forward ended before any response reached the client. */
export type ForwardFailure = { retryable: boolean; error: Error };

/**
 * Streams one request to the app and its response back, chunk by chunk in both directions (pipe
 * keeps backpressure; nothing is buffered, so SSE and chunked replies flow as they are written).
 * Resolves null once the response has started or the client left, or with the failure when the
 * app could not be reached; the caller answers that.
 */
export function forwardHttp(
  request: IncomingMessage,
  response: ServerResponse,
  target: ForwardTarget,
  headers: OutgoingHttpHeaders,
): Promise<ForwardFailure | null> {
  return new Promise((resolve) => {
    const upstream = httpRequest({ host: target.host, port: target.port, method: request.method, path: request.url, headers, agent });
    let settled = false;
    const settle = (value: ForwardFailure | null) => {
      if (!settled) resolve(value);
      settled = true;
    };

    upstream.on("response", (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.statusMessage, responseHeadersForClient(reply.headers));
      // Headers out now, even before the first body chunk (an SSE stream may wait a while).
      response.flushHeaders();
      reply.pipe(response);
      reply.on("error", () => response.destroy());
      settle(null);
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (settled || response.headersSent) {
        response.destroy();
        settle(null);
        return;
      }
      // Only a request with no body can be sent again: its body has not been read.
      const retryable = !hasBody(request) && (error.code === "ECONNREFUSED" || (error.code === "ECONNRESET" && upstream.reusedSocket));
      settle({ retryable, error });
    });
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
      settle(null);
    });
    if (hasBody(request)) request.pipe(upstream);
    else upstream.end();
  });
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
