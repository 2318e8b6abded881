import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent, RunSpec } from "../agent-connection";
import type { Sandbox, SandboxSpec } from "../backend";
import { imageTag } from "../image-tag";
import { DockerBackend } from "./docker-backend";
import { VOLUME_LABEL } from "./sandbox-config";
import { UnsafePathError } from "./workspace-archive";

const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const backend = new DockerBackend(docker);
const testLabel = { "runnel.kind": "test", "runnel.test": randomUUID() };

function spec(limits: Partial<SandboxSpec["limits"]> = {}): SandboxSpec {
  return {
    image: imageTag("runtime"),
    labels: testLabel,
    limits: { cpus: 1, memoryBytes: 256 * 1024 ** 2, pids: 100, diskBytes: 32 * 1024 ** 2, ...limits },
  };
}

const runSpec = (argv: string[], timeoutMs = 20_000): RunSpec => ({ argv, cwd: "/workspace", timeoutMs, outputCapBytes: 1 << 20 });

async function run(sandbox: Sandbox, argv: string[], timeoutMs?: number) {
  const events: RunEvent[] = [];
  for await (const event of sandbox.run(runSpec(argv, timeoutMs)).events) events.push(event);
  const text = (stream: string) =>
    events.map((e) => (e.type === "output" && e.stream === stream ? e.data : "")).join("");
  const exit = events.find((e) => e.type === "exit");
  if (exit?.type !== "exit") throw new Error("no exit event");
  return { stdout: text("stdout"), stderr: text("stderr"), exit, events };
}

afterAll(async () => {
  for (const sandbox of await backend.listSandboxes(testLabel)) await backend.removeSandbox(sandbox.id);
});

describe("DockerBackend", () => {
  it("creates a hardened sandbox whose agent runs code as the sandbox user", async () => {
    await using sandbox = await backend.createSandbox(spec());
    const info = await docker.getContainer(sandbox.id).inspect();
    expect(info.HostConfig).toMatchObject({
      NetworkMode: "none",
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ReadonlyRootfs: true,
      PidsLimit: 100,
      Memory: 256 * 1024 ** 2,
      MemorySwap: 256 * 1024 ** 2,
      NanoCpus: 1e9,
    });
    expect(info.Config.Labels).toMatchObject(testLabel);

    const result = await run(sandbox, ["python3", "-c", "import os; print(os.getuid(), os.getcwd())"]);
    expect(result.stdout).toBe("1000 /workspace\n");
    expect(result.exit.exitCode).toBe(0);
  });

  it("seeds nested files owned by the sandbox user, importable from a block", async () => {
    await using sandbox = await backend.createSandbox(spec());
    await sandbox.seedFiles([
      { path: "utils.py", content: "def greet(name):\n    return f'hi {name}'\n" },
      { path: "data/deep/values.txt", content: "1\n2\n3\n" },
    ]);
    const result = await run(sandbox, [
      "bash",
      "-c",
      "python3 -c 'import utils; print(utils.greet(\"ada\"))' && stat -c '%u:%g %n' utils.py data data/deep data/deep/values.txt",
    ]);
    expect(result.stdout).toBe(
      "hi ada\n1000:1000 utils.py\n1000:1000 data\n1000:1000 data/deep\n1000:1000 data/deep/values.txt\n",
    );

    await sandbox.removeFiles(["data/deep/values.txt", "missing.txt"]);
    expect((await run(sandbox, ["ls", "data/deep"])).stdout).toBe("");
  });

  it("refuses to seed a path that leaves the workspace, writing nothing", async () => {
    await using sandbox = await backend.createSandbox(spec());
    await expect(
      sandbox.seedFiles([
        { path: "ok.txt", content: "fine" },
        { path: "../../etc/passwd", content: "root::0:0::/:/bin/sh" },
      ]),
    ).rejects.toBeInstanceOf(UnsafePathError);
    expect((await run(sandbox, ["ls", "-A", "/workspace"])).stdout).toBe("");
  });

  it("sends back a regular output file but never a planted link, FIFO, folder or oversized file", async () => {
    await using sandbox = await backend.createSandbox(spec());
    const plant = "cd $RUNNEL_OUTPUT && echo -n plot > out.png && ln -s /etc/passwd link.png && mkfifo pipe.png && mkdir sub && head -c 100 /dev/zero > big.bin";
    const events: RunEvent[] = [];
    const runSpecWithOutput = { ...runSpec(["bash", "-c", plant]), artifactsDir: "/workspace/out", artifactMaxBytes: 50 };
    for await (const event of sandbox.run(runSpecWithOutput).events) events.push(event);
    const artifacts = events.filter((e) => e.type === "artifact");
    expect(artifacts.map((a) => [a.name, a.content.toString()])).toEqual([["out.png", "plot"]]);
    const skipped = Object.fromEntries(events.flatMap((e) => (e.type === "artifact-skipped" ? [[e.name, e.reason]] : [])));
    expect(skipped).toEqual({
      "big.bin": "it is larger than 50 bytes",
      "link.png": "it is a link",
      "pipe.png": "it is not a regular file (a FIFO, socket or device)",
      sub: "it is a folder",
    });
  });

  it("has no network interface but loopback", async () => {
    await using sandbox = await backend.createSandbox(spec());
    const result = await run(sandbox, ["python3", "-c", "import socket; print([name for _, name in socket.if_nameindex()])"]);
    expect(result.stdout).toBe("['lo']\n");
  });

  it("cancels a long block within two seconds, killing its whole process tree", async () => {
    await using sandbox = await backend.createSandbox(spec());
    const handle = sandbox.run(runSpec(["bash", "-c", "sleep 300 & sleep 300"]));
    const started = Date.now();
    let exit: RunEvent | undefined;
    for await (const event of handle.events) {
      if (event.type === "started") sandbox.cancel(handle.id);
      if (event.type === "exit") exit = event;
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(exit).toMatchObject({ type: "exit", cancelled: true });
    expect((await run(sandbox, ["bash", "-c", "pgrep -c sleep || true"])).stdout.trim()).toBe("0");
  });

  it("reports its resource use and the agent's own log lines", async () => {
    await using sandbox = await backend.createSandbox(spec());
    const stats = await sandbox.stats();
    expect(stats.memoryBytes).toBeGreaterThan(0);
    expect(stats.pids).toBeGreaterThanOrEqual(1);
    expect(await sandbox.logs(10)).toMatch(/runnel-agent: ready \(protocol 1, pid \d+\)/);
  });

  it("re-attaches to a running sandbox without re-creating it", async () => {
    await using sandbox = await backend.createSandbox(spec());
    await run(sandbox, ["bash", "-c", "echo kept > state.txt"]);
    const again = await backend.attachSandbox(sandbox.id);
    expect(again.id).toBe(sandbox.id);
    expect((await run(again, ["cat", "state.txt"])).stdout).toBe("kept\n");
  });

  it("reports the sandbox gone when its container dies, and fails its open runs", async () => {
    const sandbox = await backend.createSandbox(spec());
    try {
      // Settled into a value at once, so the rejection is never unhandled while we kill.
      const outcome = (async () => {
        for await (const event of sandbox.run(runSpec(["sleep", "300"])).events) void event;
      })().then(
        () => new Error("the run ended normally"),
        (error: unknown) => error,
      );
      await docker.getContainer(sandbox.id).kill();
      expect(String(await outcome)).toMatch(/SandboxGoneError: .*(agent stopped|stream)/);
      expect(await sandbox.gone).toBeInstanceOf(Error);
    } finally {
      await sandbox.remove();
    }
  });

  it("lists sandboxes by label and removes the container with its workspace volume", async () => {
    const sandbox = await backend.createSandbox(spec());
    const volume = sandbox.labels[VOLUME_LABEL]!;
    expect((await backend.listSandboxes(testLabel)).map((s) => s.id)).toContain(sandbox.id);
    await backend.removeSandbox(sandbox.id);
    await backend.removeSandbox(sandbox.id); // idempotent
    expect((await backend.listSandboxes(testLabel)).map((s) => s.id)).not.toContain(sandbox.id);
    expect(() => execFileSync("docker", ["volume", "inspect", volume], { stdio: "ignore" })).toThrow();
  });
});
