import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function bootstrap(env: Record<string, string>) {
  return spawnSync("bash", ["scripts/bootstrap.sh", "up"], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}

describe("scripts/bootstrap.sh", () => {
  it("does nothing and succeeds when everything is present", () => {
    const result = bootstrap({});
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("says clearly that the Docker engine is missing, and how to fix it, when it may not start one", () => {
    const result = bootstrap({ DOCKER_HOST: "unix:///nonexistent/docker.sock", RUNNEL_NO_SYSTEM_CHANGES: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no Docker engine answers");
    expect(result.stderr).toContain("systemctl start docker");
  });
});
