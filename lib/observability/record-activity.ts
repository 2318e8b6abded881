import type { ExecutionStatus } from "@prisma/client";
import { getLogger } from "./logger";
import { getMetrics } from "./metrics";

const RUN_OUTCOME: Record<ExecutionStatus, string> = {
  running: "error",
  succeeded: "success",
  failed: "failure",
  cancelled: "cancelled",
  timed_out: "timeout",
  out_of_memory: "out_of_memory",
  error: "error",
  interrupted: "interrupted",
};

export type RunFacts = { executionId: string; userId: string; notebookId: string; runtime: string; status: ExecutionStatus; durationMs: number };

/** One log line and the run metrics for a finished block run: ids, runtime, status, duration; never code or output. */
export function recordRun(facts: RunFacts): void {
  const metrics = getMetrics();
  metrics.runs.inc({ runtime: facts.runtime, outcome: RUN_OUTCOME[facts.status] });
  metrics.runSeconds.observe({ runtime: facts.runtime }, facts.durationMs / 1000);
  getLogger().info(facts, "run");
}

export type ConnectFacts = { sessionId?: string; userId: string; notebookId: string; source: "pool" | "cold" | "existing"; outcome: "success" | "failure"; seconds: number };

export function recordConnect(facts: ConnectFacts): void {
  getMetrics().sessionConnectSeconds.observe({ source: facts.source, outcome: facts.outcome }, facts.seconds);
  if (facts.source === "existing") return;
  getLogger().info({ ...facts, durationMs: Math.round(facts.seconds * 1000) }, "session connect");
}

export function recordContainerCreateFailure(kind: string): void {
  getMetrics().containerCreateFailures.inc({ kind });
}

export function recordRRun(facts: { callerId: string; outcome: "success" | "failure" | "timeout" | "error"; durationMs: number }): void {
  const metrics = getMetrics();
  metrics.rRuns.inc({ outcome: facts.outcome });
  metrics.rRunSeconds.observe(facts.durationMs / 1000);
  getLogger().info(facts, "r run");
}

export function recordAppBuild(facts: { appId: string; appType: string; outcome: "success" | "failure" | "cancelled"; durationMs: number }): void {
  const metrics = getMetrics();
  metrics.appBuilds.inc({ app_type: facts.appType, outcome: facts.outcome });
  metrics.appBuildSeconds.observe({ app_type: facts.appType }, facts.durationMs / 1000);
  getLogger().info(facts, "app build");
}
