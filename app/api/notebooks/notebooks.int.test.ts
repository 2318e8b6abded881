import { describe, expect, it } from "vitest";
import { POST as duplicateNotebook } from "@/app/api/notebooks/[id]/duplicate/route";
import { DELETE as deleteNotebook, GET as getNotebook, PATCH as patchNotebook } from "@/app/api/notebooks/[id]/route";
import { POST as shareNotebook } from "@/app/api/notebooks/[id]/shares/route";
import { GET as listNotebooks, POST as createNotebook } from "@/app/api/notebooks/route";
import { welcomeNotebook } from "@/lib/notebooks/welcome-notebook";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

const content = [
  "# Intro",
  "",
  "```file python helpers.py id=helpers",
  "def greet(name):",
  "    return f'hello {name}'",
  "```",
  "",
  "```runnable python id=greet",
  "from helpers import greet",
  "print(greet('world'))",
  "```",
  "",
].join("\n");

type NotebookBody = { id: string; title: string; titleFollowsHeading: boolean; content: string; version: number; updatedAt: string; role: string; blocks: unknown[] };

async function create(owner: SignedUpUser, body: object = { title: "Intro", content }): Promise<NotebookBody> {
  const response = await createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body }), noParams);
  expect(response.status).toBe(201);
  return (await response.json()).notebook;
}

function at(id: string, method: string, user: SignedUpUser, body?: unknown): Request {
  return apiRequest(`/api/notebooks/${id}`, { method, cookie: user.cookie, body });
}

describe("notebooks", () => {
  it("are created (201) at version 1 with their blocks parsed", async () => {
    const owner = await signUpUser("author");
    const notebook = await create(owner);
    expect(notebook).toMatchObject({ title: "Intro", content, version: 1, role: "owner" });
    expect(notebook.blocks).toMatchObject([
      { index: 0, kind: "file", path: "helpers.py", code: "def greet(name):\n    return f'hello {name}'" },
      { index: 1, kind: "runnable", runtime: "python", code: "from helpers import greet\nprint(greet('world'))" },
    ]);
  });

  it("are read back by id with content, blocks, settings, role, updatedAt and version", async () => {
    const owner = await signUpUser("reader");
    const { id } = await create(owner);
    const response = await getNotebook(at(id, "GET", owner), routeParams({ id }));
    expect(response.status).toBe(200);
    const { notebook } = await response.json();
    expect(Object.keys(notebook).sort()).toEqual(["blocks", "content", "id", "permissions", "role", "settings", "title", "titleFollowsHeading", "updatedAt", "version"]);
    // No front matter: shared state, the default.
    expect(notebook.settings).toEqual({ state: "shared" });
    expect(notebook).toMatchObject({ id, title: "Intro", content, role: "owner", version: 1 });
    expect(notebook.permissions).toEqual({ edit: true, run: true, delete: true, manage: true });
    expect(notebook.blocks).toHaveLength(2);
    expect(new Date(notebook.updatedAt).getTime()).not.toBeNaN();
  });

  it("are listed for their owner, most recently changed first (the welcome notebook last), and for no one else", async () => {
    const owner = await signUpUser("lister");
    const first = await create(owner, { title: "First", content: "" });
    const second = await create(owner, { title: "Second" });
    const response = await listNotebooks(apiRequest("/api/notebooks", { cookie: owner.cookie }), noParams);
    const { notebooks } = await response.json();
    expect(notebooks).toEqual([
      { id: second.id, title: "Second", updatedAt: expect.any(String), owner: { id: owner.user.id, name: "lister" }, team: null, role: "owner" },
      { id: first.id, title: "First", updatedAt: expect.any(String), owner: { id: owner.user.id, name: "lister" }, team: null, role: "owner" },
      expect.objectContaining({ title: welcomeNotebook().title, role: "owner" }),
    ]);

    const stranger = await signUpUser("stranger");
    const theirs = await (await listNotebooks(apiRequest("/api/notebooks", { cookie: stranger.cookie }), noParams)).json();
    expect(theirs.notebooks.map((notebook: { title: string }) => notebook.title)).toEqual([welcomeNotebook().title]);
  });

  it("are updated with a PATCH on the current version, which moves to the next", async () => {
    const owner = await signUpUser("editor");
    const created = await create(owner);
    const newContent = "```runnable bash id=hi\necho hi\n```\n";
    const response = await patchNotebook(at(created.id, "PATCH", owner, { content: newContent, baseVersion: 1 }), routeParams({ id: created.id }));
    expect(response.status).toBe(200);
    const { notebook } = await response.json();
    expect(notebook).toMatchObject({ title: "Intro", content: newContent, version: 2 });
    expect(notebook.blocks).toMatchObject([{ index: 0, kind: "runnable", runtime: "bash", code: "echo hi" }]);
    expect(new Date(notebook.updatedAt).getTime()).toBeGreaterThan(new Date(created.updatedAt).getTime());

    const renamed = await patchNotebook(at(created.id, "PATCH", owner, { title: "Renamed", baseVersion: 2 }), routeParams({ id: created.id }));
    expect((await renamed.json()).notebook).toMatchObject({ title: "Renamed", content: newContent, version: 3 });
  });

  it("give every block an id when saved, changing only the fence lines of blocks without one", async () => {
    const owner = await signUpUser("ids");
    const created = await create(owner, { title: "Ids", content: "# T\n\n```runnable bash\necho a\n```\n\n```runnable bash id=b\necho b\n```\n" });
    const [first, second] = created.blocks as { id: string | null }[];
    expect(first?.id).toMatch(/^[a-z][a-z0-9]{7}$/);
    expect(second?.id).toBe("b");
    expect(created.content).toBe(`# T\n\n\`\`\`runnable bash id=${first?.id}\necho a\n\`\`\`\n\n\`\`\`runnable bash id=b\necho b\n\`\`\`\n`);

    // A client that drops the ids (a pasted copy of the old text) gets them back for unchanged code;
    // a pasted duplicate of "b" gets a new one.
    const pasted = "new\n\n```runnable bash\necho a\n```\n\n```runnable bash id=b\necho b\n```\n\n```runnable bash id=b\necho b\n```\n";
    const response = await patchNotebook(at(created.id, "PATCH", owner, { content: pasted, baseVersion: 1 }), routeParams({ id: created.id }));
    const { notebook } = await response.json();
    const ids = (notebook.blocks as { id: string }[]).map((block) => block.id);
    expect(ids.slice(0, 2)).toEqual([first?.id, "b"]);
    expect(ids[2]).not.toBe("b");
    expect(new Set(ids).size).toBe(3);
  });

  it("refuse a PATCH on a stale version with 409, leaving the notebook as it was", async () => {
    const owner = await signUpUser("stale");
    const { id } = await create(owner);
    await patchNotebook(at(id, "PATCH", owner, { title: "Mine", baseVersion: 1 }), routeParams({ id }));
    const response = await patchNotebook(at(id, "PATCH", owner, { title: "Theirs", baseVersion: 1 }), routeParams({ id }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "conflict",
        message: "This notebook has changed since version 1 (it is at version 2 now). Reload it and make your edit again.",
      },
    });
    const { notebook } = await (await getNotebook(at(id, "GET", owner), routeParams({ id }))).json();
    expect(notebook).toMatchObject({ title: "Mine", version: 2 });
  });

  it("let exactly one of two PATCHes on the same version win", async () => {
    const owner = await signUpUser("race");
    const { id } = await create(owner);
    const responses = await Promise.all(
      ["A", "B"].map((title) => patchNotebook(at(id, "PATCH", owner, { title, baseVersion: 1 }), routeParams({ id }))),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
  });

  it("are deleted by their owner (204), after which they are not found", async () => {
    const owner = await signUpUser("deleter");
    const { id } = await create(owner);
    expect((await deleteNotebook(at(id, "DELETE", owner), routeParams({ id }))).status).toBe(204);
    expect((await getNotebook(at(id, "GET", owner), routeParams({ id }))).status).toBe(404);
  });

  it("of another user answer 404 to GET, PATCH and DELETE, and stay unchanged", async () => {
    const owner = await signUpUser("private");
    const other = await signUpUser("nosy");
    const { id } = await create(owner);
    const notFound = { error: { code: "not_found", message: "There is no such notebook." } };
    for (const response of [
      await getNotebook(at(id, "GET", other), routeParams({ id })),
      await patchNotebook(at(id, "PATCH", other, { title: "Mine now", baseVersion: 1 }), routeParams({ id })),
      await deleteNotebook(at(id, "DELETE", other), routeParams({ id })),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(notFound);
    }
    const { notebook } = await (await getNotebook(at(id, "GET", owner), routeParams({ id }))).json();
    expect(notebook).toMatchObject({ title: "Intro", version: 1 });
  });

  it("that do not exist answer 404 like someone else's", async () => {
    const owner = await signUpUser("missing");
    const response = await getNotebook(at("no-such-id", "GET", owner), routeParams({ id: "no-such-id" }));
    expect(response.status).toBe(404);
  });

  it("refuse content past 1 MiB with 413, on create and on update", async () => {
    const owner = await signUpUser("big");
    const big = "x".repeat(1024 ** 2 + 1);
    const created = await createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "Big", content: big } }), noParams);
    expect(created.status).toBe(413);
    expect((await created.json()).error.code).toBe("payload_too_large");

    const { id } = await create(owner);
    const updated = await patchNotebook(at(id, "PATCH", owner, { content: big, baseVersion: 1 }), routeParams({ id }));
    expect(updated.status).toBe(413);
  });

  it("answer 400 with a sentence for malformed JSON, a missing title, or a PATCH that changes nothing", async () => {
    const owner = await signUpUser("invalid");
    const malformed = await createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: "{title:" }), noParams);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toBe("The request body is not valid JSON.");

    const untitled = await createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "", content } }), noParams);
    expect((await untitled.json()).error).toEqual({ code: "bad_request", message: "title: is required" });

    const { id } = await create(owner);
    const empty = await patchNotebook(at(id, "PATCH", owner, { baseVersion: 1 }), routeParams({ id }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toBe("Send a title or content to change.");
  });

  it("cannot be put in a team the user is not in: an unknown team answers 404", async () => {
    const owner = await signUpUser("teams");
    const response = await createNotebook(
      apiRequest("/api/notebooks", { method: "POST", cookie: owner.cookie, body: { title: "T", content: "", teamId: "t1" } }),
      noParams,
    );
    expect(response.status).toBe(404);
  });

  it("without a title follow their first # heading until the author sets one; null makes them follow it again", async () => {
    const owner = await signUpUser("titles");
    const created = await create(owner, { content: "Some text\n\n## Not this\n\n# Moons of *Jupiter*\n" });
    expect(created).toMatchObject({ title: "Moons of Jupiter", titleFollowsHeading: true, version: 1 });
    const { id } = created;

    const edited = await patchNotebook(at(id, "PATCH", owner, { content: "# Moons of Saturn\n", baseVersion: 1 }), routeParams({ id }));
    expect((await edited.json()).notebook).toMatchObject({ title: "Moons of Saturn", titleFollowsHeading: true, version: 2 });
    const headless = await patchNotebook(at(id, "PATCH", owner, { content: "```runnable bash\n# a comment\n```\n", baseVersion: 2 }), routeParams({ id }));
    expect((await headless.json()).notebook).toMatchObject({ title: "Untitled notebook", version: 3 });

    // A rename alone needs no baseVersion and leaves the version (an editor's autosave) alone.
    const renamed = await patchNotebook(at(id, "PATCH", owner, { title: "  My moons  " }), routeParams({ id }));
    expect((await renamed.json()).notebook).toMatchObject({ title: "My moons", titleFollowsHeading: false, version: 3 });
    const kept = await patchNotebook(at(id, "PATCH", owner, { content: "# Moons of Uranus\n", baseVersion: 3 }), routeParams({ id }));
    expect((await kept.json()).notebook).toMatchObject({ title: "My moons", version: 4 });

    const following = await patchNotebook(at(id, "PATCH", owner, { title: null }), routeParams({ id }));
    expect((await following.json()).notebook).toMatchObject({ title: "Moons of Uranus", titleFollowsHeading: true, version: 4 });

    const noBase = await patchNotebook(at(id, "PATCH", owner, { content: "# x\n" }), routeParams({ id }));
    expect(noBase.status).toBe(400);
    expect((await noBase.json()).error.message).toBe("baseVersion: is required with content");
  });

  it("are found by full-text search over title and text, only among those the user can see", async () => {
    const owner = await signUpUser("searcher");
    const other = await signUpUser("stranger");
    const orbits = await create(owner, { title: "Orbits", content: "# Orbits\n\nKepler described planetary orbits as ellipses.\n" });
    const moons = await create(owner, { title: "Galilean satellites", content: "Io and Europa.\n" });
    await create(other, { title: "Their orbits", content: "Ellipses everywhere: orbiting bodies.\n" });
    const search = async (user: SignedUpUser, q: string) => {
      const response = await listNotebooks(apiRequest(`/api/notebooks?q=${encodeURIComponent(q)}`, { cookie: user.cookie }), noParams);
      return { status: response.status, body: await response.json() };
    };

    // Stemmed: "ellipse" finds "ellipses"; the other user's notebook is not among the results.
    const found = await search(owner, "ellipse");
    expect(found.status).toBe(200);
    expect(found.body.notebooks.map((n: { id: string }) => n.id)).toEqual([orbits.id]);
    expect(found.body.notebooks[0]).toMatchObject({ title: "Orbits", role: "owner", owner: { id: owner.user.id } });
    expect(found.body.notebooks[0].snippet).toContain("\u0002ellipses\u0003");
    // The title counts; websearch syntax: a phrase, and a word left out.
    expect((await search(owner, "galilean")).body.notebooks.map((n: { id: string }) => n.id)).toEqual([moons.id]);
    expect((await search(owner, '"planetary orbits"')).body.notebooks.map((n: { id: string }) => n.id)).toEqual([orbits.id]);
    expect((await search(owner, "orbits -kepler")).body.notebooks).toEqual([]);
    // Once shared with them, the stranger finds it too.
    await shareNotebook(apiRequest(`/api/notebooks/${orbits.id}/shares`, { method: "POST", cookie: owner.cookie, body: { email: other.email, role: "viewer" } }), routeParams({ id: orbits.id }));
    expect((await search(other, "kepler")).body.notebooks.map((n: { id: string; role: string }) => [n.id, n.role])).toEqual([[orbits.id, "viewer"]]);

    expect((await search(owner, "   ")).status).toBe(400);
    expect((await search(owner, "   ")).body.error.message).toBe("q: is empty: type some words to search for");
    // Stop words alone and stray punctuation match nothing rather than fail.
    expect((await search(owner, "the and")).body.notebooks).toEqual([]);
    expect((await search(owner, "\" ( & | ! :*")).status).toBe(200);
  });

  it("are duplicated by anyone who can read them, as their own copy with the text and block ids but nothing else", async () => {
    const owner = await signUpUser("original");
    const reader = await signUpUser("copier");
    const stranger = await signUpUser("outsider");
    const original = await create(owner);
    await shareNotebook(apiRequest(`/api/notebooks/${original.id}/shares`, { method: "POST", cookie: owner.cookie, body: { email: reader.email, role: "viewer" } }), routeParams({ id: original.id }));
    const copy = (user: SignedUpUser, body: object = {}) =>
      duplicateNotebook(apiRequest(`/api/notebooks/${original.id}/duplicate`, { method: "POST", cookie: user.cookie, body }), routeParams({ id: original.id }));

    const response = await copy(reader);
    expect(response.status).toBe(201);
    const { notebook } = await response.json();
    expect(notebook).toMatchObject({ title: "Intro (copy)", content: original.content, role: "owner", version: 1 });
    expect(notebook.id).not.toBe(original.id);
    expect(notebook.blocks.map((b: { id: string }) => b.id)).toEqual(original.blocks.map((b) => (b as { id: string }).id));
    const named = await (await copy(owner, { title: "Mine" })).json();
    expect(named.notebook.title).toBe("Mine");
    expect((await copy(stranger)).status).toBe(404);
  });

  it("need a signed-in user: 401 otherwise", async () => {
    expect((await listNotebooks(apiRequest("/api/notebooks"), noParams)).status).toBe(401);
    expect((await getNotebook(apiRequest("/api/notebooks/x"), routeParams({ id: "x" }))).status).toBe(401);
  });
});
