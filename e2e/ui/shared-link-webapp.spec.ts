import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

// Issue 14: a signed-out reader of a share link sees a notebook's running web app embedded, and
// can open it, as a signed-in viewer does; the app goes when the link is revoked.

const HEADING = `Shared app ${randomUUID().slice(0, 8)}`;
const CONTENT = `# Shared app

\`\`\`webapp static
<!doctype html>
<title>Shared app</title>
<h1>${HEADING}</h1>
\`\`\`
`;

type AppView = { id: string; status: string; status_reason: string | null };

test("a signed-out link reader sees a running static web app in the iframe and opens it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signUpInBrowser(page, "App Publisher");
  const id = await createNotebook(page, "Shared app", CONTENT);
  const reader = await browser.newContext();
  let appId: string | undefined;
  try {
    expect((await page.request.post(`/api/notebooks/${id}/blocks/0/deploy`)).status()).toBe(202);
    await expect
      .poll(
        async () => {
          const { apps } = (await (await page.request.get(`/api/notebooks/${id}/apps`)).json()) as { apps: AppView[] };
          appId = apps[0]?.id;
          return apps[0]?.status === "failed" ? `failed: ${apps[0].status_reason}` : apps[0]?.status;
        },
        { timeout: 180_000, intervals: [1000] },
      )
      .toBe("running");
    const link = await page.request.post(`/api/notebooks/${id}/links`, { data: { access: "read" } });
    expect(link.status()).toBe(201);
    const { link: made } = (await link.json()) as { link: { id: string; url: string } };
    const path = new URL(made.url).pathname;

    const signedOut = await reader.newPage();
    await signedOut.goto(path);
    await expect(signedOut.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(signedOut.getByTestId("webapp-status-0")).toHaveText("Running", { timeout: 20_000 });
    const frame = signedOut.frameLocator('[data-testid="webapp-frame-0"]');
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(HEADING, { timeout: 20_000 });
    // A reader changes nothing: no Deploy, Stop or Redeploy.
    for (const control of ["deploy-0", "stop-0", "redeploy-0"]) await expect(signedOut.getByTestId(control)).toHaveCount(0);

    const [opened] = await Promise.all([signedOut.waitForEvent("popup"), signedOut.getByTestId("open-0").click()]);
    await expect(opened.getByRole("heading", { level: 1 })).toHaveText(HEADING, { timeout: 20_000 });
    await signedOut.screenshot({ path: "test-results/screenshots/shared-link-webapp.png", fullPage: true });

    // Revoked: the app's own tab stops at its next request.
    expect((await page.request.delete(`/api/notebooks/${id}/links/${made.id}`)).status()).toBe(204);
    const again = await opened.reload();
    expect(again?.status()).toBe(404);
  } finally {
    await reader.close();
    if (appId) await page.request.delete(`/api/apps/${appId}`);
    await page.request.delete(`/api/notebooks/${id}`);
  }
});
