import type { Settings } from "../config/settings";

/**
 * Headers on every page and response of Runnel's own (not an app's): no other origin may frame
 * it (a framed Share or Delete button can be clicked through a decoy), no path or query leaves
 * in a Referer, and a content security policy that Next's inline bootstrap scripts, CodeMirror's
 * inline styles and the iframes of apps on `*.<APPS_DOMAIN>` work under. Note: an iframe with
 * `srcdoc` inherits this policy.
 */
export function securityHeaders(settings: Pick<Settings, "APPS_DOMAIN" | "NODE_ENV">): Record<string, string> {
  const dev = settings.NODE_ENV !== "production";
  const apps = `http://*.${settings.APPS_DOMAIN}:* https://*.${settings.APPS_DOMAIN}:*`;
  const policy = [
    "default-src 'self'",
    // Next inlines its bootstrap scripts without a nonce; React's dev build needs eval.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `frame-src 'self' ${apps}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  return {
    "content-security-policy": policy,
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
  };
}
