import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

// RFC 9110 §7.6.1: meaningful for one connection only, never passed on by a proxy.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

export type ClientFacts = {
  /** The peer's address as the socket saw it. */
  remoteAddress: string | undefined;
  /** Whether the client's connection to us is TLS. */
  encrypted: boolean;
};

export type ForwardOptions = {
  /** Keep `Connection: upgrade` and `Upgrade` (a WebSocket handshake). */
  upgrade?: boolean;
  /** Cookie names to remove before the app sees the request (Runnel's own). */
  dropCookies?: readonly string[];
};

/** The headers an app receives: hop-by-hop ones removed, X-Forwarded-* set. */
export function requestHeadersForApp(incoming: IncomingHttpHeaders, client: ClientFacts, options: ForwardOptions = {}): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = withoutHopByHop(incoming);
  const cookie = options.dropCookies?.length ? withoutCookies(incoming.cookie, options.dropCookies) : incoming.cookie;
  if (cookie) headers.cookie = cookie;
  else delete headers.cookie;

  const priorFor = joined(incoming["x-forwarded-for"]);
  const address = client.remoteAddress?.replace(/^::ffff:/, "");
  if (address) headers["x-forwarded-for"] = priorFor ? `${priorFor}, ${address}` : address;
  // A front proxy (Traefik) that terminated TLS says so; our own view is the fallback.
  headers["x-forwarded-proto"] = joined(incoming["x-forwarded-proto"])?.split(",")[0]?.trim() || (client.encrypted ? "https" : "http");
  headers["x-forwarded-host"] = joined(incoming["x-forwarded-host"])?.split(",")[0]?.trim() || incoming.host || "";

  if (options.upgrade && incoming.upgrade) {
    headers.connection = "upgrade";
    headers.upgrade = incoming.upgrade;
  }
  return headers;
}

/** An app's response headers without the hop-by-hop ones (Node frames the body itself). */
export function responseHeadersForClient(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  return withoutHopByHop(incoming);
}

function withoutHopByHop(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = (joined(incoming.connection) ?? "")
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  const drop = new Set([...HOP_BY_HOP, ...named]);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value !== undefined && !drop.has(name)) headers[name] = value;
  }
  return headers;
}

function withoutCookies(header: string | undefined, names: readonly string[]): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair !== "" && !names.includes(pair.split("=", 1)[0]!.trim()));
  return kept.length ? kept.join("; ") : undefined;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
