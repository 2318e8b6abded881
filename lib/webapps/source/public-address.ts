import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { sourceError } from "./source-error";

// Loopback, private, link-local (cloud metadata), carrier-grade NAT, benchmarking, multicast and
// reserved ranges: none is a public Git host, all are ways to probe the inside.
const INSIDE = new BlockList();
for (const [address, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) INSIDE.addSubnet(address, bits, "ipv4");
for (const [address, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) {
  INSIDE.addSubnet(address, bits, "ipv6");
}

export function isInsideAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INSIDE.check(mapped, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return INSIDE.check(address, family === 6 ? "ipv6" : "ipv4");
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The address to clone `hostname` from: every address it resolves to must be public (one private
 * answer among public ones is how DNS rebinding starts), unless `allowPrivate`. The sentences
 * name neither the addresses nor the port, so a refusal cannot be used to map the inside.
 */
export async function publicAddressOf(hostname: string, { allowPrivate, resolve = systemLookup }: { allowPrivate: boolean; resolve?: Lookup }): Promise<string> {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : await resolve(bare);
  } catch {
    throw sourceError("git_url's host name could not be resolved.");
  }
  if (addresses.length === 0) throw sourceError("git_url's host name could not be resolved.");
  if (!allowPrivate && addresses.some(isInsideAddress)) {
    throw sourceError("git_url's host is on a loopback, private or link-local network; Runnel clones from public hosts only (GIT_ALLOW_PRIVATE_HOSTS=1 allows others).");
  }
  return addresses[0]!;
}
