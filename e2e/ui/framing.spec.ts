import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

// Clickjacking: a page on another origin (another port of loopback here; a sibling subdomain or
// any site in production) frames a notebook page to trick a click on Share or Delete.

test("a page on another origin cannot frame a notebook page", async ({ page, baseURL }) => {
  const heading = `Framed notebook ${randomUUID().slice(0, 8)}`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Framed");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
  const created = await page.request.post("/api/notebooks", { data: { title: heading, content: `# ${heading}\n` } });
  expect(created.status()).toBe(201);
  const { notebook } = (await created.json()) as { notebook: { id: string } };
  const target = `${baseURL}/notebooks/${notebook.id}`;

  // The page itself works at the top level (so the check below can fail).
  await page.goto(target);
  await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
  const headers = (await page.request.get(target)).headers();
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");

  const attacker = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><h1>Win a prize</h1><iframe id="victim" src="${target}" onload="document.title = 'frame loaded'" width="800" height="600"></iframe>`);
  });
  attacker.listen(0, "127.0.0.1");
  await once(attacker, "listening");
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await expect(page.getByRole("heading", { name: "Win a prize" })).toBeVisible();
    // The frame's load event fires for the error page Chromium shows in place of a refused page.
    await expect(page).toHaveTitle("frame loaded", { timeout: 30_000 });
    await expect(page.frameLocator("#victim").getByRole("heading", { name: heading })).toHaveCount(0);
  } finally {
    attacker.closeAllConnections();
    await new Promise((done) => attacker.close(done));
  }
});
