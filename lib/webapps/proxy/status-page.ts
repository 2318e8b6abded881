import type { AppRoute } from "./app-route-cache";

export type StatusPage = { status: number; title: string; message: string; retry: boolean };

/** The page shown instead of an app that cannot serve: why, in words, and whether to wait. */
export function statusPageFor(slug: string, route: AppRoute | null): StatusPage {
  if (!route) return { status: 404, title: "No such app", message: `There is no app called “${slug}” here.`, retry: false };
  switch (route.status) {
    case "queued":
      return { status: 503, title: "Waiting to build", message: `The app “${slug}” is waiting for a build slot, then it is built and started. This page reloads itself.`, retry: true };
    case "building":
      return { status: 503, title: "Starting up", message: `The app “${slug}” is being built and started. This page reloads itself.`, retry: true };
    case "stopped":
      return { status: 503, title: "Stopped", message: `The app “${slug}” is stopped.${route.statusReason ? ` ${route.statusReason}` : ""}`, retry: false };
    case "failed":
      return { status: 503, title: "Failed", message: `The app “${slug}” failed: ${route.statusReason ?? "no reason was recorded"}.`, retry: false };
    case "running":
      return { status: 503, title: "Not reachable", message: `The app “${slug}” is running but has no published port yet.`, retry: true };
  }
}

/** The page for an app that did not answer its published port. */
export function unreachablePage(slug: string): StatusPage {
  return { status: 502, title: "Not answering", message: `The app “${slug}” did not answer. It may be restarting; try again in a moment.`, retry: true };
}

export const RETRY_SECONDS = 3;

export function renderStatusPage(page: StatusPage): string {
  const refresh = page.retry ? `<meta http-equiv="refresh" content="${RETRY_SECONDS}">` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>${refresh}<style>body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head><body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p><p><small>Runnel</small></p></body></html>\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
