import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";

const CONTENT = `# Team notes

\`\`\`runnable bash
hostname
\`\`\`
`;

async function signedUpPage(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `${randomUUID()}@example.test`;
  // The page's request context shares the browser's cookies: this signs the browser in.
  const response = await page.request.post("/api/auth/signup", { data: { email, password: "correct horse battery", name } });
  expect(response.status()).toBe(201);
  return { page, email };
}

async function runHostname(page: Page): Promise<string> {
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("output-0")).toHaveText(/^[0-9a-f]{12}\n$/, { timeout: 30_000 });
  return (await page.getByTestId("output-0").innerText()).trim();
}

test("the owner shares a notebook with a viewer, who runs it in a container of their own, cannot edit, and loses it when unshared", async ({ browser }) => {
  const owner = await signedUpPage(browser, "Owner");
  const viewer = await signedUpPage(browser, "Viewer");
  const created = await owner.page.request.post("/api/notebooks", { data: { title: "Team notes", content: CONTENT } });
  expect(created.status()).toBe(201);
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const url = `/notebooks/${notebook.id}`;

  // Before it is shared the viewer cannot tell it exists.
  expect((await viewer.page.goto(url))?.status()).toBe(404);

  await owner.page.goto(url);
  const ownerHost = await runHostname(owner.page);

  await owner.page.getByTestId("share-button").click();
  const dialog = owner.page.getByRole("dialog", { name: "Share this notebook" });
  await dialog.getByLabel("Email").fill(viewer.email);
  await dialog.getByLabel("Role", { exact: true }).selectOption("viewer");
  await dialog.getByRole("button", { name: "Add" }).click();
  await expect(dialog.getByTestId("share-people")).toContainText(viewer.email);

  await viewer.page.goto("/notebooks");
  await expect(viewer.page.getByTestId("notebook-group-shared")).toContainText(/Team notes\s*viewer/);
  await viewer.page.getByRole("link", { name: /Team notes/ }).click();
  await expect(viewer.page).toHaveURL(new RegExp(`${url}$`));
  await expect(viewer.page.getByRole("heading", { level: 1, name: "Team notes" }).first()).toBeVisible();
  await expect(viewer.page.getByTestId("notebook-editor")).toHaveCount(0);
  await expect(viewer.page.getByTestId("share-button")).toHaveCount(0);
  const viewerHost = await runHostname(viewer.page);
  expect(viewerHost).not.toBe(ownerHost);
  const edit = await viewer.page.request.patch(`/api/notebooks/${notebook.id}`, { data: { title: "Mine now", baseVersion: 1 } });
  expect(edit.status()).toBe(403);

  // The owner sees who ran what.
  await dialog.getByRole("button", { name: "Show" }).click();
  await expect(dialog.getByTestId("run-history")).toContainText("Viewer");
  await expect(dialog.getByTestId("run-history")).toContainText("Owner");
  await owner.page.screenshot({ path: "test-results/screenshots/share-dialog.png", fullPage: true });

  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog.getByTestId("share-people")).not.toContainText(viewer.email);
  expect((await viewer.page.reload())?.status()).toBe(404);
  expect((await viewer.page.request.post(`/api/notebooks/${notebook.id}/session`)).status()).toBe(404);

  // A read link opens it, read-only, to someone signed out; turned off, it opens nothing.
  await dialog.getByLabel("Link access").selectOption("read");
  // The box follows the server: it turns on once the link exists.
  await dialog.getByLabel("Link on").click();
  await expect(dialog.getByLabel("Link on")).toBeChecked();
  const link = await dialog.getByTestId("share-link").inputValue();
  const stranger = await (await browser.newContext()).newPage();
  expect((await stranger.goto(link))?.status()).toBe(200);
  await expect(stranger.getByRole("heading", { level: 1, name: "Team notes" }).first()).toBeVisible();
  await expect(stranger.getByTestId("notebook-role")).toHaveText("reader");
  await expect(stranger.getByTestId("run-0")).toHaveCount(0);
  await dialog.getByLabel("Link on").click();
  await expect(dialog.getByLabel("Link on")).not.toBeChecked();
  expect((await stranger.reload())?.status()).toBe(404);
});

test("a signed-in holder of a run link runs the notebook from the link page, in a container of their own; signed out they only read", async ({ browser }) => {
  const owner = await signedUpPage(browser, "Author");
  const created = await owner.page.request.post("/api/notebooks", { data: { title: "Linked notes", content: CONTENT } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const made = await owner.page.request.post(`/api/notebooks/${notebook.id}/links`, { data: { access: "run" } });
  expect(made.status()).toBe(201);
  const { link } = (await made.json()) as { link: { id: string; url: string } };
  const path = new URL(link.url).pathname;

  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.goto(path))?.status()).toBe(200);
  await expect(anonymous.getByTestId("notebook-role")).toHaveText("reader");
  await expect(anonymous.getByTestId("run-0")).toHaveCount(0);
  await expect(anonymous.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  const holder = await signedUpPage(browser, "Holder");
  expect((await holder.page.goto(path))?.status()).toBe(200);
  await expect(holder.page.getByTestId("notebook-role")).toHaveText("viewer");
  const holderHost = await runHostname(holder.page);
  await owner.page.goto(`/notebooks/${notebook.id}`);
  expect(await runHostname(owner.page)).not.toBe(holderHost);

  await owner.page.request.delete(`/api/notebooks/${notebook.id}/links/${link.id}`);
  expect((await holder.page.reload())?.status()).toBe(404);
  expect((await holder.page.request.post(`/api/notebooks/${notebook.id}/session`)).status()).toBe(404);
});

test("an owner makes a team, adds a member as viewer and a team notebook, which the member sees grouped under the team, read-only", async ({ browser }) => {
  const owner = await signedUpPage(browser, "Lead");
  const member = await signedUpPage(browser, "Member");
  const team = `Team ${randomUUID().slice(0, 8)}`;

  await owner.page.goto("/notebooks");
  await owner.page.getByLabel("New team name").fill(team);
  await owner.page.getByRole("button", { name: "Create team" }).click();
  await expect(owner.page).toHaveURL(/\/teams\/[\w-]+$/);
  await owner.page.getByLabel("Email").fill(member.email);
  await owner.page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await owner.page.getByRole("button", { name: "Add member" }).click();
  await expect(owner.page.getByTestId("team-members")).toContainText(member.email);
  await owner.page.getByRole("button", { name: "New team notebook" }).click();
  await expect(owner.page).toHaveURL(/\/notebooks\/[\w-]+$/);
  const notebookUrl = new URL(owner.page.url()).pathname;

  await member.page.goto("/notebooks");
  await member.page.getByTestId("team-switcher").selectOption({ label: team });
  await expect(member.page).toHaveURL(/\?view=/);
  await expect(member.page.locator("section", { hasText: team })).toContainText(/Untitled notebook\s*viewer/);
  await member.page.goto(notebookUrl);
  await expect(member.page.getByTestId("notebook-editor")).toHaveCount(0);
  await member.page.screenshot({ path: "test-results/screenshots/team-viewer.png", fullPage: true });
});

test("a signed-out link reader has the notebook's table of contents and the shortcuts sheet, as members do", async ({ browser }) => {
  const owner = await signedUpPage(browser, "Long writer");
  const content = `# Guide\n\n${["Install", "Use", "Tune"].map((name) => `## ${name}\n\n${"Words. ".repeat(150)}\n`).join("\n")}`;
  const created = await owner.page.request.post("/api/notebooks", { data: { title: "Guide", content } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const made = await owner.page.request.post(`/api/notebooks/${notebook.id}/links`, { data: { access: "read" } });
  const path = new URL(((await made.json()) as { link: { url: string } }).link.url).pathname;

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(path);
  const contents = reader.getByTestId("table-of-contents");
  await expect(contents.getByRole("link")).toHaveText(["Guide", "Install", "Use", "Tune"]);
  await contents.getByRole("link", { name: "Tune" }).click();
  await expect(reader.locator("#tune")).toBeInViewport();

  await reader.locator("body").press("?");
  await expect(reader.getByTestId("shortcuts-sheet")).toContainText("Esc");
  // A reader's page has no editor, and the sheet does not talk about one.
  await expect(reader.getByTestId("shortcuts-sheet")).not.toContainText("editor");
  await reader.keyboard.press("Escape");
  await expect(reader.getByTestId("shortcuts-sheet")).toHaveCount(0);
});
