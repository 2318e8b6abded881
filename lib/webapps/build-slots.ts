export type Release = () => void;

type Waiter = { owner: string; grant: (release: Release) => void };

/**
 * At most `total` image builds at once, and `perOwner` for one account; the rest wait in order
 * of arrival (a waiter whose owner is at their limit lets later ones of other owners pass).
 */
export class BuildSlots {
  private running = 0;
  private readonly byOwner = new Map<string, number>();
  private readonly waiters: Waiter[] = [];

  constructor(private readonly limits: { total: number; perOwner: number }) {}

  /** Whether `acquire` would have to wait now. */
  wouldWait(owner: string): boolean {
    return !this.free(owner);
  }

  /** Resolves with the slot's release once one is free; rejects if `signal` aborts first. */
  acquire(owner: string, signal?: AbortSignal): Promise<Release> {
    if (this.free(owner)) return Promise.resolve(this.take(owner));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private free(owner: string): boolean {
    return this.running < this.limits.total && (this.byOwner.get(owner) ?? 0) < this.limits.perOwner;
  }

  private take(owner: string): Release {
    this.running += 1;
    this.byOwner.set(owner, (this.byOwner.get(owner) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      const left = this.byOwner.get(owner)! - 1;
      if (left === 0) this.byOwner.delete(owner);
      else this.byOwner.set(owner, left);
      this.wake();
    };
  }

  private wake(): void {
    const next = this.waiters.findIndex((waiter) => this.free(waiter.owner));
    if (next < 0) return;
    const [waiter] = this.waiters.splice(next, 1);
    waiter!.grant(this.take(waiter!.owner));
  }
}

// On globalThis, as deploy-tasks.ts: Next may load this module twice in one process.
const key = Symbol.for("runnel.build-slots");
type WithSlots = typeof globalThis & { [key]?: BuildSlots };

/** The process-wide build slots (BUILD_MAX_CONCURRENT, BUILD_MAX_CONCURRENT_PER_USER). */
export function buildSlots(limits: { BUILD_MAX_CONCURRENT: number; BUILD_MAX_CONCURRENT_PER_USER: number }): BuildSlots {
  const store = globalThis as WithSlots;
  return (store[key] ??= new BuildSlots({ total: limits.BUILD_MAX_CONCURRENT, perOwner: limits.BUILD_MAX_CONCURRENT_PER_USER }));
}
