import type { Session } from "@prisma/client";

export type SessionView = {
  id: string;
  status: Session["status"];
  startedAt: string;
  lastActivityAt: string;
  expiresAt: string;
  endedReason?: string;
};

/** The session as API.md shows it; it expires after SESSION_IDLE_MINUTES without a run. */
export function sessionView(session: Session, idleMinutes: number): SessionView {
  return {
    id: session.id,
    status: session.status,
    startedAt: session.startedAt.toISOString(),
    lastActivityAt: session.lastActivityAt.toISOString(),
    expiresAt: new Date(session.lastActivityAt.getTime() + idleMinutes * 60_000).toISOString(),
    ...(session.endedReason ? { endedReason: session.endedReason } : {}),
  };
}
