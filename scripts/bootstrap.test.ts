import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// Each test builds a machine out of stubs on PATH: the programs bootstrap.sh may find, an
// apt-get that "installs" by adding stubs, a dockerd that brings the stub engine up.
// Nothing on the real machine is read or changed.

type Shape = {
  root?: boolean;
  apt?: boolean;
  client?: boolean;
  daemon?: boolean;
  engineUp?: boolean;
  mmdebstrap?: boolean;
  chromium?: boolean;
  postgres?: boolean;
};

const REAL_TOOLS = ["bash", "sh", "timeout", "sort", "tail", "xargs", "seq", "sleep", "cat", "ls", "setsid", "nohup", "touch", "mkdir", "chmod", "echo", "node"];
const machines: string[] = [];

function which(tool: string): string {
  const found = spawnSync("bash", ["-c", `type -P ${tool}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`the test needs ${tool} on the real PATH`);
  return found;
}

function stub(bin: string, name: string, body: string) {
  const file = path.join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

function makeMachine(shape: Shape) {
  const dir = mkdtempSync(path.join(tmpdir(), "runnel-bootstrap-"));
  machines.push(dir);
  const bin = path.join(dir, "bin");
  const state = path.join(dir, "state");
  const postgresRoot = path.join(dir, "postgresql");
  mkdirSync(bin);
  mkdirSync(state);
  for (const tool of REAL_TOOLS) symlinkSync(which(tool), path.join(bin, tool));

  stub(bin, "id", `[ "$1" = -u ] && echo ${shape.root === false ? 1000 : 0}`);
  const client = () => stub(bin, "docker", `[ "$1" = info ] && [ -f "${state}/engine-up" ]`);
  const daemon = () => stub(bin, "dockerd", `echo started >> "${state}/dockerd-started"; touch "${state}/engine-up"`);
  if (shape.client) client();
  if (shape.daemon) daemon();
  if (shape.engineUp) writeFileSync(path.join(state, "engine-up"), "");
  if (shape.mmdebstrap !== false) stub(bin, "mmdebstrap", "true");
  if (shape.chromium) stub(bin, "chromium", "true");
  if (shape.postgres) mkdirSync(path.join(postgresRoot, "15", "bin"), { recursive: true });
  if (shape.apt !== false) {
    stub(
      bin,
      "apt-get",
      [
        `echo "$*" >> "${state}/apt-get"`,
        `[ "$1" = install ] || exit 0`,
        `for p in "$@"; do case "$p" in`,
        `  docker.io) printf '#!/bin/sh\\n[ "$1" = info ] && [ -f "${state}/engine-up" ]\\n' > "${bin}/docker"; printf '#!/bin/sh\\ntouch "${state}/engine-up"; echo started >> "${state}/dockerd-started"\\n' > "${bin}/dockerd"; chmod +x "${bin}/docker" "${bin}/dockerd" ;;`,
        `  chromium) printf '#!/bin/sh\\ntrue\\n' > "${bin}/chromium"; chmod +x "${bin}/chromium" ;;`,
        `  postgresql) mkdir -p "${postgresRoot}/15/bin" ;;`,
        `  mmdebstrap) printf '#!/bin/sh\\ntrue\\n' > "${bin}/mmdebstrap"; chmod +x "${bin}/mmdebstrap" ;;`,
        `esac; done`,
      ].join("\n"),
    );
  }

  function run(mode: "up" | "test" = "up", env: Record<string, string> = {}) {
    const result = spawnSync(path.join(bin, "bash"), [path.resolve("scripts/bootstrap.sh"), mode], {
      encoding: "utf8",
      env: {
        NODE_ENV: "test",
        PATH: bin,
        HOME: dir,
        RUNNEL_POSTGRES_ROOT: postgresRoot,
        RUNNEL_DOCKERD_LOG: path.join(state, "dockerd.log"),
        ...env,
      },
      timeout: 40_000,
    });
    const read = (name: string) => (existsSync(path.join(state, name)) ? readFileSync(path.join(state, name), "utf8") : "");
    return {
      status: result.status,
      stderr: result.stderr,
      installed: read("apt-get")
        .split("\n")
        .filter((line) => line.startsWith("install "))
        .flatMap((line) => line.split(" ").filter((word) => !word.startsWith("-") && word !== "install")),
      dockerdStarted: read("dockerd-started").length > 0,
      engineUp: existsSync(path.join(state, "engine-up")),
    };
  }
  return { run };
}

afterEach(() => {
  for (const dir of machines.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("scripts/bootstrap.sh on each machine shape", { timeout: 45_000 }, () => {
  it("no Docker at all: installs docker.io and starts the engine", () => {
    const result = makeMachine({}).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual(["docker.io"]);
    expect(result.dockerdStarted).toBe(true);
    expect(result.stderr).toContain("Docker engine is up");
  });

  it("a Docker client and no daemon (a static docker on PATH): installs docker.io and starts it", () => {
    const result = makeMachine({ client: true }).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual(["docker.io"]);
    expect(result.dockerdStarted).toBe(true);
  });

  it("a daemon installed but stopped: installs nothing and starts it", () => {
    const result = makeMachine({ client: true, daemon: true }).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual([]);
    expect(result.dockerdStarted).toBe(true);
    expect(result.engineUp).toBe(true);
  });

  it("a running engine: does nothing and prints nothing", () => {
    const result = makeMachine({ client: true, daemon: true, engineUp: true }).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual([]);
    expect(result.dockerdStarted).toBe(false);
    expect(result.stderr).toBe("");
  });

  it("a remote engine that answers with no local daemon: needs no docker.io", () => {
    const result = makeMachine({ client: true, engineUp: true }).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual([]);
    expect(result.stderr).toBe("");
  });

  it("for the tests: adds Chromium and PostgreSQL to what it installs", () => {
    const result = makeMachine({ client: true }).run("test");
    expect(result.status).toBe(0);
    expect(result.installed.sort()).toEqual(["chromium", "docker.io", "postgresql"]);
  });

  it("installs mmdebstrap beside a running engine when it may, and never stops for it", () => {
    const result = makeMachine({ client: true, daemon: true, engineUp: true, mmdebstrap: false }).run();
    expect(result.status).toBe(0);
    expect(result.installed).toEqual(["mmdebstrap"]);
    const unprivileged = makeMachine({ root: false, client: true, engineUp: true, mmdebstrap: false }).run();
    expect(unprivileged.status).toBe(0);
  });

  it("not root: says what to install and how, changes nothing, exits 1", () => {
    const result = makeMachine({ root: false, client: true }).run();
    expect(result.status).toBe(1);
    expect(result.installed).toEqual([]);
    expect(result.dockerdStarted).toBe(false);
    expect(result.stderr).toContain("sudo apt-get install docker.io");
    expect(result.stderr).toContain("only the Docker client is installed");
  });

  it("not Debian (no apt-get): says what is missing, exits 1", () => {
    const result = makeMachine({ apt: false }).run();
    expect(result.status).toBe(1);
    expect(result.dockerdStarted).toBe(false);
    expect(result.stderr).toContain("Runnel cannot start");
  });

  it("a daemon installed but stopped, with system changes turned off: tells how to start it", () => {
    const result = makeMachine({ client: true, daemon: true }).run("up", { RUNNEL_NO_SYSTEM_CHANGES: "1" });
    expect(result.status).toBe(1);
    expect(result.dockerdStarted).toBe(false);
    expect(result.stderr).toContain("systemctl start docker");
  });
});
