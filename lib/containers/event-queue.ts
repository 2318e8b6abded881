// A single-consumer async queue: producers push, one `for await` drains. Ending or failing it
// wakes a waiting consumer; items pushed before the end are still delivered. `size` and
// `onTake` let a producer apply back-pressure; a consumer that stops early (break) discards
// the rest, so an abandoned queue never holds its producer back.
export class EventQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private done = false;
  private error: unknown;

  /**
   * `join` may fold an item into the last one still queued (the reader is behind): what it
   * returns replaces that item; undefined queues the item as it is.
   */
  constructor(
    private readonly onTake: () => void = () => undefined,
    private readonly join?: (last: T, next: T) => T | undefined,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    const last = this.items.length > 0 && this.join ? this.join(this.items[this.items.length - 1]!, item) : undefined;
    if (last === undefined) this.items.push(item);
    else this.items[this.items.length - 1] = last;
  }

  end(): void {
    this.finish(undefined);
  }

  fail(error: unknown): void {
    this.finish(error ?? new Error("queue failed"));
  }

  private finish(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    const resolve = this.waiting;
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = undefined;
    if (error !== undefined) reject?.(error);
    else resolve?.({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.onTake();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.done) {
      return this.error !== undefined ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  private abandon(): Promise<IteratorResult<T>> {
    this.items = [];
    this.finish(undefined);
    this.onTake();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.next(), return: () => this.abandon() };
  }
}
