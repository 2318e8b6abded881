import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

const CONTENT = `# Browser run

Some **prose** and <script>window.__injected = true</script> raw HTML that must stay inert.

\`\`\`runnable python
print('hello from the browser')
\`\`\`

\`\`\`js
console.log("only shown, never run")
\`\`\`

\`\`\`runnable bash
echo one; sleep 2; echo two
\`\`\`

\`\`\`runnable bash
echo warning >&2; sleep 300
\`\`\`
`;

test("a reader signs up, runs blocks with streamed output, and logs out", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Browser Reader");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
  await expect(page.getByTestId("user-name")).toHaveText("Browser Reader");

  // The page's request context shares the browser's session cookie.
  const response = await page.request.post("/api/notebooks", { data: { title: "Browser run", content: CONTENT } });
  expect(response.status()).toBe(201);
  const { notebook } = (await response.json()) as { notebook: { id: string } };

  await page.reload();
  await page.getByRole("link", { name: /Browser run/ }).click();
  await expect(page).toHaveURL(new RegExp(`/notebooks/${notebook.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Browser run" }).first()).toBeVisible();
  await expect(page.getByTestId("session-status")).toHaveText("none");
  // The owner sees the source in the editor too; the rendered fence is in the preview.
  await expect(page.getByTestId("notebook-preview").getByText("console.log(\"only shown, never run\")")).toBeVisible();
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("output-0")).toHaveText("hello from the browser\n", { timeout: 30_000 });
  await expect(page.getByTestId("exit-0")).toContainText("exit 0");
  await expect(page.getByTestId("session-status")).toHaveText("ready");

  await page.getByTestId("run-1").click();
  await expect(page.getByTestId("output-1")).toContainText("one", { timeout: 10_000 });
  await expect(page.getByTestId("output-1")).not.toContainText("two");
  await expect(page.getByTestId("cancel-1")).toBeVisible();
  await expect(page.getByTestId("output-1")).toContainText("two", { timeout: 10_000 });
  await expect(page.getByTestId("exit-1")).toContainText("exit 0");

  await page.getByTestId("run-2").click();
  await expect(page.getByTestId("output-2").locator('[data-stream="stderr"]')).toHaveText("warning\n", { timeout: 10_000 });
  const cancelledAt = Date.now();
  await page.getByTestId("cancel-2").click();
  await expect(page.getByTestId("exit-2")).toContainText("The block was cancelled.", { timeout: 5_000 });
  expect(Date.now() - cancelledAt).toBeLessThan(2_000);
  await page.screenshot({ path: "test-results/screenshots/notebook.png", fullPage: true });

  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Log in to Runnel" })).toBeVisible();
});

test("the dashboard's New notebook button opens a starter notebook, and bad logins show the API's sentence", async ({ page }) => {
  await page.goto("/notebooks");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("auth-error")).not.toBeEmpty();

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Starter");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
  await page.getByRole("button", { name: "New notebook" }).click();
  await expect(page).toHaveURL(/\/notebooks\/[^/]+$/);
  await expect(page.getByTestId("block-0")).toContainText("python");
  await expect(page.getByTestId("run-0")).toBeVisible();
});

test("Run all stops at a failing block and says which, with a way to it; Cancel all stops it as a whole", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Run all reader");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
  const fence = "```";
  const content = `---\nstate: isolated\n---\n# Run all\n\n${fence}runnable bash\necho first\n${fence}\n\n${fence}runnable bash\necho broken >&2; exit 3\n${fence}\n\n${fence}runnable bash\necho never\n${fence}\n`;
  const created = await page.request.post("/api/notebooks", { data: { title: "Run all", content } });
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  await page.goto(`/notebooks/${notebook.id}`);

  await page.getByTestId("run-all").click();
  const report = page.getByTestId("run-all-report");
  await expect(report).toContainText("It exited with code 3.", { timeout: 60_000 });
  await expect(report).toContainText("The blocks after it did not run.");
  await expect(page.getByTestId("output-0")).toHaveText("first\n");
  await expect(page.getByTestId("output-2")).toHaveCount(0);
  // The report leads to the block that failed (block numbers are not on screen, so it does not count on them).
  await report.getByRole("button", { name: "Go to the block" }).click();
  await expect(page.getByTestId("block-1")).toBeFocused();
  await expect(page.getByTestId("block-1")).toBeInViewport();

  // Cancel all: the block running now is cancelled, and the ones after it never start.
  await page.locator(".cm-content").click();
  await page.locator(".cm-line", { hasText: "echo first" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type("; sleep 30");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("cancel-0")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("cancel-all").click();
  await expect(report).toHaveText("Run all was cancelled.", { timeout: 30_000 });
  await expect(page.getByTestId("exit-0")).toContainText("The block was cancelled.");
  await expect(page.getByTestId("exit-1")).toContainText("exit 3");
});
