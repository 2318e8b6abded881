"use client";

import { connect, disconnect } from "@/lib/client/run-actions";
import { useRunStore, type SessionState } from "@/lib/client/run-store";

const STYLES = {
  none: "bg-stone-200 text-stone-700",
  starting: "bg-amber-100 text-amber-800",
  ready: "bg-emerald-100 text-emerald-800",
  ended: "bg-stone-200 text-stone-700",
} as const;

const NO_SESSION: SessionState = { status: "none" };
const button = "rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100";

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function SessionBar({ notebookId }: { notebookId: string }) {
  const session = useRunStore((state) => (state.notebookId === notebookId ? state.session : NO_SESSION));
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {session.error && (
        <span role="alert" className="text-red-700">
          {session.error}
        </span>
      )}
      {session.status === "ended" && (
        <span data-testid="session-ended" className="text-stone-600">
          Your sandbox was stopped (idle too long, or closed elsewhere); its files and processes are gone.
        </span>
      )}
      <span className="text-stone-500">Session</span>
      <span data-testid="session-status" className={`rounded-full px-2.5 py-0.5 font-medium ${STYLES[session.status]}`}>
        {session.status}
      </span>
      {session.status === "ready" && session.expiresAt && (
        <span data-testid="session-expires" className="text-stone-500" title="A run moves this on">
          idle until {timeOf(session.expiresAt)}
        </span>
      )}
      {session.status === "ready" && (
        <button type="button" onClick={() => void disconnect(notebookId)} className={button}>
          Disconnect
        </button>
      )}
      {(session.status === "none" || session.status === "ended") && (
        <button type="button" onClick={() => void connect(notebookId)} className={button}>
          {session.status === "ended" ? "Start again" : "Connect"}
        </button>
      )}
    </div>
  );
}
