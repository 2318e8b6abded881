"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { blockKey } from "@/lib/notebook/find-block";
import { fetchLatestExecutions } from "./notebook-api";
import { restoredRun } from "./restored-run";
import { useRunStore } from "./run-store";

/** Once the reader's session for this notebook is known, shows each block's last stored run. */
export function useRestoredRuns(notebookId: string): void {
  const sessionId = useRunStore((state) =>
    state.notebookId === notebookId && state.session.status === "ready" ? state.session.id : undefined,
  );
  const { data } = useQuery({
    queryKey: ["executions", sessionId],
    queryFn: () => fetchLatestExecutions(sessionId!),
    enabled: sessionId !== undefined,
    // Runs in this page are newer than anything stored: fetch once per session, keep nothing after.
    staleTime: Infinity,
    gcTime: 0,
  });
  useEffect(() => {
    if (!data || useRunStore.getState().notebookId !== notebookId) return;
    const runs = data.map((execution) => [blockKey({ id: execution.blockId, index: execution.blockIndex }), restoredRun(execution)]);
    useRunStore.getState().restoreRuns(Object.fromEntries(runs));
  }, [data, notebookId]);
}
