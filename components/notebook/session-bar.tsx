"use client";

import { useState } from "react";
import { connect, disconnect, restartKernel } from "@/lib/client/run-actions";
import { useRunStore, type SessionState } from "@/lib/client/run-store";
import { useLiveSession } from "@/lib/client/use-live-session";

const STYLES = {
  none: "bg-stone-200 text-stone-700",
  starting: "bg-amber-100 text-amber-800",
  ready: "bg-emerald-100 text-emerald-800",
  ended: "bg-stone-200 text-stone-700",
} as const;

const NO_SESSION: SessionState = { status: "none" };

const KERNEL_STYLES: Record<string, string> = {
  idle: "bg-emerald-100 text-emerald-800",
  busy: "bg-sky-100 text-sky-800",
  starting: "bg-amber-100 text-amber-800",
  restarting: "bg-amber-100 text-amber-800",
  dead: "bg-red-100 text-red-800",
};
const button = "rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100";

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function SessionBar({ notebookId }: { notebookId: string }) {
  const session = useRunStore((state) => (state.notebookId === notebookId ? state.session : NO_SESSION));
  const [restartError, setRestartError] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  const kernels = session.status === "ready" ? (session.kernels ?? []) : [];
  useLiveSession(notebookId);

  async function restart(runtime?: (typeof kernels)[number]["runtime"]) {
    setRestarting(true);
    setRestartError((await restartKernel(notebookId, runtime)) ?? null);
    setRestarting(false);
  }

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {kernels.length > 0 && (
        <div role="group" aria-label="Kernels" data-testid="kernels" className="flex flex-wrap items-center gap-2">
          <span className="text-stone-500">Kernels</span>
          {kernels.map((kernel) => (
            <span key={kernel.runtime} data-testid={`kernel-${kernel.runtime}`} data-state={kernel.state} className="flex items-center gap-1">
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${KERNEL_STYLES[kernel.state] ?? ""}`}
                title={kernel.startedAt ? `started ${timeOf(kernel.startedAt)}` : undefined}
              >
                {kernel.runtime} {kernel.state}
              </span>
              <button
                type="button"
                disabled={restarting}
                data-testid={`restart-${kernel.runtime}`}
                aria-label={`Restart the ${kernel.runtime} kernel`}
                title={`Restart the ${kernel.runtime} kernel: its variables are lost`}
                onClick={() => void restart(kernel.runtime)}
                className="rounded border border-stone-300 px-1.5 text-xs hover:bg-stone-100 disabled:opacity-60"
              >
                ↻
              </button>
            </span>
          ))}
          <button type="button" disabled={restarting} data-testid="restart-all" onClick={() => void restart()} className={`${button} disabled:opacity-60`}>
            Restart all
          </button>
          {restartError && (
            <span role="alert" className="text-red-700">
              {restartError}
            </span>
          )}
        </div>
      )}
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
      {/* The label and its state wrap together, never a line apart. */}
      <span className="flex items-center gap-3">
        <span className="text-stone-500">Session</span>
        <span data-testid="session-status" className={`rounded-full px-2.5 py-0.5 font-medium ${STYLES[session.status]}`}>
          {session.status}
        </span>
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
