import { executionArtifactUrl } from "../artifacts/artifact-urls";
import { readOutputItems } from "../executions/output-item";
import { INTERRUPTED_RUN } from "../executions/stream-events";
import type { BlockRun } from "./run-store";

/** One row of GET /api/sessions/:id/executions: the latest run of a block, as stored. */
export type StoredExecution = {
  id: string;
  blockId: string | null;
  blockIndex: number;
  codeFingerprint?: string | null;
  status: "running" | "succeeded" | "failed" | "cancelled" | "timed_out" | "out_of_memory" | "error" | "interrupted";
  exitCode: number | null;
  output: unknown;
  truncated?: boolean;
  artifacts?: unknown;
  startedAt: string;
  finishedAt: string | null;
  /** The run's own time as the sandbox measured it (what the live exit event said); null before it ended. */
  durationMs?: number | null;
};

const MESSAGES: Partial<Record<StoredExecution["status"], string>> = {
  cancelled: "The block was cancelled.",
  timed_out: "The block ran longer than its time limit and was stopped.",
  out_of_memory: "The block ran out of memory and was stopped.",
};

/** A stored execution drawn like a finished run, so a reload shows each block's last output. */
export function restoredRun(execution: StoredExecution, order?: number): BlockRun {
  const run: BlockRun = {
    status: "finished",
    ...(order === undefined ? {} : { order }),
    ...(execution.finishedAt ? { finishedAt: execution.finishedAt } : {}),
    executionId: execution.id,
    codeFingerprint: execution.codeFingerprint ?? undefined,
    output: readOutputItems(execution.output),
    artifacts: artifactsOf(execution.id, execution.artifacts),
  };
  if (execution.status === "running" || !execution.finishedAt) {
    return { ...run, error: "This run had not finished when the page was loaded." };
  }
  if (execution.status === "error" && execution.exitCode === null) return { ...run, error: "The block could not be run." };
  if (execution.status === "interrupted") return { ...run, error: INTERRUPTED_RUN };
  // The sandbox's own figure, as the live run showed it; rows without one, from the row's times.
  const durationMs =
    typeof execution.durationMs === "number" ? execution.durationMs : Math.max(0, Date.parse(execution.finishedAt) - Date.parse(execution.startedAt));
  return {
    ...run,
    exit: { exitCode: execution.exitCode, durationMs, truncated: execution.truncated ?? false, message: MESSAGES[execution.status] },
  };
}

/**
 * Whether the page already shows a run of the block newer than anything stored: one in flight
 * (running, or queued in a chain the page is streaming) or one the page started (its order counts
 * up from 1). Such a block is not followed again from the stored list: following it twice would
 * apply every event twice (the first Run of a session races the list's fetch).
 */
export function pageHasRun(run: BlockRun | undefined): boolean {
  return run !== undefined && (run.status !== "finished" || (run.order ?? 0) > 0);
}

function artifactsOf(executionId: string, artifacts: unknown): BlockRun["artifacts"] {
  if (!Array.isArray(artifacts)) return [];
  return artifacts.flatMap((artifact: unknown) => {
    if (!artifact || typeof artifact !== "object") return [];
    const { name, mime } = artifact as { name?: unknown; mime?: unknown };
    if (typeof name !== "string" || typeof mime !== "string") return [];
    return [{ name, mime, url: executionArtifactUrl(executionId, name) }];
  });
}
