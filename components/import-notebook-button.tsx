"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";
import { messageOf, readApiError } from "@/lib/client/api-request";

/** Imports a Jupyter notebook (.ipynb) chosen from disk and opens it. */
export function ImportNotebookButton() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const form = new FormData();
      form.set("file", file);
      const response = await fetch("/api/notebooks/import", { method: "POST", body: form });
      if (!response.ok) throw await readApiError(response);
      const { notebook } = (await response.json()) as { notebook: { id: string } };
      router.push(`/notebooks/${notebook.id}`);
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      {error && (
        <p role="alert" data-testid="import-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
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
