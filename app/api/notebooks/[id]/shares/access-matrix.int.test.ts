// The authorisation matrix of issue 7, through the HTTP API: every kind of actor × every thing
// one may try with a notebook, each with the status it must answer. Real database, real Docker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as appAccessRoute } from "@/app/api/apps/[id]/access/route";
import { POST as stopAppRoute } from "@/app/api/apps/[id]/stop/route";
import { GET as notebookAppsRoute } from "@/app/api/notebooks/[id]/apps/route";
import { GET as getArtifactRoute } from "@/app/api/executions/[id]/artifacts/[name]/route";
import { POST as cancelRoute } from "@/app/api/executions/[id]/cancel/route";
import { POST as runRoute } from "@/app/api/executions/route";
import { POST as deployRoute } from "@/app/api/notebooks/[id]/blocks/[block]/deploy/route";
import { POST as createLinkRoute } from "@/app/api/notebooks/[id]/links/route";
import { DELETE as revokeLinkRoute, PATCH as changeLinkRoute } from "@/app/api/notebooks/[id]/links/[linkId]/route";
import { DELETE as deleteRoute, GET as readRoute, PATCH as editRoute } from "@/app/api/notebooks/[id]/route";
import { GET as runsRoute } from "@/app/api/notebooks/[id]/runs/route";
import { GET as getSessionRoute, POST as openSessionRoute } from "@/app/api/notebooks/[id]/session/route";
import { POST as shareRoute } from "@/app/api/notebooks/[id]/shares/route";
import { DELETE as unshareRoute } from "@/app/api/notebooks/[id]/shares/[userId]/route";
import { GET as listRoute, POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { GET as sessionExecutionsRoute } from "@/app/api/sessions/[id]/executions/route";
import { POST as addMemberRoute } from "@/app/api/teams/[id]/members/route";
import { POST as createTeamRoute } from "@/app/api/teams/route";
import { findNotebookFor } from "@/lib/auth/notebook-access";
import { getPrisma } from "@/lib/db/client";
import { endSession } from "@/lib/sessions/end-session";
import { SHARE_LINK_HEADER } from "@/lib/sharing/share-link-token";
import { notebookAppId } from "@/lib/webapps/app-id";
import { deleteApp } from "@/lib/webapps/delete-app";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const fence = "```";
// Isolated: each actor runs the block named, with no stale chain of the blocks above before it.
const content = [
  "---",
  "state: isolated",
  "---",
  "# Shared",
  `${fence}runnable bash`,
  "hostname",
  fence,
  `${fence}runnable bash`,
  'echo "only for whoever ran me" > "$RUNNEL_OUTPUT/note.txt"',
  fence,
  `${fence}runnable bash timeout=300`,
  "echo started; sleep 300",
  fence,
  // An app that fails fast once built (no command): the deploy is authorised or not long before that.
  `${fence}webapp docker`,
  "FROM scratch",
  fence,
].join("\n");
const HOSTNAME_BLOCK = 0;
const ARTIFACT_BLOCK = 1;
const SLEEP_BLOCK = 2;
const WEBAPP_BLOCK = 3;

const ACTORS = ["owner", "editor", "viewer", "teamOutsider", "stranger", "signedOut", "signedOutLinkHolder", "linkHolder"] as const;
type Actor = (typeof ACTORS)[number];
const OPS = ["read", "edit", "delete", "run", "cancelOthersRun", "readOthersOutputs", "readOthersArtifact", "runHistory", "deployApp", "stopApp", "seeApps", "openApp"] as const;
type Op = (typeof OPS)[number];

// owner: the author. editor: an editor of the notebook's team. viewer: shared with as viewer.
// teamOutsider: an owner of another team of the author's. linkHolder: signed in, holding a run link.
// Someone else's run is always `other`'s, a second shared viewer.
const EXPECTED: Record<Actor, Record<Op, number>> = {
  owner: { read: 200, edit: 200, delete: 204, run: 200, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 200, deployApp: 202, stopApp: 200, seeApps: 200, openApp: 200 },
  editor: { read: 200, edit: 200, delete: 403, run: 200, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 403, deployApp: 202, stopApp: 200, seeApps: 200, openApp: 200 },
  viewer: { read: 200, edit: 403, delete: 403, run: 200, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 403, deployApp: 403, stopApp: 403, seeApps: 200, openApp: 200 },
  teamOutsider: { read: 404, edit: 404, delete: 404, run: 404, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 404, deployApp: 404, stopApp: 404, seeApps: 404, openApp: 404 },
  stranger: { read: 404, edit: 404, delete: 404, run: 404, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 404, deployApp: 404, stopApp: 404, seeApps: 404, openApp: 404 },
  // The artifact route answers signed-out callers too (published outputs' files); an unpublished run's is not found.
  signedOut: { read: 401, edit: 401, delete: 401, run: 401, cancelOthersRun: 401, readOthersOutputs: 401, readOthersArtifact: 404, runHistory: 401, deployApp: 401, stopApp: 401, seeApps: 401, openApp: 401 },
  signedOutLinkHolder: { read: 401, edit: 401, delete: 401, run: 401, cancelOthersRun: 401, readOthersOutputs: 401, readOthersArtifact: 404, runHistory: 401, deployApp: 401, stopApp: 401, seeApps: 200, openApp: 200 },
  // A link only ever grants reading and running, so only those routes look at it: elsewhere its holder is a stranger.
  // Seeing and opening the notebook's apps is reading: a link holder may, signed out too (issue 14).
  linkHolder: { read: 200, edit: 404, delete: 404, run: 200, cancelOthersRun: 404, readOthersOutputs: 404, readOthersArtifact: 404, runHistory: 404, deployApp: 404, stopApp: 404, seeApps: 200, openApp: 200 },
};

type Shared = { id: string; linkId: string; linkToken: string };
const users = {} as Record<Exclude<Actor, "signedOut" | "signedOutLinkHolder"> | "other", SignedUpUser>;
let teamId: string;
let notebook: Shared;
const created: string[] = [];
let others: {
  sessionId: string;
  artifactExecutionId: string;
  running: { executionId: string; firstChunk: string; reader: ReadableStreamDefaultReader<Uint8Array> };
};
const hostnames = new Map<Actor, string>();
let appId: string;

async function send<T = unknown>(response: Promise<Response> | Response, status: number): Promise<T> {
  const reply = await response;
  expect(reply.status, await reply.clone().text()).toBe(status);
  return (status === 204 ? undefined : reply.json()) as Promise<T>;
}

function as(actor: Actor | "other", path: string, method = "GET", body?: unknown, shared: Shared = notebook): Request {
  const headers: Record<string, string> = {};
  if (actor === "linkHolder" || actor === "signedOutLinkHolder") headers[SHARE_LINK_HEADER] = shared.linkToken;
  const cookie = actor === "signedOut" || actor === "signedOutLinkHolder" ? undefined : users[actor].cookie;
  return apiRequest(path, { method, body, cookie, headers });
}

/** A notebook in the team, shared with `viewer` and `other`, with a run link. */
async function makeSharedNotebook(): Promise<Shared> {
  const owner = users.owner.cookie;
  const { notebook: made } = await send<{ notebook: { id: string } }>(
    createNotebookRoute(apiRequest("/api/notebooks", { method: "POST", cookie: owner, body: { title: "Shared", content, teamId } }), noParams),
    201,
  );
  const id = made.id;
  created.push(id);
  for (const who of [users.viewer, users.other]) {
    await send(shareRoute(apiRequest(`/api/notebooks/${id}/shares`, { method: "POST", cookie: owner, body: { email: who.email, role: "viewer" } }), routeParams({ id })), 201);
  }
  const { link } = await send<{ link: { id: string; url: string; access: string } }>(
    createLinkRoute(apiRequest(`/api/notebooks/${id}/links`, { method: "POST", cookie: owner, body: { access: "run" } }), routeParams({ id })),
    201,
  );
  expect(link.access).toBe("run");
  return { id, linkId: link.id, linkToken: new URL(link.url).pathname.split("/").pop()! };
}

/** Opens the actor's own session and runs one block; the status of the first refusal, or of the run. */
async function runAs(actor: Actor | "other", blockIndex: number, shared: Shared = notebook) {
  const { id } = shared;
  const opened = await openSessionRoute(as(actor, `/api/notebooks/${id}/session`, "POST", undefined, shared), routeParams({ id }));
  if (opened.status >= 400) return { status: opened.status, text: "", sessionId: "" };
  const { session } = await opened.json();
  const run = await runRoute(as(actor, "/api/executions", "POST", { sessionId: session.id, blockIndex }, shared), noParams);
  return { status: run.status, text: await run.text(), sessionId: session.id as string };
}

function stdoutOf(ndjson: string): string {
  return ndjson
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map((event) => (event.type === "output" && event.stream === "stdout" ? event.data : ""))
    .join("");
}

const PERFORM: Record<Op, (actor: Actor) => Promise<number>> = {
  read: async (actor) => (await readRoute(as(actor, `/api/notebooks/${notebook.id}`), routeParams({ id: notebook.id }))).status,
  edit: async (actor) => {
    const { version } = await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebook.id } });
    const body = { title: `Edited by ${actor}`, baseVersion: version };
    return (await editRoute(as(actor, `/api/notebooks/${notebook.id}`, "PATCH", body), routeParams({ id: notebook.id }))).status;
  },
  delete: async (actor) => {
    // Each actor tries on a notebook of its own making, so the owner's success leaves the rest standing.
    const target = await makeSharedNotebook();
    const status = (await deleteRoute(as(actor, `/api/notebooks/${target.id}`, "DELETE", undefined, target), routeParams({ id: target.id }))).status;
    const left = await getPrisma().notebook.count({ where: { id: target.id } });
    expect(left, "the notebook is gone exactly when the delete succeeded").toBe(status === 204 ? 0 : 1);
    return status;
  },
  run: async (actor) => {
    const { status, text } = await runAs(actor, HOSTNAME_BLOCK);
    if (status === 200) hostnames.set(actor, stdoutOf(text).trim());
    return status;
  },
  cancelOthersRun: async (actor) => {
    const id = others.running.executionId;
    return (await cancelRoute(as(actor, `/api/executions/${id}/cancel`, "POST"), routeParams({ id }))).status;
  },
  readOthersOutputs: async (actor) => {
    const id = others.sessionId;
    return (await sessionExecutionsRoute(as(actor, `/api/sessions/${id}/executions`), routeParams({ id }))).status;
  },
  readOthersArtifact: async (actor) => {
    const id = others.artifactExecutionId;
    return (await getArtifactRoute(as(actor, `/api/executions/${id}/artifacts/note.txt`), routeParams({ id, name: "note.txt" }))).status;
  },
  runHistory: async (actor) => (await runsRoute(as(actor, `/api/notebooks/${notebook.id}/runs`), routeParams({ id: notebook.id }))).status,
  deployApp: async (actor) => {
    const { id } = notebook;
    const index = String(WEBAPP_BLOCK);
    return (await deployRoute(as(actor, `/api/notebooks/${id}/blocks/${index}/deploy`, "POST"), routeParams({ id, block: index }))).status;
  },
  stopApp: async (actor) => (await stopAppRoute(as(actor, `/api/apps/${appId}/stop`, "POST"), routeParams({ id: appId }))).status,
  seeApps: async (actor) => {
    const reply = await notebookAppsRoute(as(actor, `/api/notebooks/${notebook.id}/apps`), routeParams({ id: notebook.id }));
    if (reply.status === 200) expect(((await reply.json()) as { apps: Array<{ id: string }> }).apps.map((app) => app.id)).toContain(appId);
    return reply.status;
  },
  openApp: async (actor) => {
    const reply = await appAccessRoute(as(actor, `/api/apps/${appId}/access`), routeParams({ id: appId }));
    if (reply.status === 200) expect(((await reply.json()) as { url: string }).url).toMatch(/__runnel_access=[\w.-]+$/);
    return reply.status;
  },
};

beforeAll(async () => {
  for (const actor of ["owner", "editor", "viewer", "teamOutsider", "stranger", "linkHolder", "other"] as const) {
    users[actor] = await signUpUser(actor);
  }
  const owner = users.owner.cookie;
  ({ team: { id: teamId } } = await send<{ team: { id: string } }>(createTeamRoute(apiRequest("/api/teams", { method: "POST", cookie: owner, body: { name: "Research" } }), noParams), 201));
  await send(addMemberRoute(apiRequest(`/api/teams/${teamId}/members`, { method: "POST", cookie: owner, body: { email: users.editor.email, role: "editor" } }), routeParams({ id: teamId })), 201);
  const { team: elsewhere } = await send<{ team: { id: string } }>(createTeamRoute(apiRequest("/api/teams", { method: "POST", cookie: owner, body: { name: "Elsewhere" } }), noParams), 201);
  await send(addMemberRoute(apiRequest(`/api/teams/${elsewhere.id}/members`, { method: "POST", cookie: owner, body: { email: users.teamOutsider.email, role: "owner" } }), routeParams({ id: elsewhere.id })), 201);
  notebook = await makeSharedNotebook();
  // A running app of the notebook's, as its deploy leaves one (no container: stopping it only changes its row).
  appId = notebookAppId(notebook.id, "gone");
  await getPrisma().app.create({
    data: { id: appId, name: "matrix", appType: "static", sourceKind: "notebook", port: 80, status: "running", ownerId: users.owner.user.id, notebookId: notebook.id, blockIndex: 99, blockId: "gone" },
  });

  // Someone else's outputs, artifact and a run still going, all `other`'s.
  const artifactRun = await runAs("other", ARTIFACT_BLOCK);
  expect(artifactRun.status).toBe(200);
  const artifactExecutionId = JSON.parse(artifactRun.text.split("\n")[0]!).executionId as string;
  const running = await runRoute(as("other", "/api/executions", "POST", { sessionId: artifactRun.sessionId, blockIndex: SLEEP_BLOCK }), noParams);
  expect(running.status).toBe(200);
  const reader = running.body!.getReader();
  const { value } = await reader.read();
  const firstChunk = new TextDecoder().decode(value);
  const executionId = JSON.parse(firstChunk.split("\n")[0]!).executionId as string;
  others = { sessionId: artifactRun.sessionId, artifactExecutionId, running: { executionId, firstChunk, reader } };
}, 120_000);

afterAll(async () => {
  const prisma = getPrisma();
  // deleteApp waits for a deploy under way, then removes its containers and images by label.
  for (const { id } of await prisma.app.findMany({ where: { notebookId: { in: created } }, select: { id: true } })) await deleteApp(id);
  const live = await prisma.session.findMany({ where: { notebookId: { in: created }, status: { not: "ended" } }, select: { id: true } });
  for (const { id } of live) await endSession(id, "test over");
  await prisma.notebook.deleteMany({ where: { id: { in: created } } });
}, 60_000);

describe("the access matrix (actor × action → status)", () => {
  for (const op of OPS) {
    it.each(ACTORS)(`${op}: %s`, async (actor) => {
      expect(await PERFORM[op](actor)).toBe(EXPECTED[actor][op]);
    });
  }

  it("was checked against things that exist: the runner reads their own outputs and artifact, and cancels their own run", async () => {
    const sessionId = others.sessionId;
    await send(sessionExecutionsRoute(as("other", `/api/sessions/${sessionId}/executions`), routeParams({ id: sessionId })), 200);
    const id = others.artifactExecutionId;
    const artifact = await getArtifactRoute(as("other", `/api/executions/${id}/artifacts/note.txt`), routeParams({ id, name: "note.txt" }));
    expect(await artifact.text()).toBe("only for whoever ran me\n");
    const running = others.running.executionId;
    expect((await cancelRoute(as("other", `/api/executions/${running}/cancel`, "POST"), routeParams({ id: running }))).status).toBe(202);
    let text = others.running.firstChunk;
    for (let chunk = await others.running.reader.read(); !chunk.done; chunk = await others.running.reader.read()) {
      text += new TextDecoder().decode(chunk.value);
    }
    const events = text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ type: "exit", cancelled: true });
  });

  it("gave every reader who ran a block a container of their own", () => {
    expect([...hostnames.keys()].sort()).toEqual(["editor", "linkHolder", "owner", "viewer"]);
    expect(new Set(hostnames.values()).size).toBe(4);
    for (const name of hostnames.values()) expect(name).toMatch(/^[0-9a-f]{12}$/);
  });

  it("shows the owner who ran which block, when, and how it ended", async () => {
    const { runs } = await send<{ runs: Array<{ blockIndex: number; status: string; user: { name: string }; startedAt: string }> }>(
      runsRoute(as("owner", `/api/notebooks/${notebook.id}/runs`), routeParams({ id: notebook.id })),
      200,
    );
    const seen = runs.map((run) => `${run.user.name}:${run.blockIndex}:${run.status}`).sort();
    expect(seen).toEqual(
      ["editor:0:succeeded", "linkHolder:0:succeeded", "other:1:succeeded", "other:2:cancelled", "owner:0:succeeded", "viewer:0:succeeded"].sort(),
    );
    expect(JSON.stringify(runs)).not.toContain("output");
  });
});

describe("links, shares and teams as they change", () => {
  it("let a signed-out link holder only read, and a read link never run", async () => {
    expect((await findNotebookFor({ userId: null, linkToken: notebook.linkToken }, notebook.id, "read")).role).toBe("reader");
    await expect(findNotebookFor({ userId: null, linkToken: notebook.linkToken }, notebook.id, "run")).rejects.toMatchObject({ status: 403 });
    await expect(findNotebookFor({ userId: null, linkToken: "x".repeat(43) }, notebook.id, "read")).rejects.toMatchObject({ status: 404 });
    const { link } = await send<{ link: { url: string } }>(
      createLinkRoute(apiRequest(`/api/notebooks/${notebook.id}/links`, { method: "POST", cookie: users.owner.cookie, body: { access: "read" } }), routeParams({ id: notebook.id })),
      201,
    );
    const readToken = new URL(link.url).pathname.split("/").pop()!;
    const reader = { userId: users.stranger.user.id, linkToken: readToken };
    expect((await findNotebookFor(reader, notebook.id, "read")).role).toBe("reader");
    const opened = await openSessionRoute(
      apiRequest(`/api/notebooks/${notebook.id}/session`, { method: "POST", cookie: users.stranger.cookie, headers: { [SHARE_LINK_HEADER]: readToken } }),
      routeParams({ id: notebook.id }),
    );
    expect(opened.status).toBe(403);
  });

  it("list what each user sees, with its team and their role", async () => {
    const listed = async (who: SignedUpUser) =>
      ((await (await listRoute(apiRequest("/api/notebooks", { cookie: who.cookie }), noParams)).json()).notebooks as Array<{ id: string; role: string; team: unknown }>).find(
        (entry) => entry.id === notebook.id,
      );
    expect(await listed(users.owner)).toMatchObject({ role: "owner", team: { id: teamId, name: "Research" } });
    expect(await listed(users.editor)).toMatchObject({ role: "editor", team: { id: teamId, name: "Research" } });
    expect(await listed(users.viewer)).toMatchObject({ role: "viewer", team: { id: teamId, name: "Research" } });
    expect(await listed(users.teamOutsider)).toBeUndefined();
    expect(await listed(users.linkHolder)).toBeUndefined();
  });

  it("change a link's access in place: the same URL keeps reading, and taking run away ends its holders' sandboxes", async () => {
    const { id, linkId } = notebook;
    const holder = { userId: users.linkHolder.user.id, linkToken: notebook.linkToken };
    const opened = await openSessionRoute(as("linkHolder", `/api/notebooks/${id}/session`, "POST"), routeParams({ id }));
    expect([200, 201]).toContain(opened.status);
    const change = (access: string, cookie = users.owner.cookie) =>
      changeLinkRoute(apiRequest(`/api/notebooks/${id}/links/${linkId}`, { method: "PATCH", cookie, body: { access } }), routeParams({ id, linkId }));

    expect((await change("read", users.editor.cookie)).status).toBe(403);
    expect((await change("write")).status).toBe(400);
    const changed = await send<{ link: { id: string; access: string } }>(change("read"), 200);
    expect(changed.link).toMatchObject({ id: linkId, access: "read" });
    expect((await findNotebookFor(holder, id, "read")).role).toBe("reader");
    await expect(findNotebookFor(holder, id, "run")).rejects.toMatchObject({ status: 403 });
    const session = await getPrisma().session.findFirstOrThrow({ where: { notebookId: id, userId: holder.userId }, orderBy: { startedAt: "desc" } });
    expect(session.status).toBe("ended");

    await send(change("run"), 200);
    expect((await findNotebookFor(holder, id, "run")).role).toBe("viewer");
  });

  it("take access away at once: an unshared viewer gets 404 and loses their container; a revoked link opens nothing", async () => {
    const { id } = notebook;
    const viewerSession = await send<{ session: { id: string } }>(getSessionRoute(as("viewer", `/api/notebooks/${id}/session`), routeParams({ id })), 200);
    await send(unshareRoute(apiRequest(`/api/notebooks/${id}/shares/${users.viewer.user.id}`, { method: "DELETE", cookie: users.owner.cookie }), routeParams({ id, userId: users.viewer.user.id })), 204);
    expect((await readRoute(as("viewer", `/api/notebooks/${id}`), routeParams({ id }))).status).toBe(404);
    const ended = await getPrisma().session.findUniqueOrThrow({ where: { id: viewerSession.session.id } });
    expect(ended.status).toBe("ended");
    const run = await runRoute(as("viewer", "/api/executions", "POST", { sessionId: ended.id, blockIndex: HOSTNAME_BLOCK }), noParams);
    expect(run.status).toBe(404);

    expect((await readRoute(as("linkHolder", `/api/notebooks/${id}`), routeParams({ id }))).status).toBe(200);
    await send(revokeLinkRoute(apiRequest(`/api/notebooks/${id}/links/${notebook.linkId}`, { method: "DELETE", cookie: users.owner.cookie }), routeParams({ id, linkId: notebook.linkId })), 204);
    expect((await readRoute(as("linkHolder", `/api/notebooks/${id}`), routeParams({ id }))).status).toBe(404);
    const linkSession = await getPrisma().session.findFirstOrThrow({ where: { notebookId: id, userId: users.linkHolder.user.id }, orderBy: { startedAt: "desc" } });
    expect(linkSession.status, "the link holder's sandbox goes with the link").toBe("ended");
    const ownerSession = await getPrisma().session.findFirstOrThrow({ where: { notebookId: id, userId: users.owner.user.id }, orderBy: { startedAt: "desc" } });
    expect(ownerSession.status, "everyone else's stays").toBe("ready");
    expect((await runRoute(as("linkHolder", "/api/executions", "POST", { sessionId: linkSession.id, blockIndex: HOSTNAME_BLOCK }), noParams)).status).toBe(404);
  });
});
