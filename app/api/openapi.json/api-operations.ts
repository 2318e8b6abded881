import { z } from "zod";
import type { AuthScheme, Operation } from "@/lib/http/openapi/build-openapi-document";
import { createAppFieldsSchema } from "../apps/create-app-request";
import { appLogsQuerySchema } from "../apps/[id]/logs/request-schema";
import { logInSchema } from "../auth/login/request-schema";
import { logOutEverywhereSchema } from "../auth/logout-everywhere/request-schema";
import { changePasswordSchema } from "../auth/password/request-schema";
import { signUpSchema } from "../auth/signup/request-schema";
import { runBlockSchema } from "../executions/request-schema";
import { eventsFromSchema } from "../executions/[id]/events/request-schema";
import { inputSchema } from "../executions/[id]/input/request-schema";
import { completeSchema } from "../sessions/[id]/complete/request-schema";
import { exportQuerySchema } from "../notebooks/[id]/export/request-schema";
import { importQuerySchema } from "../notebooks/import/request-schema";
import { runScratchNotebookSchema } from "../notebooks/run/request-schema";
import { createLinkSchema } from "../notebooks/[id]/links/request-schema";
import { updateNotebookSchema } from "../notebooks/[id]/request-schema";
import { shareSchema } from "../notebooks/[id]/shares/request-schema";
import { duplicateNotebookSchema } from "../notebooks/[id]/duplicate/request-schema";
import { createNotebookSchema, listNotebooksQuerySchema } from "../notebooks/request-schema";
import { runRScriptSchema } from "../r/run/request-schema";
import { changeMemberSchema } from "../teams/[id]/members/[userId]/request-schema";
import { addMemberSchema } from "../teams/[id]/members/request-schema";
import { deleteTeamSchema } from "../teams/[id]/request-schema";
import { createTeamSchema } from "../teams/request-schema";
import { createTokenSchema } from "../tokens/request-schema";

// Every route under app/api, once. The request schemas are the ones the routes parse with;
// a test walks app/api and fails when a route or a method is missing here.

const USER: AuthScheme[] = ["sessionCookie", "apiToken"];
const APPS: AuthScheme[] = ["sessionCookie", "apiToken", "appApiKey"];
const R_RUNNER: AuthScheme[] = ["runnerToken", "apiToken"];
// Routes that only show a notebook's app also answer a share link's holder, signed out too.
const APPS_OR_LINK: AuthScheme[] = [...APPS, "shareLink"];

const json = (description: string, schema?: z.ZodType) => ({ description, schema: schema ?? z.object({}).loose() });
const noContent = { description: "Done; no body." };
const ndjson = (description: string) => ({ description, contentType: "application/x-ndjson" });
const bytes = (description: string) => ({ description, contentType: "application/octet-stream" });

const user = z.object({ id: z.string(), email: z.string(), name: z.string() });
const completion = z.object({
  status: z.enum(["ok", "no-kernel", "busy", "timeout", "invalid", "unsupported"]),
  from: z.number().int(),
  to: z.number().int(),
  matches: z.array(z.object({ text: z.string(), type: z.string().optional() })),
});
const kernel = z.object({ runtime: z.enum(["python", "node", "bash", "r"]), state: z.enum(["starting", "idle", "busy", "dead", "restarting"]), startedAt: z.string().nullable() });
const session = z.object({ id: z.string(), status: z.enum(["starting", "ready", "ended"]), startedAt: z.string(), lastActivityAt: z.string(), expiresAt: z.string(), kernels: z.array(kernel) }).loose();
const app = z.object({ id: z.string(), name: z.string(), status: z.enum(["queued", "building", "running", "stopped", "failed"]).describe("queued: waiting for a build slot (see status_reason)"), url: z.string(), app_type: z.string() }).loose();

export const API_OPERATIONS: Operation[] = [
  // Accounts and tokens
  { method: "post", path: "/api/auth/signup", tag: "accounts", summary: "Create an account and sign in", auth: [], body: signUpSchema, responses: { 201: json("The new user; the session cookie is set.", z.object({ user })), 409: { description: "That email already has an account." } } },
  { method: "post", path: "/api/auth/login", tag: "accounts", summary: "Sign in", auth: [], body: logInSchema, responses: { 200: json("The user; the session cookie is set.", z.object({ user })) } },
  { method: "post", path: "/api/auth/logout", tag: "accounts", summary: "Sign out (the session token is revoked)", auth: [], responses: { 204: noContent } },
  { method: "post", path: "/api/auth/logout-everywhere", tag: "accounts", summary: "Sign out every session of this account (API tokens are kept)", auth: USER, body: logOutEverywhereSchema, responses: { 204: { description: "Every session cookie made so far is refused; with `keepCurrent` this one gets a fresh cookie, otherwise its cookie is cleared." } } },
  { method: "post", path: "/api/auth/password", tag: "accounts", summary: "Change your password (every other session is signed out)", auth: USER, body: changePasswordSchema, responses: { 200: json("The user; a session cookie sent with the request is replaced by a fresh one.", z.object({ user })), 403: { description: "The current password is not correct." }, 429: { description: "Too many wrong current passwords (counted as failed sign-ins)." } } },
  { method: "get", path: "/api/auth/me", tag: "accounts", summary: "The signed-in user", auth: USER, responses: { 200: json("The caller.", z.object({ user })) } },
  { method: "get", path: "/api/tokens", tag: "accounts", summary: "List your API tokens", auth: USER, responses: { 200: json("`{tokens: [{id, name, createdAt, lastUsedAt, expiresAt}]}`") } },
  { method: "post", path: "/api/tokens", tag: "accounts", summary: "Create an API token (shown once), optionally with an expiry", auth: USER, body: createTokenSchema, responses: { 201: json("`{id, name, token, expiresAt}`") } },
  { method: "delete", path: "/api/tokens/{id}", tag: "accounts", summary: "Revoke an API token", auth: USER, responses: { 204: noContent } },

  // Notebooks, sharing and teams
  { method: "get", path: "/api/notebooks", tag: "notebooks", summary: "Every notebook you can see, or those whose title or text matches `q` (full-text search, best first)", auth: USER, query: listNotebooksQuerySchema, responses: { 200: json("`{notebooks: [{id, title, updatedAt, owner, team, role}]}`; with `q`, each also has `snippet`, its matches between U+0002 and U+0003") } },
  { method: "post", path: "/api/notebooks", tag: "notebooks", summary: "Create a notebook", auth: USER, body: createNotebookSchema, responses: { 201: json("`{notebook}`") } },
  { method: "get", path: "/api/notebooks/{id}", tag: "notebooks", summary: "A notebook with its parsed blocks and your permissions", auth: USER, responses: { 200: json("`{notebook: {id, title, titleFollowsHeading, content, blocks, settings: {state, error?}, role, permissions, updatedAt, version}}`") } },
  { method: "patch", path: "/api/notebooks/{id}", tag: "notebooks", summary: "Change a notebook's title or content (a rename alone needs no baseVersion; `title: null` makes the title follow the first heading again)", auth: USER, body: updateNotebookSchema, responses: { 200: json("`{notebook}`"), 409: { description: "`baseVersion` is stale: someone saved since." } } },
  { method: "delete", path: "/api/notebooks/{id}", tag: "notebooks", summary: "Delete a notebook (owners)", auth: USER, responses: { 204: noContent } },
  { method: "get", path: "/api/notebooks/{id}/published-outputs", tag: "notebooks", summary: "The outputs the authors published: what readers see under each block until they run it", auth: USER, responses: { 200: json("`{published: {publishedAt, publishedBy: {id, name}, executions: [...]} | null}`") } },
  { method: "post", path: "/api/notebooks/{id}/published-outputs", tag: "notebooks", summary: "Publish your latest finished run of each block as the notebook's shown outputs (editors), replacing what was published", auth: USER, responses: { 201: json("`{published}`"), 409: { description: "You have no finished run of any block to publish." } } },
  { method: "delete", path: "/api/notebooks/{id}/published-outputs", tag: "notebooks", summary: "Take the published outputs down (editors)", auth: USER, responses: { 204: noContent } },
  { method: "post", path: "/api/notebooks/{id}/duplicate", tag: "notebooks", summary: "Copy a notebook you can read into a new notebook of yours (text only: no runs, shares or apps)", auth: USER, body: duplicateNotebookSchema, responses: { 201: json("`{notebook}`: the copy") } },
  { method: "post", path: "/api/notebooks/import", tag: "notebooks", summary: "Import a Jupyter notebook (nbformat 4) as a new notebook", auth: USER, query: importQuerySchema, body: z.object({}).loose().describe("The .ipynb as JSON (application/json or application/x-ipynb+json), or a multipart field `file`"), responses: { 201: json("`{notebook, notes}`: the new notebook, and what was dropped"), 413: { description: "The file is over the notebook size limit." } } },
  { method: "get", path: "/api/notebooks/{id}/export", tag: "notebooks", summary: "Download a notebook as Markdown or as a Jupyter notebook", auth: USER, query: exportQuerySchema, responses: { 200: { description: "The file (text/markdown or application/x-ipynb+json), as an attachment.", contentType: "application/octet-stream" } } },
  { method: "post", path: "/api/notebooks/run", tag: "runs", summary: "Run an unsaved notebook's blocks in order in a sandbox of its own (the CLI's `runnel run`)", auth: USER, body: runScratchNotebookSchema, responses: { 200: ndjson("Each block's events in turn; the sandbox is removed when the stream ends or the client goes away.") } },
  { method: "get", path: "/api/notebooks/{id}/runs", tag: "notebooks", summary: "Who ran which block, when (owners)", auth: USER, responses: { 200: json("`{runs: [...]}`") } },
  { method: "get", path: "/api/notebooks/{id}/shares", tag: "sharing", summary: "People and links a notebook is shared with", auth: USER, responses: { 200: json("`{shares, links}`") } },
  { method: "post", path: "/api/notebooks/{id}/shares", tag: "sharing", summary: "Share a notebook with a person", auth: USER, body: shareSchema, responses: { 201: json("`{share}`") } },
  { method: "delete", path: "/api/notebooks/{id}/shares/{userId}", tag: "sharing", summary: "Stop sharing with a person (their sandbox ends)", auth: USER, responses: { 204: noContent } },
  { method: "post", path: "/api/notebooks/{id}/links", tag: "sharing", summary: "Turn on a share link (its secret is shown once)", auth: USER, body: createLinkSchema, responses: { 201: json("`{link: {id, access, url}}`") } },
  { method: "patch", path: "/api/notebooks/{id}/links/{linkId}", tag: "sharing", summary: "Change what a share link grants; its URL keeps working (run taken away ends link readers' sandboxes)", auth: USER, body: createLinkSchema, responses: { 200: json("`{link: {id, access, createdAt}}`") } },
  { method: "delete", path: "/api/notebooks/{id}/links/{linkId}", tag: "sharing", summary: "Turn a share link off", auth: USER, responses: { 204: noContent } },
  { method: "get", path: "/api/teams", tag: "teams", summary: "Your teams", auth: USER, responses: { 200: json("`{teams}`") } },
  { method: "post", path: "/api/teams", tag: "teams", summary: "Create a team (you are its owner)", auth: USER, body: createTeamSchema, responses: { 201: json("`{team}`") } },
  { method: "get", path: "/api/teams/{id}", tag: "teams", summary: "A team and its members", auth: USER, responses: { 200: json("`{team}`") } },
  { method: "delete", path: "/api/teams/{id}", tag: "teams", summary: "Delete a team (owners): its notebooks are deleted, or move to one member as their own", auth: USER, body: deleteTeamSchema, responses: { 200: json("`{notebooks}`: how many notebooks were deleted or moved") } },
  { method: "post", path: "/api/teams/{id}/members", tag: "teams", summary: "Add a member by email", auth: USER, body: addMemberSchema, responses: { 201: json("`{member}`") } },
  { method: "patch", path: "/api/teams/{id}/members/{userId}", tag: "teams", summary: "Change a member's role", auth: USER, body: changeMemberSchema, responses: { 200: json("`{member}`"), 409: { description: "The last owner cannot stop being one." } } },
  { method: "delete", path: "/api/teams/{id}/members/{userId}", tag: "teams", summary: "Remove a member", auth: USER, responses: { 204: noContent } },

  // Sessions and runs
  { method: "post", path: "/api/notebooks/{id}/session", tag: "sessions", summary: "Connect: your sandbox for this notebook, with every file block seeded", auth: USER, responses: { 200: json("Already running: `{session}`", z.object({ session })), 201: json("Started: `{session}`", z.object({ session })), 503: { description: "The Docker engine is unavailable." } } },
  { method: "get", path: "/api/notebooks/{id}/session", tag: "sessions", summary: "Your live session for this notebook", auth: USER, responses: { 200: json("`{session}`", z.object({ session })) } },
  { method: "delete", path: "/api/notebooks/{id}/session", tag: "sessions", summary: "Disconnect: the container is stopped and removed", auth: USER, responses: { 204: noContent } },
  { method: "get", path: "/api/sessions/{id}", tag: "sessions", summary: "One of your sessions by id, ended or not, with its kernels' states now (what the page polls)", auth: USER, responses: { 200: json("`{session}`: an ended one has status ended, its endedReason and no kernels", z.object({ session })) } },
  { method: "get", path: "/api/sessions/{id}/executions", tag: "sessions", summary: "The latest run of each block in a session, and the stale chain in flight", auth: USER, responses: { 200: json("`{executions: [{id, blockIndex, status, exitCode, output, startedAt, finishedAt}], chain: {executionId, blocks, target} | null}`: follow the chain with GET /api/executions/{chain.executionId}/events") } },
  { method: "post", path: "/api/executions", tag: "runs", summary: "Run a saved block in your session; events stream back", auth: USER, body: runBlockSchema, responses: { 200: ndjson("NDJSON events (DESIGN.md's stream protocol): start, output, display, display-update, clear-output, exception, input-request, kernel, artifact, exit, error. In a shared notebook, when blocks above are stale, first `chain {blocks}`, then each of those blocks' own start … exit, then this block's; a failure ends the stream with an error naming the block."), 409: { description: "The notebook changed since `version`, or the session ended." } } },
  { method: "get", path: "/api/executions/{id}/events", tag: "runs", summary: "Follow a run from any offset: its events so far, then live ones until it ends", auth: USER, query: z.object({ from: eventsFromSchema.optional() }), responses: { 200: ndjson("NDJSON events from the `from`-th on (0: from the start).") } },
  { method: "post", path: "/api/executions/{id}/cancel", tag: "runs", summary: "Cancel a run: its processes are killed (a kernel is interrupted, and killed after a grace period) and its stream ends with exit", auth: USER, responses: { 202: { description: "Cancelling." } } },
  { method: "post", path: "/api/executions/{id}/input", tag: "runs", summary: "Answer the prompt a running block waits on (its input-request event)", auth: USER, body: inputSchema, responses: { 204: noContent, 409: { description: "No prompt waits in this run, or it has finished." } } },
  { method: "post", path: "/api/sessions/{id}/kernels/{runtime}/restart", tag: "sessions", summary: "Restart one kernel of your session (python, node, bash, r): its variables are gone", auth: USER, responses: { 202: json("`{kernel: {runtime, state, startedAt}}`", z.object({ kernel })), 404: { description: "No such session, or no kernel for that language (go has none)." } } },
  { method: "post", path: "/api/sessions/{id}/kernels/restart", tag: "sessions", summary: "Restart every kernel your session has started", auth: USER, responses: { 202: json("`{kernels: [...]}`", z.object({ kernels: z.array(kernel) })) } },
  { method: "post", path: "/api/sessions/{id}/complete", tag: "sessions", summary: "Completions at the cursor from your session's running kernel of that language (python, r, node); none is started for it, and a busy one answers empty", auth: USER, body: completeSchema, responses: { 200: json("`{status, from, to, matches: [{text, type?}]}`: the matches replace code[from, to) (UTF-16 offsets); `status` is ok, no-kernel, busy, timeout, invalid or unsupported", completion), 403: { description: "Your role does not allow running in this notebook." }, 404: { description: "No such session of yours." }, 409: { description: "The session has ended." } } },
  { method: "get", path: "/api/executions/{id}/artifacts/{name}", tag: "runs", summary: "A file a run wrote to $RUNNEL_OUTPUT (your own run, or a published one of a notebook you can read, signed out with a link too)", auth: USER, responses: { 200: bytes("The file's bytes, with its MIME type.") } },

  // Web apps (the webapp runner seed)
  { method: "get", path: "/api/apps", tag: "apps", summary: "The apps you may manage", auth: APPS, responses: { 200: json("`{apps}`", z.object({ apps: z.array(app) })) } },
  { method: "post", path: "/api/apps", tag: "apps", summary: "Create an app from a Git URL or a zip; it builds in the background", auth: APPS, body: createAppFieldsSchema, bodyType: "multipart/form-data", fileFields: { code: "application/zip" }, responses: { 201: json("The app, status building.", app), 200: ndjson("With `Accept: application/x-ndjson`: build progress as it happens."), 413: { description: "The upload is over APP_MAX_UPLOAD_BYTES." } } },
  { method: "get", path: "/api/apps/{id}", tag: "apps", summary: "An app's status", auth: APPS_OR_LINK, responses: { 200: json("The app.", app) } },
  { method: "delete", path: "/api/apps/{id}", tag: "apps", summary: "Stop an app and remove its container, image and files", auth: APPS, responses: { 200: json("`{id, deleted: true}`", z.object({ id: z.string(), deleted: z.literal(true) })) } },
  { method: "post", path: "/api/apps/{id}/start", tag: "apps", summary: "Start a stopped app", auth: APPS, responses: { 200: json("The app.", app) } },
  { method: "post", path: "/api/apps/{id}/stop", tag: "apps", summary: "Stop an app", auth: APPS, responses: { 200: json("The app.", app) } },
  { method: "post", path: "/api/apps/{id}/redeploy", tag: "apps", summary: "Rebuild and swap with no downtime", auth: APPS, responses: { 202: json("The app, status building.", app) } },
  { method: "get", path: "/api/apps/{id}/logs", tag: "apps", summary: "An app's build and run log", auth: APPS_OR_LINK, query: appLogsQuerySchema, responses: { 200: { description: "Plain text; with follow=1 it streams.", contentType: "text/plain" } } },
  { method: "get", path: "/api/apps/{id}/access", tag: "apps", summary: "A two-minute signed URL that opens a notebook's private app (for its readers, a share link's holder too)", auth: APPS_OR_LINK, responses: { 200: json("`{url}`", z.object({ url: z.string() })) } },
  { method: "get", path: "/api/notebooks/{id}/apps", tag: "apps", summary: "The apps deployed from a notebook's webapp blocks (for anyone who may read it, a share link's holder too)", auth: APPS_OR_LINK, responses: { 200: json("`{apps}`", z.object({ apps: z.array(app) })) } },
  { method: "post", path: "/api/notebooks/{id}/blocks/{block}/deploy", tag: "apps", summary: "Deploy a notebook's webapp block, named by its id or its index", auth: USER, responses: { 202: json("The app, status building.", app) } },

  // R scripts (the R runner seed)
  { method: "post", path: "/api/r/run", tag: "r", summary: "Run an R script in a fresh container", auth: R_RUNNER, body: runRScriptSchema, responses: { 200: json("`{ok, exit_code, stdout, stderr, runtime_stderr, timed_out, duration_ms, artifacts, notes}`"), 413: { description: "The script is over MAX_SCRIPT_BYTES." } } },
  { method: "get", path: "/api/r/system", tag: "r", summary: "The R version and installed packages", auth: R_RUNNER, responses: { 200: json("`{r_version, image, packages: [{name, version}]}`") } },
  { method: "get", path: "/api/r/artifacts/{runId}/{name}", tag: "r", summary: "A file an R script wrote to output/", auth: R_RUNNER, responses: { 200: bytes("The file's bytes.") } },

  // Operations
  { method: "get", path: "/api/health", tag: "operations", summary: "Docker engine, database (with its migrations) and images", auth: [], responses: { 200: json("Every dependency is ready."), 503: json("Something is down; the same shape says what.") } },
  { method: "get", path: "/api/openapi.json", tag: "operations", summary: "This document", auth: [], responses: { 200: json("OpenAPI 3.1.") } },
  { method: "get", path: "/api/docs", tag: "operations", summary: "Interactive API reference (Swagger UI, served by Runnel)", auth: [], responses: { 200: { description: "HTML.", contentType: "text/html" } } },
  { method: "get", path: "/api/docs/{asset}", tag: "operations", summary: "The API reference's own scripts and styles", auth: [], responses: { 200: { description: "JavaScript or CSS.", contentType: "application/javascript" } } },
];
