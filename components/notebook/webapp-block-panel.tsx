"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiRequest, messageOf, readApiError } from "@/lib/client/api-request";
import { readLines } from "@/lib/client/ndjson-lines";
import { codeFingerprint } from "@/lib/notebook/code-fingerprint";

/** The app as the runner API shows it (lib/webapps/app-view.ts). */
type AppView = {
  id: string;
  name: string;
  status: "queued" | "building" | "running" | "stopped" | "failed";
  url: string;
  status_reason: string | null;
  notebook_id: string | null;
  block_index: number | null;
  block_id: string | null;
  code_fingerprint: string | null;
};

type Props = {
  notebookId: string;
  blockId: string;
  /** The block's place on the page, which names the test ids. */
  blockIndex: number;
  /** Whether the reader may deploy, stop and redeploy (edit rights on the notebook). */
  canManage: boolean;
  /** The block's code now, to tell whether the app was deployed from it. */
  code: string;
  /** False until the page's requests carry what lets this reader see the app (a link page's cookie). */
  ready?: boolean;
};

const button = "rounded-md border border-stone-300 px-3 py-0.5 text-sm hover:bg-stone-100 disabled:opacity-60";
const POLL_MS = 1500;

/**
 * Under a `webapp <type>` block: Deploy; the build log while it builds; once running, the app in
 * an iframe (through a short-lived access URL, so a private notebook's app opens for its readers
 * only) with Open, Stop, Redeploy and Logs.
 */
export function WebappBlockPanel({ notebookId, blockId, blockIndex, canManage, code, ready = true }: Props) {
  const [app, setApp] = useState<AppView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [buildLog, setBuildLog] = useState<string[]>([]);
  const [frame, setFrame] = useState<{ appId: string; url: string } | null>(null);
  const [showLogs, setShowLogs] = useState(false);

  const refresh = useCallback(() => findBlockApp(notebookId, blockId).then(setApp), [notebookId, blockId]);

  useEffect(() => {
    if (!ready) return;
    let current = true;
    findBlockApp(notebookId, blockId)
      .then((found) => current && setApp(found))
      .catch((failure: unknown) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [notebookId, blockId, ready]);

  // While someone's deploy is still waiting or building, keep the state current.
  useEffect(() => {
    if (!isDeploying(app?.status) || busy) return;
    const timer = setInterval(() => void refresh().catch(() => {}), POLL_MS);
    return () => clearInterval(timer);
  }, [app?.status, busy, refresh]);

  // A fresh access URL whenever the app (re)starts running or a redeploy ends: its token lives
  // two minutes, and a new URL reloads the frame onto the new app.
  const appId = app?.id;
  const running = app?.status === "running";
  const [deploys, setDeploys] = useState(0);
  // While a redeploy builds, the old container keeps serving: its frame stays on screen.
  const frameUrl = (running || isDeploying(app?.status)) && frame && frame.appId === appId ? frame.url : null;
  useEffect(() => {
    if (!appId || !running) return;
    let current = true;
    apiRequest<{ url: string }>("GET", `/api/apps/${appId}/access`)
      .then(({ url }) => current && setFrame({ appId, url }))
      .catch((failure: unknown) => current && setError(messageOf(failure)));
    return () => {
      current = false;
    };
  }, [appId, running, deploys]);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      await refresh().catch(() => {});
    }
  }

  const deploy = () =>
    act(async () => {
      setBuildLog([]);
      if (!running) setFrame(null);
      const response = await fetch(`/api/notebooks/${notebookId}/blocks/${encodeURIComponent(blockId)}/deploy`, {
        method: "POST",
        headers: { accept: "application/x-ndjson" },
      });
      if (!response.ok) throw await readApiError(response);
      if (!response.headers.get("content-type")?.includes("ndjson") || !response.body) return;
      for await (const line of readLines(response.body.getReader())) applyEvent(JSON.parse(line) as DeployEvent);
      setDeploys((count) => count + 1);
    });

  function applyEvent(event: DeployEvent) {
    if (event.type === "app" && event.app) setApp(event.app);
    if (event.type === "log" && typeof event.line === "string") setBuildLog((lines) => [...lines.slice(-499), event.line!]);
    if (event.type === "status" && event.status) {
      const status = event.status;
      setApp((current) => (current ? { ...current, status, status_reason: event.reason ?? null } : current));
    }
    if (event.type === "error" && event.message) setError(event.message);
  }

  const lifecycle = (verb: "start" | "stop") => act(() => apiRequest("POST", `/api/apps/${app!.id}/${verb}`));

  const building = busy || isDeploying(app?.status);
  const changedSinceDeploy = app?.code_fingerprint != null && app.code_fingerprint !== codeFingerprint(code);
  return (
    <div data-testid={`webapp-${blockIndex}`} className="border-t border-stone-200 px-3 py-2 text-sm">
      {changedSinceDeploy && (
        <p data-testid={`webapp-changed-${blockIndex}`} className="mb-2 rounded bg-amber-50 px-2 py-1 text-amber-900">
          {canManage
            ? "The code has changed since this app was deployed: redeploy it to serve the new code."
            : "This app runs an earlier version of the code shown here."}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid={`webapp-status-${blockIndex}`} className="text-stone-600">
          {app ? statusText(app) : "Not deployed"}
        </span>
        <span className="ml-auto flex gap-2">
          {canManage && (!app || app.status === "failed" || app.status === "stopped") && (
            <button type="button" data-testid={`deploy-${blockIndex}`} disabled={building} onClick={() => void deploy()} className={`${button} border-violet-700 bg-violet-700 font-medium text-white hover:bg-violet-600`}>
              {building ? "Deploying…" : "Deploy"}
            </button>
          )}
          {canManage && app?.status === "stopped" && (
            <button type="button" disabled={busy} onClick={() => void lifecycle("start")} className={button}>
              Start
            </button>
          )}
          {running && frameUrl && (
            <a href={frameUrl} target="_blank" rel="noreferrer" data-testid={`open-${blockIndex}`} className={button}>
              Open
            </a>
          )}
          {canManage && running && (
            <>
              <button type="button" data-testid={`stop-${blockIndex}`} disabled={busy} onClick={() => void lifecycle("stop")} className={button}>
                Stop
              </button>
              <button type="button" data-testid={`redeploy-${blockIndex}`} disabled={busy} onClick={() => void deploy()} className={button}>
                Redeploy
              </button>
            </>
          )}
          {app && (
            <button type="button" aria-pressed={showLogs} onClick={() => setShowLogs((shown) => !shown)} className={button}>
              Logs
            </button>
          )}
        </span>
      </div>
      {error && (
        <p role="alert" className="mt-2 rounded bg-red-50 px-2 py-1 text-red-800">
          {error}
        </p>
      )}
      {building && buildLog.length > 0 && <LogView testId={`build-log-${blockIndex}`} lines={buildLog} />}
      {showLogs && app && <FollowedLogs appId={app.id} />}
      {frameUrl && (
        <iframe
          data-testid={`webapp-frame-${blockIndex}`}
          title={`${app!.name} (web app)`}
          src={frameUrl}
          className="mt-2 h-96 w-full rounded border border-stone-200"
        />
      )}
    </div>
  );
}

/** This block's app, if it was ever deployed: the notebook's apps (which any reader may see), narrowed to the block. */
async function findBlockApp(notebookId: string, blockId: string): Promise<AppView | null> {
  const { apps } = await apiRequest<{ apps: AppView[] }>("GET", `/api/notebooks/${encodeURIComponent(notebookId)}/apps`);
  return apps.find((candidate) => candidate.block_id === blockId) ?? null;
}

type DeployEvent = { type: string; app?: AppView; line?: string; status?: AppView["status"]; reason?: string | null; message?: string };

const isDeploying = (status: AppView["status"] | undefined) => status === "queued" || status === "building";

function statusText(app: AppView): string {
  if (app.status === "failed") return `Failed: ${app.status_reason ?? "no reason recorded"}`;
  if (app.status === "queued") return `Queued: ${app.status_reason ?? "waiting for a build slot"}`;
  if (app.status === "building") return "Building…";
  return app.status === "running" ? "Running" : "Stopped";
}

function LogView({ lines, testId }: { lines: string[]; testId?: string }) {
  const end = useRef<HTMLPreElement>(null);
  useEffect(() => {
    end.current?.scrollTo({ top: end.current.scrollHeight });
  }, [lines]);
  return (
    <pre ref={end} data-testid={testId} className="mt-2 max-h-64 overflow-auto rounded bg-stone-900 p-2 text-xs text-stone-100">
      {lines.join("\n")}
    </pre>
  );
}

/** The container's log, followed while shown; the stream is cancelled when hidden. */
function FollowedLogs({ appId }: { appId: string }) {
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const response = await fetch(`/api/apps/${appId}/logs?tail=200&follow=1`, { signal: controller.signal });
      if (!response.ok || !response.body) throw await readApiError(response);
      for await (const line of readLines(response.body.getReader())) setLines((shown) => [...shown.slice(-999), line]);
    })().catch((failure: unknown) => {
      if (!controller.signal.aborted) setLines((shown) => [...shown, `[${messageOf(failure)}]`]);
    });
    return () => controller.abort();
  }, [appId]);
  return <LogView lines={lines} />;
}
