// The document an HTML output is shown in: a sandboxed iframe's srcdoc (the iframe has
// sandbox="allow-scripts" and no allow-same-origin, so its origin is opaque: no cookies, no
// storage, no reach into the page). Its own policy tightens the page's (which a srcdoc inherits):
// nothing is fetched, so an output cannot call Runnel's API or send data anywhere; inline
// scripts and styles run, as notebook HTML needs.
const POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "font-src data:",
  "media-src data:",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

/** The message the frame posts with its content's height; the page checks its source and bounds it. */
export const FRAME_HEIGHT_MESSAGE = "runnelFrameHeight";

const HEIGHT_SCRIPT = `(() => {
  const post = () => parent.postMessage({ ${FRAME_HEIGHT_MESSAGE}: Math.ceil(document.documentElement.getBoundingClientRect().height) }, "*");
  addEventListener("load", post);
  new ResizeObserver(post).observe(document.documentElement);
  post();
})();`;

const BASE_STYLE = "html{color-scheme:light}body{margin:0;padding:8px;font:14px/1.45 system-ui,sans-serif;color:#1c1917;background:#fff;overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #d6d3d1;padding:2px 8px;text-align:right}th{background:#f5f5f4}";

export function htmlFrameDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"><style>${BASE_STYLE}</style><script>${HEIGHT_SCRIPT}</script></head><body>${html}</body></html>`;
}

/** The height a frame's message asks for, bounded; undefined when the message is not one. */
export function frameHeightOf(data: unknown, maxPx: number): number | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const height = (data as Record<string, unknown>)[FRAME_HEIGHT_MESSAGE];
  if (typeof height !== "number" || !Number.isFinite(height)) return undefined;
  return Math.min(maxPx, Math.max(16, Math.round(height)));
}
