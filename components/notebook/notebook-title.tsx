"use client";

import { useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";

export type TitleState = { title: string; followsHeading: boolean };

type Props = {
  notebookId: string;
  /** The title to show: while it follows the heading, the draft's first `#` heading. */
  shown: string;
  followsHeading: boolean;
  canRename: boolean;
  onRenamed: (state: TitleState) => void;
};

const BUTTON = "rounded-md border border-stone-300 px-2 py-0.5 text-sm font-normal hover:bg-stone-100";

/** The notebook's title, and for editors a Rename that sets it (or lets it follow the first heading again). */
export function NotebookTitle({ notebookId, shown, followsHeading, canRename, onRenamed }: Props) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(title: string | null) {
    setPending(true);
    setError(null);
    try {
      const { notebook } = await apiRequest<{ notebook: { title: string; titleFollowsHeading: boolean } }>("PATCH", `/api/notebooks/${notebookId}`, { title });
      onRenamed({ title: notebook.title, followsHeading: notebook.titleFollowsHeading });
      setEditing(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(value);
  }

  if (editing) {
    return (
      <form onSubmit={submit} className="flex min-w-0 flex-wrap items-center gap-2" aria-label="Rename the notebook">
        <input
          autoFocus
          data-testid="title-input"
          aria-label="Title"
          value={value}
          maxLength={200}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setEditing(false);
          }}
          className="min-w-0 rounded-md border border-stone-300 px-2 py-1 text-xl font-semibold"
        />
        <button type="submit" disabled={pending} className={BUTTON}>
          Save
        </button>
        <button type="button" onClick={() => setEditing(false)} className={BUTTON}>
          Cancel
        </button>
        {!followsHeading && (
          <button type="button" disabled={pending} onClick={() => void save(null)} className={BUTTON} data-testid="title-follow-heading">
            Use the first heading
          </button>
        )}
        {error && (
          <p role="alert" className="w-full text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
    );
  }
  return (
    <div className="flex min-w-0 flex-wrap items-baseline gap-2">
      <h1 data-testid="notebook-title" className="text-2xl font-semibold tracking-tight break-words">
        {shown}
      </h1>
      {canRename && (
        <button
          type="button"
          data-testid="rename-button"
          title={followsHeading ? "The title follows the first # heading until you set one." : undefined}
          onClick={() => {
            setValue(shown);
            setEditing(true);
          }}
          className={BUTTON}
        >
          Rename
        </button>
      )}
    </div>
  );
}
