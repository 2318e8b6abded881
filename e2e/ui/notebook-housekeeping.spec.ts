import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/browser-user";

test("a new notebook's title follows its first heading; the author renames it from the page, then deletes it after a confirmation", async ({ page }) => {
  await signUpInBrowser(page, "Tidy author");
  await page.getByRole("button", { name: "New notebook" }).click();
  await expect(page).toHaveURL(/\/notebooks\/[0-9a-f-]+$/);
  const url = page.url();
  await expect(page.getByTestId("notebook-title")).toHaveText("Untitled notebook");

  // Until the author sets a title, it follows the first # heading as they type, and on the dashboard.
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.type("# Orbital mechanics");
  await expect(page.getByTestId("notebook-title")).toHaveText("Orbital mechanics");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await page.goto("/notebooks");
  await expect(page.getByTestId("notebook-group-personal").getByText("Orbital mechanics")).toBeVisible();

  // Rename: the title is set, and later heading edits no longer change it.
  await page.goto(url);
  await page.getByTestId("rename-button").click();
  await page.getByTestId("title-input").fill("Kepler's laws");
  await page.getByTestId("title-input").press("Enter");
  await expect(page.getByTestId("notebook-title")).toHaveText("Kepler's laws");
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("End");
  await page.keyboard.type(" revisited");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId("notebook-title")).toHaveText("Kepler's laws");
  await expect(page.locator(".cm-content")).toContainText("# Orbital mechanics revisited");

  // Search finds it by its text, stemmed: "mechanic" finds "mechanics".
  await page.goto("/notebooks?q=mechanic");
  await expect(page.getByTestId("search-results").getByText("Kepler's laws")).toBeVisible();
  await expect(page.getByTestId("search-snippet").locator("mark").first()).toHaveText(/mechanics/i);

  // Delete: a dialog says what goes; Esc backs out, and focus is kept inside while it is open.
  await page.goto(url);
  await page.getByTestId("delete-button").click();
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog).toContainText("Delete “Kepler's laws”?");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("delete-button")).toBeFocused();

  await page.getByTestId("delete-button").click();
  await page.getByTestId("confirm-delete").click();
  await expect(page).toHaveURL(/\/notebooks$/);
  await expect(page.getByText("Kepler's laws")).toHaveCount(0);
  expect((await page.goto(url))?.status()).toBe(404);
});

test("a reader duplicates a long notebook into one of their own, and its table of contents links to its sections", async ({ page }) => {
  await signUpInBrowser(page, "Copier");
  const sections = ["Data", "Model", "Results", "Discussion"];
  const content = `# Study\n\n${sections.map((name) => `## ${name}\n\n${"Text. ".repeat(200)}\n`).join("\n")}`;
  const created = await page.request.post("/api/notebooks", { data: { content } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  await page.goto(`/notebooks/${notebook.id}`);

  const contents = page.getByTestId("table-of-contents");
  await expect(contents.getByRole("link")).toHaveText(["Study", ...sections]);
  await contents.getByRole("link", { name: "Results" }).click();
  await expect(page).toHaveURL(/#results$/);
  await expect(page.locator("#results")).toBeInViewport();

  await page.getByTestId("duplicate-button").click();
  await expect(page).not.toHaveURL(new RegExp(notebook.id));
  await expect(page).toHaveURL(/\/notebooks\/[0-9a-f-]+$/);
  await expect(page.getByTestId("notebook-title")).toHaveText("Study (copy)");
});

test("a notebook one may not see, or a link turned off, says so in a sentence with a way back, not a bare 404", async ({ page, browser }) => {
  await signUpInBrowser(page, "Private author");
  const created = await page.request.post("/api/notebooks", { data: { title: "Private", content: "# Private\n" } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };

  const stranger = await (await browser.newContext()).newPage();
  await signUpInBrowser(stranger, "Stranger");
  expect((await stranger.goto(`/notebooks/${notebook.id}`))?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Nothing to see here");
  await expect(stranger.getByTestId("not-found")).toContainText("not shared with you");
  await expect(stranger.getByTestId("user-name")).toHaveText("Stranger");
  await stranger.getByRole("link", { name: "Your notebooks" }).click();
  await expect(stranger).toHaveURL(/\/notebooks$/);

  // Signed out, at a link that no longer opens anything: the way back is signing in.
  const signedOut = await (await browser.newContext()).newPage();
  expect((await signedOut.goto("/s/no-such-link"))?.status()).toBe(404);
  await expect(signedOut.getByTestId("not-found")).toBeVisible();
  await expect(signedOut.getByTestId("not-found").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
});
