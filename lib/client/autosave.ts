import { autosaveReducer, initialAutosave, wantsSave, type AutosaveEvent, type AutosaveState, type ServerCopy } from "./autosave-state";

export type { AutosaveState, SaveStatus, ServerCopy } from "./autosave-state";

/** The server's answer to one save: the new copy, or theirs when `baseVersion` was stale. */
export type SaveOutcome = { kind: "saved"; saved: ServerCopy } | { kind: "conflict"; theirs: ServerCopy };

export type Timers = {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

type AutosaveOptions = {
  initial: ServerCopy;
  /** Sends one save; throws on anything but success or a stale version. */
  save: (content: string, baseVersion: number) => Promise<SaveOutcome>;
  delayMs?: number;
  timers?: Timers;
};

const AUTOSAVE_DELAY_MS = 800;

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Saves the editor's draft a moment after typing stops, one save at a time. A stale save turns
 * into a conflict that waits for the author's choice; nothing is retried over someone else's work.
 * Shaped for React's useSyncExternalStore: `subscribe` and `getState`.
 */
export class Autosave {
  private state: AutosaveState;
  private readonly listeners = new Set<() => void>();
  private readonly delayMs: number;
  private readonly timers: Timers;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: AutosaveOptions) {
    this.state = initialAutosave(options.initial);
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.timers = options.timers ?? realTimers;
  }

  getState = (): AutosaveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  edit(content: string): void {
    this.dispatch({ type: "edit", content });
    this.schedule(this.delayMs);
  }

  reloadTheirs(): void {
    this.dispatch({ type: "reload-theirs" });
  }

  overwriteWithMine(): void {
    this.dispatch({ type: "overwrite-with-mine" });
    this.schedule(0);
  }

  /**
   * Saves now, waiting for any save under way, and returns the copy the server holds, which then
   * matches the draft (what a Run should run). Throws when a conflict or failure stops the save.
   */
  async flush(): Promise<ServerCopy> {
    this.clearTimer();
    for (;;) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      const { status, error, base } = this.state;
      if (status === "conflict") throw new Error("This notebook was changed elsewhere: choose which version to keep first.");
      if (!wantsSave(this.state)) return base;
      await this.saveNow();
      if (this.state.status === "error") throw new Error(this.state.error ?? error ?? "The notebook could not be saved.");
    }
  }

  dispose(): void {
    this.clearTimer();
    this.listeners.clear();
  }

  private dispatch(event: AutosaveEvent): void {
    const next = autosaveReducer(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (this.inFlight || !wantsSave(this.state)) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private saveNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.clearTimer();
    this.dispatch({ type: "save-started" });
    if (this.state.status !== "saving") return Promise.resolve();
    const content = this.state.saving!;
    const baseVersion = this.state.base.version;
    this.inFlight = this.options
      .save(content, baseVersion)
      .then(
        (outcome) =>
          this.dispatch(outcome.kind === "saved" ? { type: "save-succeeded", saved: outcome.saved } : { type: "save-conflicted", theirs: outcome.theirs }),
        (error: unknown) => this.dispatch({ type: "save-failed", message: error instanceof Error ? error.message : "The notebook could not be saved." }),
      )
      .finally(() => {
        this.inFlight = undefined;
        // Typing during the save left a newer draft; a failure waits for the next edit or flush.
        if (this.state.status === "unsaved") this.schedule(this.delayMs);
      });
    return this.inFlight;
  }
}
