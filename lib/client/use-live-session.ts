"use client";

import { useEffect } from "react";
import { refreshSession } from "./run-actions";
import { useRunStore } from "./run-store";

/** How often a visible page asks for its session's kernel states. */
export const SESSION_POLL_MS = 5000;

/**
 * Keeps the session bar's kernel states live: while the page is visible and has a session, it is
 * asked for again every few seconds, and at once when the page comes back into view. Polling,
 * not a stream: one database read and one question to the sandbox's agent per page every five
 * seconds costs less than a connection held open per page, and needs nothing new of the agent.
 */
export function useLiveSession(notebookId: string): void {
  const ready = useRunStore((state) => state.notebookId === notebookId && state.session.status === "ready");
  useEffect(() => {
    if (!ready) return;
    const tick = () => {
      if (document.visibilityState === "visible") void refreshSession(notebookId);
    };
    const timer = setInterval(tick, SESSION_POLL_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [ready, notebookId]);
}
