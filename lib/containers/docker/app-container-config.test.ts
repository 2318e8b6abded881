import { describe, expect, it } from "vitest";
import { appContainerOptions } from "./app-container-config";

const spec = {
  image: "runnel-app-demo:1",
  name: "runnel-app-demo-abc",
  labels: { "runnel.app": "demo" },
  port: 7860,
  env: { GREETING: "hi", PORT: "1" },
  limits: { cpus: 1.5, memoryBytes: 2 * 1024 ** 3, pids: 512 },
  readOnlyRoot: false,
};

describe("appContainerOptions", () => {
  it("publishes the app's port on 127.0.0.1 only, on a random host port", () => {
    const options = appContainerOptions(spec);
    expect(options.ExposedPorts).toEqual({ "7860/tcp": {} });
    expect(options.HostConfig?.PortBindings).toEqual({ "7860/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] });
  });

  it("drops every capability, forbids privilege gain, and caps memory (no swap), CPU and processes", () => {
    const host = appContainerOptions(spec).HostConfig!;
    expect(host).toMatchObject({ CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"], PidsLimit: 512 });
    expect(host.Memory).toBe(2 * 1024 ** 3);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.NanoCpus).toBe(1.5e9);
    expect(host.Privileged).toBeUndefined();
  });

  it("sets PORT to the app's port whatever env says, and keeps the labels", () => {
    const options = appContainerOptions(spec);
    expect(options.Env).toContain("PORT=7860");
    expect(options.Env).not.toContain("PORT=1");
    expect(options.Env).toContain("GREETING=hi");
    expect(options.Labels).toEqual({ "runnel.app": "demo" });
  });

  it("makes the root read-only with a small writable /tmp, and overrides the image's user, when asked", () => {
    const options = appContainerOptions({ ...spec, readOnlyRoot: true, user: "1000:1000" });
    expect(options.User).toBe("1000:1000");
    expect(options.HostConfig).toMatchObject({ ReadonlyRootfs: true, Tmpfs: { "/tmp": "rw,nosuid,nodev,size=67108864" } });
    expect(appContainerOptions(spec).HostConfig?.ReadonlyRootfs).toBeUndefined();
    expect(appContainerOptions(spec).User).toBeUndefined();
  });

  it("joins the named network only when one is given", () => {
    expect(appContainerOptions(spec).HostConfig?.NetworkMode).toBeUndefined();
    expect(appContainerOptions(spec, "runnel-network").HostConfig?.NetworkMode).toBe("runnel-network");
  });
});
