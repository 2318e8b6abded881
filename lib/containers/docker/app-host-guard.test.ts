import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostGuardRules, installHostGuard } from "./app-host-guard";

// A stand-in iptables that records its calls; -C finds a rule once it was inserted (-I INPUT 1).
function fakeIptables(): { bin: string; calls: () => string[]; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "runnel-guard-"));
  const bin = path.join(dir, "iptables");
  writeFileSync(
    bin,
    `#!/bin/sh\necho "$*" >> "${dir}/calls"\ncase "$2" in\n  -C) grep -qxF -- "$(echo "$*" | sed 's/ -C / -I /; s/INPUT /INPUT 1 /')" "${dir}/calls" ;;\n  *) exit 0 ;;\nesac\n`,
  );
  chmodSync(bin, 0o755);
  return { bin, dir, calls: () => readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n") };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the app bridge's host guard", () => {
  it("lets replies in before it rejects whatever else the bridge sends the host", () => {
    const [replies, rest] = hostGuardRules("br-0123456789ab");
    expect(replies).toEqual(expect.arrayContaining(["-i", "br-0123456789ab", "--ctstate", "ESTABLISHED,RELATED", "ACCEPT"]));
    expect(rest!.slice(0, 4)).toEqual(["-i", "br-0123456789ab", "-j", "REJECT"]);
  });

  it("is inserted at the top of INPUT, the REJECT first so that the ACCEPT lands above it, and only once", async () => {
    const fake = fakeIptables();
    dirs.push(fake.dir);
    // lo exists in every network namespace, so the interface check passes.
    expect(await installHostGuard("lo", fake.bin)).toEqual({ installed: true });
    const inserts = fake.calls().filter((call) => call.startsWith("-w -I INPUT 1"));
    expect(inserts).toHaveLength(2);
    expect(inserts[0]).toContain("-j REJECT");
    expect(inserts[1]).toContain("-j ACCEPT");
    expect(await installHostGuard("lo", fake.bin)).toEqual({ installed: true });
    expect(fake.calls().filter((call) => call.startsWith("-w -I INPUT 1"))).toHaveLength(2);
  });

  it("says why not, instead of installing, for an interface this host lacks, a bad name, or a failing iptables", async () => {
    expect(await installHostGuard("br-not-here-xyz")).toMatchObject({ installed: false, reason: expect.stringContaining("not an interface of this host") });
    expect(await installHostGuard("lo; rm -rf /")).toMatchObject({ installed: false, reason: expect.stringContaining("is not an interface name") });
    expect(await installHostGuard("lo", "/bin/false")).toMatchObject({ installed: false, reason: expect.stringMatching(/^iptables failed/) });
  });
});
