import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

// A proxy in front (Traefik) may send its own id; one that looks like an id is kept so the two
// logs join, anything else is replaced (it goes into logs and response headers).
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(incoming: string | string[] | undefined): string {
  const given = Array.isArray(incoming) ? incoming[0] : incoming;
  return given && WELL_FORMED.test(given) ? given : randomUUID();
}
