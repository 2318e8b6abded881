/**
 * Counts work in flight per key within this process (runs per session, R runs per caller). A
 * taken slot is given back by calling its release function once; later calls do nothing, so a
 * `finally` and an error path may both release.
 */
export class ConcurrencySlots {
  private readonly inFlight = new Map<string, number>();

  count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }

  /** A release function, or null when `max` slots of this key are already taken. */
  tryTake(key: string, max: number): (() => void) | null {
    const current = this.count(key);
    if (current >= max) return null;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.count(key) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }
}

const key = Symbol.for("runnel.concurrency-slots");
type WithSlots = typeof globalThis & { [key]?: Map<string, ConcurrencySlots> };

/** One counter per purpose per process (kept on globalThis: Next may load a module twice). */
export function concurrencySlots(purpose: string): ConcurrencySlots {
  const store = ((globalThis as WithSlots)[key] ??= new Map());
  let slots = store.get(purpose);
  if (!slots) store.set(purpose, (slots = new ConcurrencySlots()));
  return slots;
}
