import { describe, expect, it } from "vitest";
import { requestHeadersForApp, responseHeadersForClient } from "./forward-headers";

const client = { remoteAddress: "::ffff:10.0.0.7", encrypted: false };

describe("requestHeadersForApp", () => {
  it("removes hop-by-hop headers, including those the Connection header names", () => {
    const headers = requestHeadersForApp(
      { host: "a.apps.localhost", connection: "keep-alive, x-secret-hop", "keep-alive": "timeout=5", "x-secret-hop": "1", te: "trailers", "proxy-authorization": "Basic x", accept: "text/html" },
      client,
    );
    expect(headers).toMatchObject({ host: "a.apps.localhost", accept: "text/html" });
    for (const name of ["connection", "keep-alive", "x-secret-hop", "te", "proxy-authorization", "upgrade", "transfer-encoding"]) {
      expect(headers).not.toHaveProperty(name);
    }
  });

  it("sets X-Forwarded-For/-Host/-Proto from the client's connection", () => {
    const headers = requestHeadersForApp({ host: "a.apps.localhost:3000" }, client);
    expect(headers).toMatchObject({ "x-forwarded-for": "10.0.0.7", "x-forwarded-host": "a.apps.localhost:3000", "x-forwarded-proto": "http" });
    expect(requestHeadersForApp({ host: "a" }, { ...client, encrypted: true })["x-forwarded-proto"]).toBe("https");
  });

  it("appends to a front proxy's X-Forwarded-For and keeps its host and scheme", () => {
    const headers = requestHeadersForApp(
      { host: "runnel:3000", "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "a.apps.example.com", "x-forwarded-proto": "https" },
      client,
    );
    expect(headers).toMatchObject({ "x-forwarded-for": "203.0.113.9, 10.0.0.7", "x-forwarded-host": "a.apps.example.com", "x-forwarded-proto": "https" });
  });

  it("keeps Upgrade and Connection only for a handshake", () => {
    const incoming = { host: "a", connection: "Upgrade", upgrade: "websocket", "sec-websocket-key": "k" };
    expect(requestHeadersForApp(incoming, client)).not.toHaveProperty("upgrade");
    expect(requestHeadersForApp(incoming, client, { upgrade: true })).toMatchObject({ connection: "upgrade", upgrade: "websocket", "sec-websocket-key": "k" });
  });

  it("drops Runnel's own cookies and keeps the app's", () => {
    const headers = requestHeadersForApp({ host: "a", cookie: "theme=dark; runnel_app_access=tok; sid=42" }, client, { dropCookies: ["runnel_app_access"] });
    expect(headers.cookie).toBe("theme=dark; sid=42");
    const none = requestHeadersForApp({ host: "a", cookie: "runnel_app_access=tok" }, client, { dropCookies: ["runnel_app_access"] });
    expect(none).not.toHaveProperty("cookie");
  });
});

describe("responseHeadersForClient", () => {
  it("keeps end-to-end headers and drops framing ones Node sets itself", () => {
    const headers = responseHeadersForClient({ "content-type": "text/event-stream", "transfer-encoding": "chunked", connection: "keep-alive", "set-cookie": ["a=1", "b=2"] });
    expect(headers).toEqual({ "content-type": "text/event-stream", "set-cookie": ["a=1", "b=2"] });
  });
});
