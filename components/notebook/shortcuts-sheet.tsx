"use client";

import { useCallback, useEffect, useState } from "react";
import { ModalDialog } from "@/components/modal-dialog";

const EDITOR_SHORTCUTS: Array<[keys: string, what: string]> = [
  ["Shift+Enter", "In the editor: run the block the cursor is in (anywhere from its opening fence to its closing one). On a focused block in the preview: run it."],
  ["Tab / Shift+Tab", "Move focus through the page. Tab does not indent in the editor, so it never traps the keyboard; indent with the editor's Ctrl+] and Ctrl+[ instead."],
  ["Esc", "Close a dialog or the Export menu, this sheet included."],
  ["?", "Show this sheet (when the focus is not in the editor or a text field)."],
];

// A reader's page has no editor: the same keys, said without it.
const READER_SHORTCUTS: Array<[keys: string, what: string]> = [
  ["Shift+Enter", "On a focused block: run it (when you may run this notebook)."],
  ["Tab / Shift+Tab", "Move focus through the page, block by block."],
  ["Esc", "Close a dialog, this sheet included."],
  ["?", "Show this sheet (when the focus is not in a text field)."],
];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The `?` sheet: every keyboard shortcut the page has (`withEditor`: the author's source editor is on it), and a button that opens it. */
export function ShortcutsSheet({ withEditor = false }: { withEditor?: boolean }) {
  const shortcuts = withEditor ? EDITOR_SHORTCUTS : READER_SHORTCUTS;
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.key === "?" && !typingIn(event.target)) setOpen(true);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <>
      <button type="button" data-testid="shortcuts-button" onClick={() => setOpen(true)} className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100" aria-keyshortcuts="?">
        Shortcuts
      </button>
      {open && (
        <ModalDialog label="Keyboard shortcuts" testId="shortcuts-sheet" onClose={close}>
          <div className="flex items-center justify-between gap-3">
            <h2 className="text-lg font-semibold">Keyboard shortcuts</h2>
            <button type="button" autoFocus onClick={close} className="rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100">
              Close
            </button>
          </div>
          <dl className="mt-4 space-y-3">
            {shortcuts.map(([keys, what]) => (
              <div key={keys}>
                <dt>
                  <kbd className="rounded border border-stone-300 bg-stone-100 px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
                </dt>
                <dd className="mt-1 text-stone-700">{what}</dd>
              </div>
            ))}
          </dl>
        </ModalDialog>
      )}
    </>
  );
}
