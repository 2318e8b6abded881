import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

// Traefik's forwardAuth check also says which request it asks about (-uri, -method).
const FORWARDING = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-uri", "x-forwarded-method", "x-real-ip", "forwarded"];

/** TRUSTED_PROXIES' entries (addresses or CIDR ranges) as one matcher; throws on a bad entry. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.)/, "");

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value.join(",") : value)?.split(",")[0]?.trim() || undefined;
}

/**
 * Rewrites a request's forwarding headers at the edge, before anything reads them: only a peer
 * in `trusted` may say who the client is and how it connected. Afterwards `x-forwarded-for`
 * holds exactly one address, the client's: the nearest hop that is not a trusted proxy (so a
 * client cannot put a fake address in front of the one the proxy appends), or the socket's
 * peer when it is no trusted proxy, whose forwarding headers are all dropped.
 */
export function acceptForwardedHeaders(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trusted: BlockList): void {
  const peer = plain(remoteAddress ?? "");
  const hops = (Array.isArray(headers["x-forwarded-for"]) ? headers["x-forwarded-for"].join(",") : (headers["x-forwarded-for"] ?? ""))
    .split(",")
    .map(plain)
    .filter(Boolean);
  if (!peer || !isTrusted(trusted, peer)) {
    for (const name of FORWARDING) delete headers[name];
    if (peer) headers["x-forwarded-for"] = peer;
    return;
  }
  const client = [...hops].reverse().find((hop) => !isTrusted(trusted, hop)) ?? hops[0] ?? peer;
  const proto = first(headers["x-forwarded-proto"]);
  const host = first(headers["x-forwarded-host"]);
  for (const name of ["x-forwarded-proto", "x-forwarded-host", "x-real-ip", "forwarded"]) delete headers[name];
  headers["x-forwarded-for"] = client;
  if (proto) headers["x-forwarded-proto"] = proto;
  if (host) headers["x-forwarded-host"] = host;
}
