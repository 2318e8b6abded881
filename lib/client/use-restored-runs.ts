"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { blockKey } from "@/lib/notebook/find-block";
import { fetchLatestExecutions } from "./notebook-api";
import { followChain, followRun } from "./run-actions";
import { pageHasRun, restoredRun } from "./restored-run";
import { useRunStore } from "./run-store";

/** Once the reader's session for this notebook is known, shows each block's last run, following those still going. */
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
    const keyed = data.executions.map((execution) => ({ key: blockKey({ id: execution.blockId, index: execution.blockIndex }), execution }));
    const finished = keyed.filter(({ execution }) => execution.finishedAt !== null).sort((x, y) => Date.parse(x.execution.startedAt) - Date.parse(y.execution.startedAt));
    // Stored runs come before this page's (whose order counts up from 1), in the order they started.
    useRunStore.getState().restoreRuns(Object.fromEntries(finished.map(({ key, execution }, i) => [key, restoredRun(execution, i - finished.length)])));
    // A stale chain still going is followed as a whole: its blocks done, running and queued.
    const { chain } = data;
    const chained = new Set(chain ? [...chain.blocks, chain.target].map((block) => blockKey({ id: block.blockId, index: block.blockIndex })) : []);
    if (chain) {
      const targetKey = blockKey({ id: chain.target.blockId, index: chain.target.blockIndex });
      if (!pageHasRun(useRunStore.getState().runs[targetKey])) void followChain(chain.executionId, targetKey);
    }
    // A run still going (the page was reloaded or closed while it ran) is shown from its start and followed.
    for (const { key, execution } of keyed) {
      if (execution.finishedAt === null && !chained.has(key) && !pageHasRun(useRunStore.getState().runs[key])) void followRun(key, execution.id);
    }
  }, [data, notebookId]);
}
