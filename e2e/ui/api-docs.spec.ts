import { expect, test } from "@playwright/test";

test("the API reference at /api/docs renders Runnel's OpenAPI document, served by Runnel itself", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost" && url.protocol.startsWith("http")) foreign.push(request.url());
  });
  await page.goto("/api/docs");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Runnel");
  // An operation from the document, expanded: its request body comes from the route's zod schema.
  const signup = page.locator(".opblock-summary", { hasText: "/api/auth/signup" });
  await expect(signup).toBeVisible();
  await signup.click();
  await expect(page.locator(".opblock-body").first()).toContainText("password");
  await page.screenshot({ path: "test-results/screenshots/api-docs.png", fullPage: false });
  expect(foreign).toEqual([]);
});
