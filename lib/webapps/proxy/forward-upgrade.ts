import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import type { ForwardTarget } from "./forward-http";

/**
 * Passes an upgrade (a WebSocket handshake) to the app and, once it agrees, splices the two raw
 * sockets together. The app's own answer goes back verbatim: its 101 with the accept key, or a
 * refusal with its body. Resolves false when the app could not be reached (nothing written yet).
 */
export function forwardUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget, headers: OutgoingHttpHeaders): Promise<boolean> {
  return new Promise((resolve) => {
    const upstream = httpRequest({ host: target.host, port: target.port, method: request.method, path: request.url, headers, agent: false });
    let answered = false;

    upstream.on("upgrade", (reply, appSocket, appHead) => {
      answered = true;
      resolve(true);
      socket.write(statusLine(reply) + rawHeaders(reply) + "\r\n");
      if (appHead.length) socket.write(appHead);
      if (head.length) appSocket.write(head);
      for (const end of [socket, appSocket]) {
        if ("setNoDelay" in end && typeof end.setNoDelay === "function") end.setNoDelay(true);
        end.on("error", () => {
          socket.destroy();
          appSocket.destroy();
        });
        end.on("close", () => {
          socket.destroy();
          appSocket.destroy();
        });
      }
      appSocket.pipe(socket);
      socket.pipe(appSocket);
    });
    upstream.on("response", (reply) => {
      answered = true;
      resolve(true);
      socket.write(statusLine(reply) + rawHeaders(reply, ["connection", "keep-alive", "transfer-encoding"]) + "Connection: close\r\n\r\n");
      reply.pipe(socket);
    });
    upstream.on("error", () => {
      if (answered) socket.destroy();
      else resolve(false);
    });
    socket.on("close", () => upstream.destroy());
    upstream.end();
  });
}

function statusLine(reply: IncomingMessage): string {
  return `HTTP/1.1 ${reply.statusCode ?? 502} ${reply.statusMessage ?? ""}\r\n`;
}

function rawHeaders(reply: IncomingMessage, skip: readonly string[] = []): string {
  let text = "";
  for (let index = 0; index < reply.rawHeaders.length; index += 2) {
    const name = reply.rawHeaders[index]!;
    if (skip.includes(name.toLowerCase())) continue;
    text += `${name}: ${reply.rawHeaders[index + 1]}\r\n`;
  }
  return text;
}
