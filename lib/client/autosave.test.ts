import { describe, expect, it } from "vitest";
import { Autosave, type SaveOutcome, type Timers } from "./autosave";

/** A clock the test moves by hand, so the debounce is exact. */
class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.pending.delete(handle as number);
  };
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }
  get count(): number {
    return this.pending.size;
  }
}

/** A server with one notebook and compare-and-set saves, like PATCH /api/notebooks/:id. */
class FakeServer {
  copy = { content: "v1", version: 1 };
  saves: Array<{ content: string; baseVersion: number }> = [];
  hold: Promise<void> | undefined;
  fail: string | undefined;
  save = async (content: string, baseVersion: number): Promise<SaveOutcome> => {
    this.saves.push({ content, baseVersion });
    await this.hold;
    if (this.fail) throw new Error(this.fail);
    if (baseVersion !== this.copy.version) return { kind: "conflict", theirs: { ...this.copy } };
    this.copy = { content, version: this.copy.version + 1 };
    return { kind: "saved", saved: { ...this.copy } };
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const server = new FakeServer();
  const timers = new ManualTimers();
  const autosave = new Autosave({ initial: { ...server.copy }, save: server.save, delayMs: 800, timers });
  return { server, timers, autosave };
}

describe("Autosave", () => {
  it("saves once, 800 ms after the last keystroke, with the base version", async () => {
    const { server, timers, autosave } = setup();
    autosave.edit("v1 a");
    timers.advance(500);
    autosave.edit("v1 ab");
    timers.advance(799);
    expect(server.saves).toEqual([]);
    expect(autosave.getState().status).toBe("unsaved");
    timers.advance(1);
    expect(autosave.getState().status).toBe("saving");
    await settle();
    expect(server.saves).toEqual([{ content: "v1 ab", baseVersion: 1 }]);
    expect(autosave.getState()).toMatchObject({ status: "saved", base: { content: "v1 ab", version: 2 } });
  });

  it("sends one save at a time and saves what was typed meanwhile on the new version", async () => {
    const { server, timers, autosave } = setup();
    let release!: () => void;
    server.hold = new Promise((resolve) => (release = resolve));
    autosave.edit("a");
    timers.advance(800);
    autosave.edit("ab");
    timers.advance(800);
    expect(server.saves).toHaveLength(1);
    server.hold = undefined;
    release();
    await settle();
    expect(autosave.getState().status).toBe("unsaved");
    timers.advance(800);
    await settle();
    expect(server.saves).toEqual([
      { content: "a", baseVersion: 1 },
      { content: "ab", baseVersion: 2 },
    ]);
    expect(autosave.getState()).toMatchObject({ status: "saved", base: { version: 3 } });
  });

  it("shows a conflict when another tab saved first, and never saves over it by itself", async () => {
    const { server, timers, autosave } = setup();
    server.copy = { content: "theirs", version: 2 };
    autosave.edit("mine");
    timers.advance(800);
    await settle();
    expect(autosave.getState()).toMatchObject({ status: "conflict", draft: "mine", theirs: { content: "theirs", version: 2 } });
    autosave.edit("mine!");
    timers.advance(10_000);
    await settle();
    expect(server.saves).toHaveLength(1);
    expect(server.copy.content).toBe("theirs");
    await expect(autosave.flush()).rejects.toThrow(/changed elsewhere/);
  });

  it("overwrites with mine only when asked, on top of their version", async () => {
    const { server, timers, autosave } = setup();
    server.copy = { content: "theirs", version: 2 };
    autosave.edit("mine");
    timers.advance(800);
    await settle();
    autosave.overwriteWithMine();
    timers.advance(0);
    await settle();
    expect(server.saves.at(-1)).toEqual({ content: "mine", baseVersion: 2 });
    expect(server.copy).toEqual({ content: "mine", version: 3 });
    expect(autosave.getState().status).toBe("saved");
  });

  it("reloading theirs replaces the draft and saves nothing", async () => {
    const { server, timers, autosave } = setup();
    server.copy = { content: "theirs", version: 2 };
    autosave.edit("mine");
    timers.advance(800);
    await settle();
    autosave.reloadTheirs();
    expect(autosave.getState()).toEqual({ status: "saved", draft: "theirs", base: { content: "theirs", version: 2 } });
    expect(timers.count).toBe(0);
    expect(server.saves).toHaveLength(1);
  });

  it("flush saves at once and returns the version that matches the draft", async () => {
    const { server, autosave } = setup();
    autosave.edit("run this");
    await expect(autosave.flush()).resolves.toEqual({ content: "run this", version: 2 });
    expect(server.saves).toHaveLength(1);
    await expect(autosave.flush()).resolves.toEqual({ content: "run this", version: 2 });
    expect(server.saves).toHaveLength(1);
  });

  it("reports a failed save and tries again on the next edit", async () => {
    const { server, timers, autosave } = setup();
    server.fail = "The server is unreachable.";
    autosave.edit("a");
    timers.advance(800);
    await settle();
    expect(autosave.getState()).toMatchObject({ status: "error", error: "The server is unreachable." });
    expect(timers.count).toBe(0);
    server.fail = undefined;
    autosave.edit("ab");
    expect(autosave.getState().status).toBe("unsaved");
    timers.advance(800);
    await settle();
    expect(autosave.getState()).toMatchObject({ status: "saved", base: { content: "ab", version: 2 } });
  });

  it("notifies subscribers of each change until they unsubscribe", () => {
    const { autosave } = setup();
    let calls = 0;
    const unsubscribe = autosave.subscribe(() => calls++);
    autosave.edit("a");
    autosave.edit("a");
    unsubscribe();
    autosave.edit("ab");
    expect(calls).toBe(1);
  });
});
