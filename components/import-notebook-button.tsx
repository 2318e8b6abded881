"use client";

import { useRef, type ChangeEvent } from "react";
import { readApiError } from "@/lib/client/api-request";
import { useOpenNewNotebook } from "@/lib/client/use-open-new-notebook";
import { NotebookActionError } from "./notebook-action-error";

async function importNotebook(file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.set("file", file);
  const response = await fetch("/api/notebooks/import", { method: "POST", body: form });
  if (!response.ok) throw await readApiError(response);
  return ((await response.json()) as { notebook: { id: string } }).notebook;
}

/** Imports a Jupyter notebook (.ipynb) chosen from disk and opens it. */
export function ImportNotebookButton() {
  const input = useRef<HTMLInputElement>(null);
  const { error, pending, open } = useOpenNewNotebook();

  function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) void open(() => importNotebook(file));
  }

  return (
    <div className="flex items-center gap-3">
      <NotebookActionError error={error} testId="import-error" />
      <input ref={input} type="file" accept=".ipynb,application/x-ipynb+json,application/json" data-testid="import-file" className="hidden" onChange={upload} />
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={pending}
        className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 disabled:opacity-60"
      >
        {pending ? "Importing…" : "Import .ipynb"}
      </button>
    </div>
  );
}
