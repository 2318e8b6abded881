import { describe, expect, it } from "vitest";
import { DELETE as removeMember, PATCH as changeMember } from "@/app/api/teams/[id]/members/[userId]/route";
import { POST as addMember } from "@/app/api/teams/[id]/members/route";
import { DELETE as deleteTeam, GET as getTeam } from "@/app/api/teams/[id]/route";
import { GET as getNotebook } from "@/app/api/notebooks/[id]/route";
import { GET as listTeams, POST as createTeam } from "@/app/api/teams/route";
import { POST as createNotebook } from "@/app/api/notebooks/route";
import { apiRequest, noParams, routeParams, signUpUser, withMigratedDatabase, type SignedUpUser } from "@/test/route-requests";

withMigratedDatabase();

async function newTeam(owner: SignedUpUser, name = "Lab"): Promise<string> {
  const response = await createTeam(apiRequest("/api/teams", { method: "POST", cookie: owner.cookie, body: { name } }), noParams);
  expect(response.status).toBe(201);
  return (await response.json()).team.id;
}

function add(actor: SignedUpUser, teamId: string, email: string, role: string) {
  return addMember(apiRequest(`/api/teams/${teamId}/members`, { method: "POST", cookie: actor.cookie, body: { email, role } }), routeParams({ id: teamId }));
}

function member(actor: SignedUpUser, teamId: string, userId: string, method: "PATCH" | "DELETE", body?: object) {
  const request = apiRequest(`/api/teams/${teamId}/members/${userId}`, { method, cookie: actor.cookie, body });
  return (method === "PATCH" ? changeMember : removeMember)(request, routeParams({ id: teamId, userId }));
}

describe("teams", () => {
  it("are created with their creator as owner, and listed with each member's role", async () => {
    const owner = await signUpUser("founder");
    const teamId = await newTeam(owner, "  Lab  ");
    const viewer = await signUpUser("member");
    expect((await add(owner, teamId, viewer.email.toUpperCase(), "viewer")).status).toBe(201);

    const { teams } = await (await listTeams(apiRequest("/api/teams", { cookie: viewer.cookie }), noParams)).json();
    expect(teams).toEqual([{ id: teamId, name: "Lab", role: "viewer", memberCount: 2, createdAt: expect.any(String) }]);
    const { team } = await (await getTeam(apiRequest(`/api/teams/${teamId}`, { cookie: viewer.cookie }), routeParams({ id: teamId }))).json();
    expect(team.members.map((m: { user: { name: string }; role: string }) => `${m.user.name}:${m.role}`)).toEqual(["founder:owner", "member:viewer"]);
  });

  it("are managed by owners only: members get 403, everyone else 404", async () => {
    const owner = await signUpUser("boss");
    const teamId = await newTeam(owner);
    const editor = await signUpUser("writer");
    const stranger = await signUpUser("outsider");
    await add(owner, teamId, editor.email, "editor");
    expect((await add(editor, teamId, stranger.email, "viewer")).status).toBe(403);
    expect((await add(stranger, teamId, stranger.email, "viewer")).status).toBe(404);
    expect((await getTeam(apiRequest(`/api/teams/${teamId}`, { cookie: stranger.cookie }), routeParams({ id: teamId }))).status).toBe(404);
    expect((await member(editor, teamId, owner.user.id, "DELETE")).status).toBe(403);
    expect((await add(owner, teamId, "nobody@example.com", "viewer")).status).toBe(404);
    expect((await add(owner, teamId, editor.email, "viewer")).status).toBe(409);
  });

  it("change roles, let members leave, and always keep an owner", async () => {
    const owner = await signUpUser("keeper");
    const teamId = await newTeam(owner);
    const other = await signUpUser("second");
    await add(owner, teamId, other.email, "viewer");
    expect((await member(owner, teamId, owner.user.id, "PATCH", { role: "editor" })).status).toBe(409);
    expect((await member(owner, teamId, owner.user.id, "DELETE")).status).toBe(409);
    const promoted = await member(owner, teamId, other.user.id, "PATCH", { role: "owner" });
    expect(await promoted.json()).toEqual({ member: { role: "owner" } });
    expect((await member(owner, teamId, owner.user.id, "DELETE")).status).toBe(204);
    expect((await getTeam(apiRequest(`/api/teams/${teamId}`, { cookie: owner.cookie }), routeParams({ id: teamId }))).status).toBe(404);
  });

  it("take notebooks from their owners and editors, not from viewers", async () => {
    const owner = await signUpUser("author");
    const teamId = await newTeam(owner);
    const viewer = await signUpUser("reader");
    await add(owner, teamId, viewer.email, "viewer");
    const create = (who: SignedUpUser) =>
      createNotebook(apiRequest("/api/notebooks", { method: "POST", cookie: who.cookie, body: { title: "T", content: "", teamId } }), noParams);
    expect((await create(owner)).status).toBe(201);
    expect((await create(viewer)).status).toBe(403);
  });

  describe("are deleted by an owner, who says first what becomes of their notebooks", () => {
    async function teamWithNotebook() {
      const owner = await signUpUser("closer");
      const editor = await signUpUser("writer");
      const viewer = await signUpUser("watcher");
      const teamId = await newTeam(owner, "Closing");
      await add(owner, teamId, editor.email, "editor");
      await add(owner, teamId, viewer.email, "viewer");
      const response = await createNotebook(
        apiRequest("/api/notebooks", { method: "POST", cookie: editor.cookie, body: { title: "Team work", content: "# Team work\n", teamId } }),
        noParams,
      );
      const notebookId: string = (await response.json()).notebook.id;
      return { owner, editor, viewer, teamId, notebookId };
    }
    const remove = (actor: SignedUpUser, teamId: string, body?: unknown) =>
      deleteTeam(apiRequest(`/api/teams/${teamId}`, { method: "DELETE", cookie: actor.cookie, body }), routeParams({ id: teamId }));
    const read = (who: SignedUpUser, id: string) => getNotebook(apiRequest(`/api/notebooks/${id}`, { cookie: who.cookie }), routeParams({ id }));

    it("moving the notebooks to a member, who owns them from then on; the others lose them", async () => {
      const { owner, editor, viewer, teamId, notebookId } = await teamWithNotebook();
      const response = await remove(owner, teamId, { notebooks: "move", to: viewer.user.id });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ notebooks: 1 });
      expect((await getTeam(apiRequest(`/api/teams/${teamId}`, { cookie: owner.cookie }), routeParams({ id: teamId }))).status).toBe(404);
      const moved = await read(viewer, notebookId);
      expect((await moved.json()).notebook).toMatchObject({ title: "Team work", role: "owner" });
      expect((await read(editor, notebookId)).status).toBe(404);
      expect((await read(owner, notebookId)).status).toBe(404);
    });

    it("or deleting them", async () => {
      const { owner, editor, teamId, notebookId } = await teamWithNotebook();
      expect(await (await remove(owner, teamId, { notebooks: "delete" })).json()).toEqual({ notebooks: 1 });
      expect((await read(editor, notebookId)).status).toBe(404);
      expect((await read(owner, notebookId)).status).toBe(404);
    });

    it("and never by default, nor to an outsider, nor by a member who is not an owner", async () => {
      const { owner, editor, teamId, notebookId } = await teamWithNotebook();
      const stranger = await signUpUser("bystander");
      const noChoice = await remove(owner, teamId, {});
      expect(noChoice.status).toBe(400);
      expect((await noChoice.json()).error.message).toBe('notebooks: must be "delete", or "move" with "to": a member\'s user id. Say what becomes of the team\'s notebooks.');
      const outsider = await remove(owner, teamId, { notebooks: "move", to: stranger.user.id });
      expect(outsider.status).toBe(400);
      expect((await outsider.json()).error.message).toBe("The notebooks can only move to a member of the team.");
      const byEditor = await remove(editor, teamId, { notebooks: "delete" });
      expect(byEditor.status).toBe(403);
      expect((await remove(stranger, teamId, { notebooks: "delete" })).status).toBe(404);
      expect((await read(editor, notebookId)).status).toBe(200);
    });
  });
});
