"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ModalDialog } from "@/components/modal-dialog";
import { apiRequest, messageOf } from "@/lib/client/api-request";

const BUTTON = "rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100 disabled:opacity-60";

type Props = {
  notebookId: string;
  title: string;
  canDelete: boolean;
  /** Called just before leaving a deleted notebook, so nothing tries to save it afterwards. */
  onDeleted: () => void;
};

/** Duplicate (anyone who reads it gets a copy of their own) and, for its owners, Delete with a confirmation. */
export function NotebookActions({ notebookId, title, canDelete, onDeleted }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<string>) {
    setPending(true);
    setError(null);
    try {
      router.push(await action());
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  const duplicate = () =>
    act(async () => {
      const { notebook } = await apiRequest<{ notebook: { id: string } }>("POST", `/api/notebooks/${notebookId}/duplicate`, {});
      return `/notebooks/${notebook.id}`;
    });
  const remove = () =>
    act(async () => {
      await apiRequest("DELETE", `/api/notebooks/${notebookId}`);
      onDeleted();
      return "/notebooks";
    });

  return (
    <>
      <button type="button" data-testid="duplicate-button" disabled={pending} onClick={() => void duplicate()} className={BUTTON}>
        Duplicate
      </button>
      {canDelete && (
        <button type="button" data-testid="delete-button" onClick={() => setConfirming(true)} className={`${BUTTON} text-red-700`}>
          Delete
        </button>
      )}
      {error && !confirming && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      {confirming && (
        <ModalDialog label="Delete this notebook" testId="delete-dialog" onClose={() => setConfirming(false)}>
          <h2 className="text-lg font-semibold">Delete “{title}”?</h2>
          <p className="mt-3 text-stone-700">
            The notebook goes for everyone it is shared with, together with every reader&rsquo;s runs and sandboxes, its share links and the web
            apps deployed from it. This cannot be undone.
          </p>
          {error && (
            <p role="alert" className="mt-3 text-red-700">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-3">
            <button type="button" autoFocus onClick={() => setConfirming(false)} className={BUTTON}>
              Cancel
            </button>
            <button
              type="button"
              data-testid="confirm-delete"
              disabled={pending}
              onClick={() => void remove()}
              className="rounded-md bg-red-700 px-3 py-0.5 font-medium text-white hover:bg-red-600 disabled:opacity-60"
            >
              Delete notebook
            </button>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
