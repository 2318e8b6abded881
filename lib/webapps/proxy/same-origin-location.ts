/**
 * A redirect target on the request's own origin for a parsed request URL: a Location of
 * `//host/…` or `/\host/…` would send the browser to another site, so leading slashes and
 * backslashes collapse into one. (Percent-encoded ones stay encoded: browsers read them as a path.)
 */
export function sameOriginLocation(url: URL): string {
  return `/${url.pathname.replace(/^[/\\]+/, "")}${url.search}`;
}
