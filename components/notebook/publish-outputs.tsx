"use client";

import { useState } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";
import type { PublishedView } from "@/lib/client/published-runs";

const BUTTON = "rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100 disabled:opacity-60";

type Props = {
  notebookId: string;
  published: PublishedView | null;
  onChange: (published: PublishedView | null) => void;
};

/** For editors: publish your latest run of each block as what every reader sees, or take it down. */
export function PublishOutputs({ notebookId, published, onChange }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/notebooks/${notebookId}/published-outputs`;

  async function act(action: () => Promise<PublishedView | null>) {
    setPending(true);
    setError(null);
    try {
      onChange(await action());
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
    }
  }

  const when = published ? new Date(published.publishedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : null;
  return (
    <>
      <button
        type="button"
        data-testid="publish-outputs"
        disabled={pending}
        title="Readers see your latest output of each block until they run it themselves."
        onClick={() => void act(async () => (await apiRequest<{ published: PublishedView }>("POST", base)).published)}
        className={BUTTON}
      >
        {published ? "Publish again" : "Publish outputs"}
      </button>
      {published && (
        <span data-testid="published-status" className="flex items-center gap-2 text-stone-600">
          Published {when}
          <button type="button" data-testid="unpublish-outputs" disabled={pending} onClick={() => void act(async () => (await apiRequest("DELETE", base), null))} className={BUTTON}>
            Unpublish
          </button>
        </span>
      )}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
