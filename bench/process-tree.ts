import { readdirSync, readFileSync } from "node:fs";

type ProcessEntry = { pid: number; ppid: number; comm: string };

function processes(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …"; comm may itself contain spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      entries.push({ pid: Number(name), ppid, comm: stat.slice(stat.indexOf("(") + 1, close) });
    } catch {
      // the process ended while we looked
    }
  }
  return entries;
}

/**
 * The process that runs server.ts: `npx tsx server.ts` starts npx, which starts tsx's CLI,
 * which starts node with tsx's loader — the deepest `node` below `rootPid`.
 */
export function serverPid(rootPid: number): number | undefined {
  const all = processes();
  let deepest: { pid: number; depth: number } | undefined;
  const visit = (pid: number, depth: number) => {
    for (const child of all.filter((entry) => entry.ppid === pid)) {
      if (child.comm === "node" && (!deepest || depth > deepest.depth)) deepest = { pid: child.pid, depth };
      visit(child.pid, depth + 1);
    }
  };
  visit(rootPid, 1);
  return deepest?.pid;
}

/** VmRSS and VmHWM (the peak) of a process, in MB. */
export function rssMegabytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kilobytes("VmRSS") / 1024, peak: kilobytes("VmHWM") / 1024 };
}
