/** The notebook as the server has it at one version. */
export type ServerCopy = { content: string; version: number };

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict" | "error";

/**
 * What the editor holds against what the server has. `base` is the server's copy the draft was
 * made on: a save sends `base.version` as `baseVersion`, so the server refuses it when someone
 * else saved in between, and the draft is never written over their work without a choice.
 */
export type AutosaveState = {
  base: ServerCopy;
  draft: string;
  status: SaveStatus;
  /** The content of the save under way. */
  saving?: string;
  /** Their newer copy, when a save was refused as stale; the draft is "mine". */
  theirs?: ServerCopy;
  error?: string;
};

export type AutosaveEvent =
  | { type: "edit"; content: string }
  | { type: "save-started" }
  | { type: "save-succeeded"; saved: ServerCopy }
  | { type: "save-conflicted"; theirs: ServerCopy }
  | { type: "save-failed"; message: string }
  | { type: "reload-theirs" }
  | { type: "overwrite-with-mine" };

export function initialAutosave(saved: ServerCopy): AutosaveState {
  return { base: saved, draft: saved.content, status: "saved" };
}

/** True when the draft differs from the server's copy and nothing stands in the way of a save. */
export function wantsSave(state: AutosaveState): boolean {
  return state.status === "unsaved" || (state.status === "error" && state.draft !== state.base.content);
}

const settled = (state: Pick<AutosaveState, "base" | "draft">): SaveStatus => (state.draft === state.base.content ? "saved" : "unsaved");

export function autosaveReducer(state: AutosaveState, event: AutosaveEvent): AutosaveState {
  switch (event.type) {
    case "edit": {
      if (event.content === state.draft) return state;
      const next = { ...state, draft: event.content };
      // A conflict stays until the author chooses; a save under way reports when it ends.
      if (state.status === "conflict" || state.status === "saving") return next;
      return { ...next, status: settled(next), error: undefined };
    }
    case "save-started":
      if (!wantsSave(state)) return state;
      return { ...state, status: "saving", saving: state.draft, error: undefined };
    case "save-succeeded": {
      if (state.status !== "saving") return state;
      // The server gives new blocks their ids; a draft untouched since the save takes its copy.
      const draft = state.draft === state.saving ? event.saved.content : state.draft;
      const next = { ...state, base: event.saved, draft, saving: undefined };
      return { ...next, status: settled(next) };
    }
    case "save-conflicted":
      if (state.status !== "saving") return state;
      return { ...state, status: "conflict", saving: undefined, theirs: event.theirs };
    case "save-failed":
      if (state.status !== "saving") return state;
      return { ...state, status: "error", saving: undefined, error: event.message };
    case "reload-theirs":
      if (state.status !== "conflict" || !state.theirs) return state;
      return { base: state.theirs, draft: state.theirs.content, status: "saved" };
    case "overwrite-with-mine": {
      if (state.status !== "conflict" || !state.theirs) return state;
      // Mine is saved on top of their version: an explicit choice, made with both in view.
      const next = { base: state.theirs, draft: state.draft };
      return { ...next, status: settled(next) };
    }
  }
}
