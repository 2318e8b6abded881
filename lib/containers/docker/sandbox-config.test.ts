import { describe, expect, it } from "vitest";
import { sandboxContainerOptions, workspaceVolumeOptions } from "./sandbox-config";

const spec = {
  image: "runnel-runtime:abc",
  labels: { "runnel.kind": "session", "runnel.owner": "u1", "runnel.notebook": "n1" },
  limits: { cpus: 1.5, memoryBytes: 512 * 1024 ** 2, pids: 100, diskBytes: 64 * 1024 ** 2 },
};

describe("sandboxContainerOptions", () => {
  const options = sandboxContainerOptions("runnel-ws-1", spec);

  it("applies every isolation default of the design", () => {
    expect(options.User).toBe("1000:1000");
    expect(options.NetworkDisabled).toBe(true);
    expect(options.HostConfig).toMatchObject({
      NetworkMode: "none",
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ReadonlyRootfs: true,
      PidsLimit: 100,
      Memory: 512 * 1024 ** 2,
      MemorySwap: 512 * 1024 ** 2,
      NanoCpus: 1.5e9,
    });
    expect(options.HostConfig?.Ulimits).toEqual(
      expect.arrayContaining([
        { Name: "nofile", Soft: 1024, Hard: 1024 },
        { Name: "fsize", Soft: 64 * 1024 ** 2, Hard: 64 * 1024 ** 2 },
      ]),
    );
    expect(options.HostConfig?.PortBindings).toBeUndefined();
  });

  it("mounts the workspace volume and labels the container with it", () => {
    expect(options.HostConfig?.Mounts).toEqual([{ Type: "volume", Source: "runnel-ws-1", Target: "/workspace" }]);
    expect(options.Labels).toEqual({ ...spec.labels, "runnel.volume": "runnel-ws-1" });
  });

  it("keeps stdin open for the agent, without a TTY", () => {
    expect(options).toMatchObject({ Tty: false, OpenStdin: true, StdinOnce: false });
  });
});

describe("workspaceVolumeOptions", () => {
  it("is a size-capped tmpfs owned by the sandbox user", () => {
    expect(workspaceVolumeOptions("runnel-ws-1", spec).DriverOpts).toEqual({
      type: "tmpfs",
      device: "tmpfs",
      o: `size=${64 * 1024 ** 2},uid=1000,gid=1000,mode=0755`,
    });
  });
});
