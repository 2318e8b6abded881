"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";
import { AddPersonForm } from "./add-person-form";
import { ModalDialog } from "./modal-dialog";

type Person = { id: string; name: string; email: string };
type Share = { user: Person; role: "viewer" | "editor" };
type Link = { id: string; access: "read" | "run"; createdAt: string };
type Run = { id: string; blockIndex: number; status: string; startedAt: string; durationMs: number | null; user: Person };

const BUTTON = "rounded-md border border-stone-300 px-3 py-0.5 hover:bg-stone-100 disabled:opacity-60";
const FIELD = "rounded-md border border-stone-300 px-2 py-1";

/**
 * The notebook's Share button and dialog: people and their roles, the link on or off, and the run
 * history, for the notebook's owners (the header shows it to them only). It asks the server for
 * the shares first and shows nothing unless that answers.
 */
export function ShareDialog({ notebookId }: { notebookId: string }) {
  const queryClient = useQueryClient();
  const base = `/api/notebooks/${notebookId}`;
  const queryKey = ["shares", notebookId];
  const { data } = useQuery({
    queryKey,
    queryFn: () => apiRequest<{ shares: Share[]; links: Link[] }>("GET", `${base}/shares`),
    retry: false,
    staleTime: 0,
  });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setOpen(false), []);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    let done = false;
    try {
      await action();
      done = true;
    } catch (failure) {
      setError(messageOf(failure));
    }
    await queryClient.invalidateQueries({ queryKey });
    return done;
  };

  if (!data) return null;
  const { shares, links } = data;
  return (
    <>
      <button type="button" data-testid="share-button" className={BUTTON} onClick={() => setOpen(true)}>
        Share
      </button>
      {open && (
        <ModalDialog label="Share this notebook" onClose={close} className="max-w-lg space-y-5">
          <div className="flex items-center justify-between">
            <h2 className="text-lg font-semibold">Share</h2>
            <button type="button" autoFocus className={BUTTON} onClick={close}>
              Close
            </button>
          </div>
          {error && (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          )}
          <People shares={shares} base={base} act={act} />
          <LinkSection links={links} base={base} act={act} />
          <RunHistory base={base} />
        </ModalDialog>
      )}
    </>
  );
}

type Act = (action: () => Promise<unknown>) => Promise<boolean>;
const SHARE_ROLES: readonly Share["role"][] = ["viewer", "editor"];

function People({ shares, base, act }: { shares: Share[]; base: string; act: Act }) {
  return (
    <section className="space-y-2">
      <h3 className="font-medium">People</h3>
      <ul data-testid="share-people" className="divide-y divide-stone-200">
        {shares.map(({ user, role: current }) => (
          <li key={user.id} className="flex items-center justify-between gap-2 py-1.5">
            <span>
              {user.name} <span className="text-stone-500">{user.email}</span>
            </span>
            <span className="flex gap-2">
              <select
                aria-label={`Role of ${user.email}`}
                className={FIELD}
                value={current}
                onChange={(event) => void act(() => apiRequest("POST", `${base}/shares`, { email: user.email, role: event.target.value }))}
              >
                <option value="viewer">viewer</option>
                <option value="editor">editor</option>
              </select>
              <button type="button" className={BUTTON} onClick={() => void act(() => apiRequest("DELETE", `${base}/shares/${user.id}`))}>
                Remove
              </button>
            </span>
          </li>
        ))}
        {shares.length === 0 && <li className="py-1.5 text-stone-500">Not shared with anyone yet.</li>}
      </ul>
      <AddPersonForm
        roles={SHARE_ROLES}
        defaultRole="viewer"
        submitLabel="Add"
        onAdd={(email, role) => act(() => apiRequest("POST", `${base}/shares`, { email, role }))}
      />
    </section>
  );
}

function LinkSection({ links, base, act }: { links: Link[]; base: string; act: Act }) {
  const [access, setAccess] = useState<Link["access"]>("read");
  // The secret comes back once, at creation: it is kept here only while the dialog is open.
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const on = links.length > 0;
  const turnOn = () =>
    act(async () => {
      const { link } = await apiRequest<{ link: { url: string } }>("POST", `${base}/links`, { access });
      setUrl(link.url);
      setCopied(false);
    });
  const turnOff = () =>
    act(async () => {
      for (const link of links) await apiRequest("DELETE", `${base}/links/${link.id}`);
      setUrl(null);
    });
  const copy = async () => {
    if (!url) return;
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section className="space-y-2">
      <h3 className="font-medium">Link</h3>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          <input type="checkbox" aria-label="Link on" checked={on} onChange={() => void (on ? turnOff() : turnOn())} />
          {on ? `On: anyone with the link can ${links.some((link) => link.access === "run") ? "read, and run if signed in" : "read"}` : "Off"}
        </label>
        {!on && (
          <select aria-label="Link access" className={FIELD} value={access} onChange={(event) => setAccess(event.target.value as Link["access"])}>
            <option value="read">read only</option>
            <option value="run">read and run (signed-in users)</option>
          </select>
        )}
      </div>
      {on &&
        links.map((link) => (
          <label key={link.id} className="flex items-center gap-2">
            Access
            <select
              aria-label="Change link access"
              data-testid="link-access"
              className={FIELD}
              value={link.access}
              onChange={(event) => void act(() => apiRequest("PATCH", `${base}/links/${link.id}`, { access: event.target.value }))}
            >
              <option value="read">read only</option>
              <option value="run">read and run (signed-in users)</option>
            </select>
            <span className="text-stone-500">The link stays the same.</span>
          </label>
        ))}
      {on && url && (
        <div className="flex gap-2">
          <input readOnly aria-label="Share link" data-testid="share-link" className={`${FIELD} min-w-0 flex-1 font-mono text-xs`} value={url} />
          <button type="button" className={BUTTON} onClick={() => void copy()}>
            {copied ? "Copied" : "Copy link"}
          </button>
        </div>
      )}
      {on && !url && <p className="text-stone-500">The link was shown when it was made. For a new one, turn the link off and on.</p>}
    </section>
  );
}

function RunHistory({ base }: { base: string }) {
  const [runs, setRuns] = useState<Run[] | null>(null);
  const show = async () => setRuns((await apiRequest<{ runs: Run[] }>("GET", `${base}/runs`)).runs);
  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between">
        <h3 className="font-medium">Run history</h3>
        <button type="button" className={BUTTON} onClick={() => void show()}>
          {runs ? "Refresh" : "Show"}
        </button>
      </div>
      {runs && (
        <table data-testid="run-history" className="w-full text-left text-xs">
          <thead className="text-stone-500">
            <tr>
              <th className="py-1">Who</th>
              <th>Block</th>
              <th>When</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-stone-200">
                <td className="py-1">{run.user.name}</td>
                <td>{run.blockIndex}</td>
                <td>
                  <time dateTime={run.startedAt}>{new Date(run.startedAt).toLocaleString()}</time>
                </td>
                <td>{run.status}</td>
              </tr>
            ))}
            {runs.length === 0 && (
              <tr>
                <td colSpan={4} className="py-1 text-stone-500">
                  Nobody has run a block yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
