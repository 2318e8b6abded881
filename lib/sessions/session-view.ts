import type { Session } from "@prisma/client";
import type { KernelView } from "./kernel-state";

export type SessionView = {
  id: string;
  status: Session["status"];
  startedAt: string;
  lastActivityAt: string;
  expiresAt: string;
  endedReason?: string;
  /** The session's kernels (shared notebooks): each language's state, once it has been used. */
  kernels: KernelView[];
};

/** The session as API.md shows it; it expires after SESSION_IDLE_MINUTES without a run. */
export function sessionView(session: Session, idleMinutes: number, kernels: KernelView[] = []): SessionView {
  return {
    id: session.id,
    status: session.status,
    startedAt: session.startedAt.toISOString(),
    lastActivityAt: session.lastActivityAt.toISOString(),
    expiresAt: new Date(session.lastActivityAt.getTime() + idleMinutes * 60_000).toISOString(),
    ...(session.endedReason ? { endedReason: session.endedReason } : {}),
    kernels,
  };
}
