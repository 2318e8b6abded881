import { describe, expect, it } from "vitest";
import { autosaveReducer, initialAutosave, wantsSave, type AutosaveEvent, type AutosaveState } from "./autosave-state";

const apply = (state: AutosaveState, ...events: AutosaveEvent[]) => events.reduce(autosaveReducer, state);
const start = () => initialAutosave({ content: "v1", version: 1 });

describe("autosaveReducer", () => {
  it("is unsaved after an edit and saved again when the edit is undone", () => {
    const edited = apply(start(), { type: "edit", content: "v1 changed" });
    expect(edited).toMatchObject({ status: "unsaved", draft: "v1 changed" });
    expect(wantsSave(edited)).toBe(true);
    expect(apply(edited, { type: "edit", content: "v1" }).status).toBe("saved");
  });

  it("saves the draft on the base version and takes the server's copy as the new base", () => {
    const saving = apply(start(), { type: "edit", content: "mine" }, { type: "save-started" });
    expect(saving).toMatchObject({ status: "saving", saving: "mine", base: { version: 1 } });
    const saved = apply(saving, { type: "save-succeeded", saved: { content: "mine", version: 2 } });
    expect(saved).toMatchObject({ status: "saved", base: { content: "mine", version: 2 }, draft: "mine" });
    expect(wantsSave(saved)).toBe(false);
  });

  it("takes the server's copy into an untouched draft when the save gave blocks their ids", () => {
    const state = apply(
      start(),
      { type: "edit", content: "```runnable bash\n```" },
      { type: "save-started" },
      { type: "save-succeeded", saved: { content: "```runnable bash id=abc\n```", version: 2 } },
    );
    expect(state).toMatchObject({ status: "saved", draft: "```runnable bash id=abc\n```" });
  });

  it("stays unsaved when typing went on during the save", () => {
    const state = apply(
      start(),
      { type: "edit", content: "a" },
      { type: "save-started" },
      { type: "edit", content: "ab" },
      { type: "save-succeeded", saved: { content: "a", version: 2 } },
    );
    expect(state).toMatchObject({ status: "unsaved", draft: "ab", base: { content: "a", version: 2 } });
  });

  it("turns a stale save into a conflict that keeps both versions and blocks further saves", () => {
    const conflict = apply(
      start(),
      { type: "edit", content: "mine" },
      { type: "save-started" },
      { type: "save-conflicted", theirs: { content: "theirs", version: 2 } },
      { type: "edit", content: "mine, still typing" },
    );
    expect(conflict).toMatchObject({ status: "conflict", draft: "mine, still typing", base: { version: 1 }, theirs: { content: "theirs", version: 2 } });
    expect(wantsSave(conflict)).toBe(false);
    expect(apply(conflict, { type: "save-started" })).toBe(conflict);
  });

  it("reloading theirs drops the draft and bases on their version", () => {
    const state = apply(
      start(),
      { type: "edit", content: "mine" },
      { type: "save-started" },
      { type: "save-conflicted", theirs: { content: "theirs", version: 3 } },
      { type: "reload-theirs" },
    );
    expect(state).toEqual({ status: "saved", draft: "theirs", base: { content: "theirs", version: 3 } });
  });

  it("overwriting with mine keeps the draft and bases it on their version, so the next save wins knowingly", () => {
    const state = apply(
      start(),
      { type: "edit", content: "mine" },
      { type: "save-started" },
      { type: "save-conflicted", theirs: { content: "theirs", version: 3 } },
      { type: "overwrite-with-mine" },
      { type: "save-started" },
    );
    expect(state).toMatchObject({ status: "saving", saving: "mine", base: { content: "theirs", version: 3 } });
  });

  it("keeps a failed save's message and retries on the next save", () => {
    const failed = apply(start(), { type: "edit", content: "mine" }, { type: "save-started" }, { type: "save-failed", message: "offline" });
    expect(failed).toMatchObject({ status: "error", error: "offline", draft: "mine" });
    expect(wantsSave(failed)).toBe(true);
    expect(apply(failed, { type: "save-started" })).toMatchObject({ status: "saving", error: undefined });
  });

  it("ignores answers to a save that is not under way and choices when there is no conflict", () => {
    const state = start();
    expect(apply(state, { type: "save-succeeded", saved: { content: "x", version: 9 } })).toBe(state);
    expect(apply(state, { type: "save-conflicted", theirs: { content: "x", version: 9 } })).toBe(state);
    expect(apply(state, { type: "reload-theirs" }, { type: "overwrite-with-mine" })).toBe(state);
  });
});
