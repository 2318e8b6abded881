import { expect, test } from "@playwright/test";

test("the home page shows that every dependency is ready", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Runnel" })).toBeVisible();
  await expect(page.getByTestId("health-status")).toHaveText("ready");
  await expect(page.getByTestId("health-docker")).toContainText(/version \d+\.\d+/);
  await expect(page.getByTestId("health-db")).toContainText("embedded PGlite");
  await expect(page.getByTestId("health-image-runtime")).toContainText(/runnel-runtime:[0-9a-f]{12}/);
  await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });
});
