// Serialises async work per key within this process: two connects by the same user to the same
// notebook run one after the other, so the second finds the first's session.
const key = Symbol.for("runnel.keyed-locks");
type WithLocks = typeof globalThis & { [key]?: Map<string, Promise<unknown>> };

export async function withKeyedLock<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
  const store = globalThis as WithLocks;
  const locks = (store[key] ??= new Map());
  const previous = locks.get(lockKey) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  locks.set(lockKey, current);
  try {
    return await current;
  } finally {
    if (locks.get(lockKey) === current) locks.delete(lockKey);
  }
}
