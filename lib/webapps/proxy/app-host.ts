// One DNS label: what an app's id must look like to be a subdomain.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The app slug a Host header names under `appsDomain` (`<slug>.<appsDomain>`, any port), or null
 * when the host is Runnel's own or names something else. Hosts are case-insensitive; a trailing
 * dot (the fully qualified form) is accepted.
 */
export function appSlugFromHost(host: string | undefined, appsDomain: string): string | null {
  if (!host) return null;
  const name = stripPort(host.trim().toLowerCase()).replace(/\.$/, "");
  const suffix = `.${appsDomain.toLowerCase().replace(/\.$/, "")}`;
  if (!name.endsWith(suffix)) return null;
  const slug = name.slice(0, -suffix.length);
  return LABEL.test(slug) ? slug : null;
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host; // an IPv6 literal is never an app host
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}
