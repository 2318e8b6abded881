/** What the proxy needs to know about an app: the App row's routing columns. */
export type AppRoute = {
  id: string;
  status: "queued" | "building" | "running" | "stopped" | "failed";
  statusReason: string | null;
  hostPort: number | null;
  notebookId: string | null;
};

export type AppRouteLookup = {
  /** The app's route, from cache when it is younger than the TTL. */
  get(slug: string): Promise<AppRoute | null>;
  /** The app's route read now (after a refused connection: a redeploy may have moved it). */
  refresh(slug: string): Promise<AppRoute | null>;
};

export type AppRouteCacheOptions = {
  load: (slug: string) => Promise<AppRoute | null>;
  /** Short, so a redeploy's new port is used within about a second. */
  ttlMs?: number;
  now?: () => number;
  maxEntries?: number;
};

/** A small TTL cache over the App row; the promise is cached, so concurrent misses load once. */
export function createAppRouteCache({ load, ttlMs = 1000, now = Date.now, maxEntries = 10_000 }: AppRouteCacheOptions): AppRouteLookup {
  const entries = new Map<string, { expires: number; route: Promise<AppRoute | null> }>();

  function refresh(slug: string): Promise<AppRoute | null> {
    if (entries.size >= maxEntries) sweep();
    const route = load(slug);
    entries.set(slug, { expires: now() + ttlMs, route });
    route.catch(() => entries.delete(slug));
    return route;
  }

  function sweep() {
    const at = now();
    for (const [slug, entry] of entries) if (entry.expires <= at) entries.delete(slug);
    if (entries.size >= maxEntries) entries.clear();
  }

  return {
    get(slug) {
      const entry = entries.get(slug);
      return entry && entry.expires > now() ? entry.route : refresh(slug);
    },
    refresh,
  };
}
