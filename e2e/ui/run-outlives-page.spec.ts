import { expect, test } from "@playwright/test";
import { signUpInBrowser } from "../support/browser-user";

const FENCE = "```";
const TEN_SECONDS = `${FENCE}runnable bash\nfor i in $(seq 1 10); do echo "tick $i"; sleep 1; done\necho finished\n${FENCE}\n`;
const FULL_OUTPUT = `${Array.from({ length: 10 }, (_, i) => `tick ${i + 1}\n`).join("")}finished\n`;

test("a reload during a 10-second run leaves it running, and the page shows its whole output", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "Reloader");
  const response = await page.request.post("/api/notebooks", { data: { title: "Ten seconds", content: TEN_SECONDS } });
  expect(response.status()).toBe(201);
  const { notebook } = (await response.json()) as { notebook: { id: string } };
  await page.goto(`/notebooks/${notebook.id}`);

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("output-0")).toContainText("tick 2", { timeout: 60_000 });
  await page.reload();

  // Back on the page, the run is still going: its output from the start, then the rest as it comes.
  await expect(page.getByTestId("cancel-0")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("output-0")).toContainText("tick 1");
  await expect(page.getByTestId("output-0")).toHaveText(FULL_OUTPUT, { timeout: 30_000 });
  await expect(page.getByTestId("exit-0")).toContainText("exit 0");
  await page.screenshot({ path: "test-results/screenshots/run-outlives-page.png", fullPage: true });

  const stored = await page.request.get(`/api/notebooks/${notebook.id}/session`);
  const { session } = (await stored.json()) as { session: { id: string } };
  const runs = await (await page.request.get(`/api/sessions/${session.id}/executions`)).json();
  expect(runs.executions).toMatchObject([{ status: "succeeded", exitCode: 0 }]);

  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");
});

test("a run-link reader who reloads during a run finds it still going on the link page, and its whole output", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "Link author");
  const created = await page.request.post("/api/notebooks", { data: { title: "Ten seconds", content: TEN_SECONDS } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const made = await page.request.post(`/api/notebooks/${notebook.id}/links`, { data: { access: "run" } });
  expect(made.status()).toBe(201);
  const path = new URL(((await made.json()) as { link: { url: string } }).link.url).pathname;

  const reader = await (await browser.newContext()).newPage();
  await signUpInBrowser(reader, "Link reloader");
  await reader.goto(path);
  await reader.getByTestId("run-0").click();
  await expect(reader.getByTestId("output-0")).toContainText("tick 2", { timeout: 60_000 });
  await reader.reload();

  await expect(reader.getByTestId("cancel-0")).toBeVisible({ timeout: 15_000 });
  await expect(reader.getByTestId("output-0")).toHaveText(FULL_OUTPUT, { timeout: 30_000 });
  await expect(reader.getByTestId("exit-0")).toContainText("exit 0");
  // Finished, it is still there after the next reload.
  await reader.reload();
  await expect(reader.getByTestId("output-0")).toHaveText(FULL_OUTPUT, { timeout: 15_000 });
  await reader.getByRole("button", { name: "Disconnect" }).click();
  await expect(reader.getByTestId("session-status")).toHaveText("none");
});
