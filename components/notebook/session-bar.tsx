"use client";

import { disconnect } from "@/lib/client/run-actions";
import { useRunStore, type SessionState } from "@/lib/client/run-store";

const STYLES = {
  none: "bg-stone-200 text-stone-700",
  starting: "bg-amber-100 text-amber-800",
  ready: "bg-emerald-100 text-emerald-800",
} as const;

const NO_SESSION: SessionState = { status: "none" };

export function SessionBar({ notebookId }: { notebookId: string }) {
  const session = useRunStore((state) => (state.notebookId === notebookId ? state.session : NO_SESSION));
  return (
    <div className="flex items-center gap-3 text-sm">
      {session.error && (
        <span role="alert" className="text-red-700">
          {session.error}
        </span>
      )}
      <span className="text-stone-500">Session</span>
      <span data-testid="session-status" className={`rounded-full px-2.5 py-0.5 font-medium ${STYLES[session.status]}`}>
        {session.status}
      </span>
      {session.status === "ready" && (
        <button
          type="button"
          onClick={() => void disconnect(notebookId)}
          className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100"
        >
          Disconnect
        </button>
      )}
    </div>
  );
}
