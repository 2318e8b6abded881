import { expect, test } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

// Issue 15: running the last block of a shared notebook first runs the stale blocks above it (a
// chain). A reload in the middle of it shows the whole chain — done, running, queued — and keeps
// following it to the end.

const FENCE = "```";
const CONTENT = [
  "# Chain",
  `${FENCE}runnable bash`,
  'for i in 1 2 3 4 5 6; do echo "first $i"; sleep 1; done',
  FENCE,
  `${FENCE}runnable bash`,
  "echo second",
  FENCE,
  `${FENCE}runnable bash`,
  "echo third",
  FENCE,
  "",
].join("\n");

test("a page reloaded mid-chain shows which chained blocks are running and queued, and follows the chain to its end", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Chain Reloader");
  const id = await createNotebook(page, "Chain", CONTENT);
  await page.goto(`/notebooks/${id}`);

  await page.getByTestId("run-2").click();
  // The chain names blocks 0 and 1 before the block asked for: the ones not yet started wait.
  await expect(page.getByTestId("output-0")).toContainText("first 1", { timeout: 90_000 });
  await expect(page.getByTestId("queued-1")).toBeVisible();
  await expect(page.getByTestId("queued-2")).toBeVisible();

  await page.reload();
  // Back on the page: block 0 still running with its output from the start, 1 and 2 still queued.
  await expect(page.getByTestId("cancel-0")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("output-0")).toContainText("first 1");
  await expect(page.getByTestId("queued-1")).toBeVisible();
  await expect(page.getByTestId("queued-2")).toBeVisible();
  await expect(page.getByTestId("run-2")).toHaveText("Queued…");
  await page.screenshot({ path: "test-results/screenshots/chain-reload.png", fullPage: true });

  // ...and it goes on to the end of the chain without another click.
  await expect(page.getByTestId("output-2")).toHaveText(/^third\n?$/, { timeout: 60_000 });
  await expect(page.getByTestId("output-1")).toHaveText(/^second\n?$/);
  await expect(page.getByTestId("output-0")).toContainText("first 6");
  for (const index of [0, 1, 2]) await expect(page.getByTestId(`exit-${index}`)).toContainText("exit 0");
  await expect(page.getByTestId("queued-1")).toHaveCount(0);
});

test("the first Run of a session shows its chain once, however late the page's list of stored runs arrives", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Chain Racer");
  const id = await createNotebook(page, "Race", CONTENT);
  // The page asks for the session's stored runs once its session is ready; on a loaded machine
  // that answer can come after the Run's own chain has started. Hold it until it does.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/sessions/*/executions", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-2").click();
  await expect(page.getByTestId("output-0")).toContainText("first 1", { timeout: 90_000 });
  await expect(page.getByTestId("queued-2")).toBeVisible();
  release();

  // Each block's output once: a page that followed its own chain a second time showed it twice.
  await expect(page.getByTestId("exit-2")).toContainText("exit 0", { timeout: 60_000 });
  await expect(page.getByTestId("output-2")).toHaveText(/^third\n?$/);
  await expect(page.getByTestId("output-1")).toHaveText(/^second\n?$/);
  await expect(page.getByTestId("output-0")).toHaveText(/^first 1\nfirst 2\nfirst 3\nfirst 4\nfirst 5\nfirst 6\n?$/);
});

test("the session bar shows a kernel's state change without a run", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "Kernel Watcher");
  const id = await createNotebook(page, "Kernels", `${FENCE}runnable python\nprint('hi')\n${FENCE}\n`);
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 90_000 });
  await expect(page.getByTestId("kernel-python")).toHaveAttribute("data-state", "idle");

  await expect(page.getByTestId("stale-0")).toHaveCount(0);

  // Restarted from elsewhere (the API, another tab): this page was not told, and finds out by
  // itself that the kernel's process is a new one, so the output made in the old one is stale.
  const { session } = (await (await page.request.get(`/api/notebooks/${id}/session`)).json()) as { session: { id: string } };
  expect((await page.request.post(`/api/sessions/${session.id}/kernels/python/restart`)).status()).toBeLessThan(300);
  await expect(page.getByTestId("stale-0")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("kernel-python")).toHaveAttribute("data-state", "idle", { timeout: 30_000 });
});
