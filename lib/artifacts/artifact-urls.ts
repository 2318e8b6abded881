// Where artifacts are served, built in one place for the server's events and replies and for the
// browser's restored runs (this file imports nothing, so both may use it).

export function executionArtifactUrl(executionId: string, name: string): string {
  return `/api/executions/${executionId}/artifacts/${encodeURIComponent(name)}`;
}

/** Absolute, as the R runner seed's replies give them: `base` is PUBLIC_BASE_URL. */
export function rRunArtifactUrl(base: string, runId: string, name: string): string {
  return `${base.replace(/\/+$/, "")}/api/r/artifacts/${runId}/${encodeURIComponent(name)}`;
}
