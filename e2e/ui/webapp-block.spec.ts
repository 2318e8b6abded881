import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

// A notebook's `webapp static` block deployed from the page: the build runs in a real container,
// and the iframe under the block loads the app through the subdomain proxy (Chromium resolves
// *.apps.localhost to loopback) with the private app's access token traded for a cookie.

const HEADING = `Hello from a notebook app ${randomUUID().slice(0, 8)}`;
const CONTENT = `# Web app

\`\`\`webapp static
<!doctype html>
<title>Notebook app</title>
<h1>${HEADING}</h1>
\`\`\`
`;

test("a webapp static block is deployed from the page and shown in an iframe", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto("/signup");
  await page.getByLabel("Name").fill("App Author");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);

  const response = await page.request.post("/api/notebooks", { data: { title: "Web app", content: CONTENT } });
  expect(response.status()).toBe(201);
  const { notebook } = (await response.json()) as { notebook: { id: string } };
  let appId: string | undefined;

  try {
    await page.goto(`/notebooks/${notebook.id}`);
    await expect(page.getByTestId("webapp-status-0")).toHaveText("Not deployed");
    await page.getByTestId("deploy-0").click();
    await expect(page.getByTestId("webapp-status-0")).toHaveText("Running", { timeout: 150_000 });

    const frame = page.frameLocator('[data-testid="webapp-frame-0"]');
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(HEADING, { timeout: 20_000 });
    const src = await page.getByTestId("webapp-frame-0").getAttribute("src");
    expect(src).toMatch(/^http:\/\/[a-z0-9-]+\.apps\.localhost:\d+\/\?__runnel_access=/);
    appId = new URL(src!).hostname.split(".")[0];

    // Without the token (a browser that was never given access) the private app is not there.
    const stranger = await browser.newContext();
    try {
      const bare = await (await stranger.newPage()).goto(`http://${appId}.apps.localhost:${new URL(src!).port}/`);
      expect(bare?.status()).toBe(404);
    } finally {
      await stranger.close();
    }

    // Redeploy keeps the iframe on screen throughout (the old container serves until the new
    // one answers), then shows the app again.
    await page.getByTestId("redeploy-0").click();
    const frames: number[] = [];
    const giveUpAt = Date.now() + 150_000;
    do {
      frames.push(await page.getByTestId("webapp-frame-0").count());
      await page.waitForTimeout(250);
    } while (Date.now() < giveUpAt && (await page.getByTestId("redeploy-0").isDisabled({ timeout: 1000 }).catch(() => true)));
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.every((count) => count === 1), `frames seen while redeploying: ${frames.join(",")}`).toBe(true);
    await expect(page.getByTestId("webapp-status-0")).toHaveText("Running");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(HEADING, { timeout: 20_000 });

    // Once the block's code changes, the block says the app serves an earlier version, until a redeploy.
    await expect(page.getByTestId("webapp-changed-0")).toHaveCount(0);
    const saved = (await (await page.request.get(`/api/notebooks/${notebook.id}`)).json()) as { notebook: { content: string; version: number } };
    const edited = saved.notebook.content.replace(HEADING, `${HEADING} (edited)`);
    expect((await page.request.patch(`/api/notebooks/${notebook.id}`, { data: { content: edited, baseVersion: saved.notebook.version } })).status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId("webapp-changed-0")).toContainText("The code has changed since this app was deployed");
    await page.getByTestId("redeploy-0").click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(`${HEADING} (edited)`, { timeout: 150_000 });
    await expect(page.getByTestId("webapp-changed-0")).toHaveCount(0);

    // Stop takes the app (and its iframe) down; the block offers Deploy again.
    await page.getByTestId("stop-0").click();
    await expect(page.getByTestId("webapp-status-0")).toHaveText("Stopped", { timeout: 30_000 });
    await expect(page.getByTestId("webapp-frame-0")).toHaveCount(0);
    await expect(page.getByTestId("deploy-0")).toBeVisible();
  } finally {
    if (appId) expect((await page.request.delete(`/api/apps/${appId}`)).status()).toBe(200);
    await page.request.delete(`/api/notebooks/${notebook.id}`);
  }
});
