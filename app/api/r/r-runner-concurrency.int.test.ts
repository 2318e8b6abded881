import { describe, expect, it } from "vitest";
import { POST as runRoute } from "@/app/api/r/run/route";
import { getSettings } from "@/lib/config/settings";
import { getDocker } from "@/lib/containers/docker-client";
import { rSandboxesRemoved } from "@/lib/r-runner/r-sandboxes";
import type { RunReply } from "@/lib/r-runner/run-r-script";
import { instanceLabel } from "@/lib/sessions/sandbox-spec";
import { apiRequest, noParams, withMigratedDatabase } from "@/test/route-requests";

// The seed's default timeout (30 s): ten R start-ups at once take a while on a 2-core machine.
const RUNNER_TOKEN = "runner-token-for-tests-0123456789";
process.env.RUNNER_TOKEN = RUNNER_TOKEN;
process.env.RUNNER_SCRIPT_IMAGE = "r-base";
delete process.env.RUN_TIMEOUT_SECONDS;
// One caller's ten at once: above the default limits (test/hostile/quota-exceeded covers those).
process.env.MAX_R_RUNS_PER_CALLER = "10";
process.env.MAX_R_RUNS = "10";

withMigratedDatabase();

async function run(script: string): Promise<RunReply> {
  const response = await runRoute(apiRequest("/api/r/run", { method: "POST", body: { script }, token: RUNNER_TOKEN }), noParams);
  expect(response.status).toBe(200);
  return (await response.json()) as RunReply;
}

describe("POST /api/r/run under load", () => {
  it("runs 10 scripts at once, each in its own container, and leaves none behind", async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => run(`cat(${i} * 2)`)));
    expect(replies.map((r) => [r.ok, r.stdout, r.timed_out])).toEqual(Array.from({ length: 10 }, (_, i) => [true, String(i * 2), false]));
    await rSandboxesRemoved();
    const left = await getDocker().listContainers({
      all: true,
      filters: { label: ["runnel.kind=r-run", `runnel.instance=${instanceLabel(getSettings())}`] },
    });
    expect(left).toHaveLength(0);
  }, 120_000);
});
