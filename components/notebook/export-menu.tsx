"use client";

import { useCallback, useRef, useState } from "react";
import { useEscapeKey } from "@/lib/client/use-escape-key";

/** Downloads of the saved notebook: its Markdown as it is, or a Jupyter notebook (with the expected outputs, or your last run's). Esc closes it. */
export function ExportMenu({ notebookId }: { notebookId: string }) {
  const base = `/api/notebooks/${encodeURIComponent(notebookId)}/export`;
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => {
    if (!menu.current) return;
    menu.current.open = false;
    menu.current.querySelector("summary")?.focus();
  }, []);
  useEscapeKey(open, close);
  return (
    <details ref={menu} onToggle={(event) => setOpen(event.currentTarget.open)} className="relative" data-testid="export-menu">
      <summary className="cursor-pointer list-none rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100">Export</summary>
      <div className="absolute right-0 z-10 mt-1 flex w-56 flex-col rounded-md border border-stone-200 bg-white py-1 shadow">
        <a href={`${base}?format=md`} download className="px-3 py-1 hover:bg-stone-100">
          Markdown (.md)
        </a>
        <a href={`${base}?format=ipynb`} download className="px-3 py-1 hover:bg-stone-100">
          Jupyter (.ipynb)
        </a>
        <a href={`${base}?format=ipynb&outputs=last`} download className="px-3 py-1 hover:bg-stone-100">
          Jupyter, with your last outputs
        </a>
      </div>
    </details>
  );
}
