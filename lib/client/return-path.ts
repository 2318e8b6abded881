/**
 * Where to go after signing in: `next` when it is a path on this site, else the dashboard. A
 * leading `//` or `/\` would leave the site (browsers read both as another host), so anything
 * but a single `/` followed by a path character is refused.
 */
export function returnPath(next: string | null | undefined): string {
  if (!next || !/^\/(?![/\\])[^\\\s]*$/.test(next)) return "/notebooks";
  return next;
}
