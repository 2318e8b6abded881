import { expect, test, type Page } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

/** Every console error and uncaught exception of a page, to expect none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const CONTENT = `# Published run

Some text.

\`\`\`runnable bash
echo "moons: $((40 + 2))"
\`\`\`
`;

test("an author publishes a run's outputs and a signed-out link reader sees them, marked with who ran them and when", async ({ page, browser }) => {
  await signUpInBrowser(page, "Ada Publisher");
  const id = await createNotebook(page, "Published run", CONTENT);
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("output-0")).toHaveText(/^moons: 42\n?$/, { timeout: 60_000 });
  await page.getByTestId("publish-outputs").click();
  await expect(page.getByTestId("published-status")).toContainText("Published");

  const link = await page.request.post(`/api/notebooks/${id}/links`, { data: { access: "read" } });
  expect(link.status()).toBe(201);
  const path = new URL(((await link.json()) as { link: { url: string } }).link.url).pathname;

  const reader = await (await browser.newContext()).newPage();
  const errors = consoleErrors(reader);
  await reader.goto(path);
  await expect(reader.getByRole("heading", { name: "Published run", level: 1 }).first()).toBeVisible();
  await expect(reader.getByTestId("output-0")).toHaveText(/^moons: 42\n?$/);
  await expect(reader.getByTestId("published-0")).toContainText("Published output: ran");
  await expect(reader.getByTestId("published-0")).toContainText("by Ada Publisher.");
  // The author's output is shown as the author meant it: not dimmed as out of date in a session the reader never had.
  await expect(reader.getByTestId("stale-0")).toHaveCount(0);
  await expect(reader.locator("[data-stale]")).toHaveCount(0);
  // Signing in from the link comes back to it.
  await expect(reader.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/login?next=${encodeURIComponent(path)}`);
  expect(errors).toEqual([]);

  // Unpublished, the reader sees no output again.
  await page.getByTestId("unpublish-outputs").click();
  await expect(page.getByTestId("published-status")).toBeHidden();
  await reader.reload();
  await expect(reader.getByTestId("block-0")).toBeVisible();
  await expect(reader.getByTestId("output-0")).toHaveCount(0);
});

test("opening notebooks logs no console errors: an author's without a sandbox, and a viewer's", async ({ page, browser }) => {
  const errors = consoleErrors(page);
  await signUpInBrowser(page, "Quiet author");
  // The welcome notebook has every kind of block, a web app's included.
  await page.getByRole("link", { name: /Welcome to Runnel/ }).click();
  await expect(page.getByTestId("run-1")).toBeVisible();
  await expect(page.getByTestId("share-button")).toBeVisible();
  const id = page.url().split("/").at(-1)!;

  const viewer = await (await browser.newContext()).newPage();
  const viewerErrors = consoleErrors(viewer);
  await signUpInBrowser(viewer, "Quiet viewer");
  const email = await viewer.evaluate(async () => ((await (await fetch("/api/auth/me")).json()) as { user: { email: string } }).user.email);
  expect((await page.request.post(`/api/notebooks/${id}/shares`, { data: { email, role: "viewer" } })).status()).toBe(201);
  await viewer.goto(`/notebooks/${id}`);
  await expect(viewer.getByTestId("run-1")).toBeVisible();
  await expect(viewer.getByTestId("share-button")).toHaveCount(0);
  // Let anything the page fetches after hydrating come back.
  await viewer.waitForLoadState("networkidle");
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
  expect(viewerErrors).toEqual([]);
});
