import { expect, test, type Page } from "@playwright/test";
import { signUpInBrowser } from "../support/browser-user";

const FENCE = "```";
const CONTENT = `# Keyboard and phone\n\nSome prose, and a table:\n\n| a wide column heading | another wide column heading | a third one |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n\n${FENCE}runnable bash\necho "a long line of output that would push the page sideways on a phone if it could ${"x".repeat(80)}"\n${FENCE}\n`;

async function openNotebook(page: Page): Promise<string> {
  const response = await page.request.post("/api/notebooks", { data: { title: "Keys", content: CONTENT } });
  expect(response.status()).toBe(201);
  const { notebook } = (await response.json()) as { notebook: { id: string } };
  await page.goto(`/notebooks/${notebook.id}`);
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  return notebook.id;
}

async function savedCopy(page: Page, id: string) {
  const { notebook } = (await (await page.request.get(`/api/notebooks/${id}`)).json()) as { notebook: { content: string; version: number } };
  return notebook;
}

test("Tab from the top of the page reaches Share, and Tab leaves the editor without changing the notebook", async ({ page }) => {
  await signUpInBrowser(page, "Keyboard");
  const id = await openNotebook(page);
  const before = await savedCopy(page, id);

  await page.locator("body").click({ position: { x: 1, y: 1 } });
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "share-button");
  }
  expect(reached, "Tab reached the Share button").toBe(true);

  // Into the editor and out again with Tab: focus moves on, nothing is indented.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".cm-editor")))).toBe(false);
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await page.waitForTimeout(1500);
  const after = await savedCopy(page, id);
  expect(after).toMatchObject({ content: before.content, version: before.version });

  // The shortcuts sheet opens with ? and closes with Esc; so does the Share dialog.
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-sheet")).toContainText("Shift+Enter");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-sheet")).toHaveCount(0);
  await page.getByTestId("share-button").click();
  await expect(page.getByRole("dialog", { name: "Share this notebook" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Share this notebook" })).toHaveCount(0);
});

test("at 390 px nothing scrolls sideways, the rendered notebook comes first, and the Share dialog's buttons are all on screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpInBrowser(page, "A person with a rather long name on a phone");
  await openNotebook(page);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 60_000 });

  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  await expect(page.getByTestId("notebook-preview")).toBeVisible();
  await expect(page.locator(".cm-editor")).toBeHidden();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screenshots/phone-notebook.png", fullPage: true });

  await page.getByTestId("show-source").click();
  await expect(page.locator(".cm-editor")).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await page.getByTestId("show-preview").click();

  await page.getByTestId("share-button").click();
  const dialog = page.getByRole("dialog", { name: "Share this notebook" });
  await expect(dialog).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  for (const button of await dialog.getByRole("button").all()) {
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    expect(box, "a dialog button has a box").not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: "test-results/screenshots/phone-share-dialog.png" });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Disconnect" }).click();
});

test("at 390 px the dashboard and a team's page do not scroll sideways when names are long", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpInBrowser(page, "Somebody whose name is far too long for one line of a phone");
  const created = await page.request.post("/api/teams", { data: { name: "The department of rather long team names and their notebooks" } });
  expect(created.status()).toBe(201);
  const { team } = (await created.json()) as { team: { id: string } };
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  await page.goto("/notebooks");
  await expect(page.getByTestId("team-switcher")).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screenshots/phone-dashboard-long-names.png", fullPage: true });

  await page.goto(`/teams/${team.id}`);
  await expect(page.getByTestId("delete-team")).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  for (const button of await page.getByTestId("team-members").getByRole("button").all()) {
    const box = await button.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: "test-results/screenshots/phone-team-long-names.png", fullPage: true });
});

test("the editor shows where the keyboard focus is, and Esc closes the Export menu", async ({ page }) => {
  await signUpInBrowser(page, "Focus");
  await openNotebook(page);
  await page.locator(".cm-editor").waitFor();
  await page.getByRole("button", { name: "Connect" }).focus();
  await page.keyboard.press("Tab");
  // The frame around the editor clips anything drawn outside it: the ring is drawn inside, and wide enough to see.
  const ring = await page.locator(".cm-editor").evaluate((editor) => {
    const style = getComputedStyle(editor);
    return { focused: editor.classList.contains("cm-focused"), style: style.outlineStyle, width: parseFloat(style.outlineWidth), offset: parseFloat(style.outlineOffset) };
  });
  expect(ring.focused).toBe(true);
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.offset).toBeLessThanOrEqual(-ring.width);

  const menu = page.getByTestId("export-menu");
  await menu.locator("summary").click();
  await expect(menu).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(menu).not.toHaveAttribute("open");
  await expect(menu.locator("summary")).toBeFocused();
});

test("at 390 px a search result's snippet shows the words that matched", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpInBrowser(page, "Searcher");
  const content = `# Field notes\n\nThe survey team walked the northern ridge at dawn and counted the lichens on every boulder they passed, then the heliotrope.\n`;
  expect((await page.request.post("/api/notebooks", { data: { title: "Field notes", content } })).status()).toBe(201);
  await page.goto("/notebooks?q=heliotrope");
  const snippet = page.getByTestId("search-results").getByTestId("search-snippet");
  await expect(snippet.locator("mark")).toHaveText("heliotrope");
  // Inside the snippet's box, not cut off past its edge.
  const box = (await snippet.boundingBox())!;
  const mark = (await snippet.locator("mark").boundingBox())!;
  expect(mark.x + mark.width).toBeLessThanOrEqual(box.x + box.width + 1);
  expect(mark.y + mark.height).toBeLessThanOrEqual(box.y + box.height + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("at 390 px a run-link reader's header wraps whole controls: Run all on one line, the session bar below", async ({ page, browser }) => {
  await signUpInBrowser(page, "Link owner");
  const created = await page.request.post("/api/notebooks", { data: { title: "Linked", content: `# Linked\n\n${FENCE}runnable python\nprint(1)\n${FENCE}\n` } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const made = await page.request.post(`/api/notebooks/${notebook.id}/links`, { data: { access: "run" } });
  const path = new URL(((await made.json()) as { link: { url: string } }).link.url).pathname;

  const reader = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signUpInBrowser(reader, "A link reader with a long name");
  await reader.goto(path);
  await reader.getByTestId("run-0").click();
  await expect(reader.getByTestId("exit-0")).toContainText("exit 0", { timeout: 60_000 });
  await expect(reader.getByTestId("kernels")).toBeVisible();

  const height = async (testId: string) => (await reader.getByTestId(testId).boundingBox())!.height;
  // One line of text each (the Shortcuts button's border adds 2 px; a second line adds about 20).
  expect(Math.abs((await height("run-all")) - (await height("shortcuts-button")))).toBeLessThanOrEqual(4);
  // The session bar takes a row of its own rather than a sliver beside the buttons.
  expect((await reader.getByTestId("kernels").boundingBox())!.width).toBeGreaterThan(200);
  // "Session" and its state stay on one line.
  const label = (await reader.getByText("Session", { exact: true }).boundingBox())!;
  const state = (await reader.getByTestId("session-status").boundingBox())!;
  expect(Math.abs(label.y + label.height / 2 - (state.y + state.height / 2))).toBeLessThanOrEqual(4);
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await reader.screenshot({ path: "test-results/screenshots/phone-link-reader.png", fullPage: true });
  await reader.getByRole("button", { name: "Disconnect" }).click();
});
