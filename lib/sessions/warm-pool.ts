import type { Sandbox, SandboxSpec } from "../containers/backend";
import { getContainerBackend } from "../containers/container-backend";
import { getLogger } from "../observability/logger";

export const POOL_KIND = "pool";

/**
 * Started sandboxes waiting for a session, so connecting skips container creation. A taken
 * sandbox is replaced in the background. Labels cannot change after creation, so a claimed
 * pool container keeps kind=pool; its session row (containerId) says whose it is.
 */
export class WarmPool {
  private readonly ready: Sandbox[] = [];
  private readonly filling = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly size: number,
    private readonly spec: () => SandboxSpec,
    /** What a started sandbox begins while it waits (a kernel, a program in standby). */
    private readonly prepare: (sandbox: Sandbox) => void,
  ) {}

  get available(): number {
    return this.ready.length;
  }

  /** Whether this sandbox is one of those waiting here. */
  holds(id: string): boolean {
    return this.ready.some((sandbox) => sandbox.id === id);
  }

  take(): Sandbox | undefined {
    let sandbox = this.ready.shift();
    // One that died while waiting is no use to anybody.
    while (sandbox && !isAlive(sandbox)) sandbox = this.ready.shift();
    this.fill();
    return sandbox;
  }

  fill(): void {
    while (!this.stopped && this.ready.length + this.filling.size < this.size) {
      const started: Promise<void> = getContainerBackend()
        .createSandbox(this.spec())
        .then((sandbox) => {
          if (this.stopped) return sandbox.remove();
          trackLiveness(sandbox);
          this.prepare(sandbox);
          this.ready.push(sandbox);
        })
        .catch((error: unknown) => getLogger().error({ err: error }, "the warm pool could not start a sandbox"))
        .finally(() => this.filling.delete(started));
      this.filling.add(started);
    }
  }

  /** Removes the waiting sandboxes, and waits for those still starting (they remove themselves). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([
      ...this.ready.splice(0).map((sandbox) => sandbox.remove().catch(() => undefined)),
      ...this.filling,
    ]);
  }
}

/** A session pool's preparation: most notebooks are shared and Python, so its kernel starts. */
export const warmPythonKernel = (sandbox: Sandbox): void => sandbox.warmKernels(["python"]);

const dead = new WeakSet<Sandbox>();
function trackLiveness(sandbox: Sandbox): void {
  void sandbox.gone.then(() => dead.add(sandbox));
}
function isAlive(sandbox: Sandbox): boolean {
  return !dead.has(sandbox);
}

const key = Symbol.for("runnel.warm-pool");
type WithPool = typeof globalThis & { [key]?: WarmPool };

export function setWarmPool(pool: WarmPool | undefined): void {
  (globalThis as WithPool)[key] = pool;
}

export function getWarmPool(): WarmPool | undefined {
  return (globalThis as WithPool)[key];
}
