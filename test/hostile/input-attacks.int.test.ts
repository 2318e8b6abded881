import { describe, expect, it } from "vitest";
import { GET as getNotebookRoute, PATCH as patchNotebookRoute } from "@/app/api/notebooks/[id]/route";
import { GET as listNotebooksRoute, POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { POST as createTeamRoute } from "@/app/api/teams/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { GET as sessionExecutionsRoute } from "@/app/api/sessions/[id]/executions/route";
import { getPrisma } from "@/lib/db/client";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase } from "@/test/route-requests";

// What an ordinary account can send that the server must refuse in words (a 4xx with a
// sentence), leaving nothing written and the next request working.
withMigratedDatabase();

const NUL_SENTENCE = /NUL character \(U\+0000\)/;

async function refusal(response: Response, status = 400): Promise<string> {
  expect(response.status).toBe(status);
  const { error } = await response.json();
  expect(error.message).not.toMatch(/at .*\.ts:\d+|Prisma|invocation/);
  return error.message as string;
}

describe("hostile: NUL characters people send", () => {
  it("a notebook, a title, a team or a token name holding U+0000 is a 400 saying so, and nothing is written", async () => {
    const { cookie, user } = await signUpUser("nul-sender");
    const post = (path: string, body: unknown, route: typeof createNotebookRoute) => route(apiRequest(path, { method: "POST", body, cookie }), noParams);
    const notebooks = await getPrisma().notebook.count({ where: { ownerId: user.id } }); // the welcome notebook
    expect(await refusal(await post("/api/notebooks", { title: "a\0b", content: "# x\n" }, createNotebookRoute))).toMatch(NUL_SENTENCE);
    expect(await refusal(await post("/api/notebooks", { title: "ok", content: "# x\0\n" }, createNotebookRoute))).toMatch(NUL_SENTENCE);
    expect(await refusal(await post("/api/teams", { name: "t\0" }, createTeamRoute))).toMatch(NUL_SENTENCE);
    expect(await refusal(await post("/api/tokens", { name: "k\0" }, createTokenRoute))).toMatch(NUL_SENTENCE);
    expect(await getPrisma().notebook.count({ where: { ownerId: user.id } })).toBe(notebooks);
    expect(await getPrisma().team.count({ where: { members: { some: { userId: user.id } } } })).toBe(0);
    expect(await getPrisma().apiToken.count({ where: { userId: user.id } })).toBe(0);

    const created = await post("/api/notebooks", { title: "Fine", content: "# Fine\n" }, createNotebookRoute);
    expect(created.status).toBe(201);
    const { notebook } = await created.json();
    const patch = (body: unknown) => patchNotebookRoute(apiRequest(`/api/notebooks/${notebook.id}`, { method: "PATCH", body, cookie }), routeParams({ id: notebook.id }));
    expect(await refusal(await patch({ content: "# Fine\0\n", baseVersion: notebook.version }))).toMatch(NUL_SENTENCE);
    expect(await getPrisma().notebook.findUniqueOrThrow({ where: { id: notebook.id } })).toMatchObject({ content: "# Fine\n", version: notebook.version });
    expect((await patch({ content: "# Still fine\n", baseVersion: notebook.version })).status).toBe(200);
  });

  it("U+0000 in a path segment or a query is a 4xx with a sentence, never a 500", async () => {
    const { cookie } = await signUpUser("nul-prober");
    const notebook = await getNotebookRoute(apiRequest("/api/notebooks/%00", { cookie }), routeParams({ id: "\0" }));
    expect([400, 404]).toContain(notebook.status);
    await refusal(notebook, notebook.status);
    const runs = await sessionExecutionsRoute(apiRequest("/api/sessions/%00/executions", { cookie }), routeParams({ id: "\0" }));
    await refusal(runs, runs.status);
    expect(runs.status).toBeLessThan(500);
    const search = await listNotebooksRoute(apiRequest("/api/notebooks?q=%00", { cookie }), noParams);
    expect(search.status).toBeLessThan(500);
    if (search.status !== 200) await refusal(search, search.status);
    expect((await listNotebooksRoute(apiRequest("/api/notebooks", { cookie }), noParams)).status).toBe(200);
  });

  it("half of a surrogate pair (\\ud800) in a title, a team or a token name is a 400 with a sentence, not a 500", async () => {
    const { cookie, user } = await signUpUser("surrogate-sender");
    const notebooks = await getPrisma().notebook.count({ where: { ownerId: user.id } });
    const post = (path: string, body: string, route: typeof createNotebookRoute) => route(apiRequest(path, { method: "POST", body, cookie }), noParams);
    expect(await refusal(await post("/api/notebooks", '{"title":"x\\ud800y","content":"# x\\n"}', createNotebookRoute))).toMatch(/surrogate pair/);
    expect(await refusal(await post("/api/teams", '{"name":"\\udfff"}', createTeamRoute))).toMatch(/surrogate pair/);
    expect(await refusal(await post("/api/tokens", '{"name":"k\\uD83D"}', createTokenRoute))).toMatch(/surrogate pair/);
    expect(await getPrisma().notebook.count({ where: { ownerId: user.id } })).toBe(notebooks);
    expect((await post("/api/notebooks", '{"title":"\\ud83d\\ude00","content":"# ok\\n"}', createNotebookRoute)).status).toBe(201);
  });
});
