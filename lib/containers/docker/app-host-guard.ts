import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);

export type HostGuardResult = { installed: true } | { installed: false; reason: string };

/**
 * The two INPUT rules that keep an app bridge's containers from opening connections to the host
 * itself: to anything listening on all addresses (Runnel with HOST=0.0.0.0, a database, sshd),
 * through the bridge's gateway or any other host address. Replies to connections the host opened
 * (the built-in proxy reaching an app) are still let in.
 */
export function hostGuardRules(bridge: string): string[][] {
  return [
    ["-i", bridge, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT", "-m", "comment", "--comment", "runnel: replies from apps"],
    ["-i", bridge, "-j", "REJECT", "-m", "comment", "--comment", "runnel: apps may not connect to the host"],
  ];
}

/**
 * Installs hostGuardRules for `bridge` at the top of the host's INPUT chain, once (checked with
 * `iptables -C`). Only possible where the bridge is one of this process's own interfaces (Runnel
 * on the host, as root): inside a container, or with a remote engine, it says why not instead.
 * (Written here rather than with a library: two iptables calls, and none of the Node iptables
 * packages is kept up.)
 */
export async function installHostGuard(bridge: string, iptables = "iptables"): Promise<HostGuardResult> {
  if (!/^[\w.-]{1,15}$/.test(bridge)) return { installed: false, reason: `"${bridge}" is not an interface name` };
  if (!existsSync(`/sys/class/net/${bridge}`)) {
    return { installed: false, reason: `the app bridge ${bridge} is not an interface of this host (Runnel runs in a container, or the engine is remote)` };
  }
  const rules = hostGuardRules(bridge);
  try {
    const present = await Promise.all(rules.map((rule) => run(iptables, ["-w", "-C", "INPUT", ...rule]).then(() => true, () => false)));
    if (present.every(Boolean)) return { installed: true };
    for (const rule of rules) await run(iptables, ["-w", "-D", "INPUT", ...rule]).catch(() => undefined);
    // Inserted last rule first, so that the replies' ACCEPT ends up above the REJECT.
    for (const rule of [...rules].reverse()) await run(iptables, ["-w", "-I", "INPUT", "1", ...rule]);
    return { installed: true };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0];
    return { installed: false, reason: `iptables failed: ${stderr || (error instanceof Error ? error.message : String(error))}` };
  }
}
