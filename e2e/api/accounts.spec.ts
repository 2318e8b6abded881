import { expect, test } from "../support/api-client";

test("a new user signs up, writes a notebook, reads it back, and is signed out by logging out", async ({ api }) => {
  const user = await api.signUp("Ada");
  const [cookie] = (await api.request.storageState()).cookies;
  expect(cookie).toMatchObject({ name: "runnel_session", httpOnly: true, sameSite: "Lax", path: "/", secure: false });

  const me = await api.request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toEqual({ user: { ...user, name: "Ada" } });

  // A block written with its id is saved as written (saving adds ids only where none is).
  const content = "# Hello\n\n```runnable python id=hello\nprint('hi')\n```\n";
  const { id } = await api.createNotebook(content, "Hello");
  const read = await api.request.get(`/api/notebooks/${id}`);
  expect(read.status()).toBe(200);
  expect((await read.json()).notebook).toMatchObject({
    id,
    title: "Hello",
    content,
    role: "owner",
    version: 1,
    blocks: [{ index: 0, id: "hello", kind: "runnable", runtime: "python", code: "print('hi')" }],
  });

  expect((await api.request.post("/api/auth/logout")).status()).toBe(204);
  const afterLogout = await api.request.get("/api/auth/me");
  expect(afterLogout.status()).toBe(401);
  expect(await afterLogout.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
});
