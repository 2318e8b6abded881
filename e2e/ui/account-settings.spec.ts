import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { signUpInBrowser } from "../support/browser-user";

/** A second browser signed in to the same account: what a thief holding a copied cookie has. */
async function copiedSession(browser: Browser, from: BrowserContext): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies(await from.cookies());
  return context;
}

test("the settings page changes the password, signing a copied session out, and makes an API token that expires", async ({ page, browser, baseURL }) => {
  await signUpInBrowser(page, "Settings");
  const thief = await copiedSession(browser, page.context());
  try {
    expect((await thief.request.get(`${baseURL}/api/auth/me`)).status()).toBe(200);

    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);

    // A token that expires in 7 days: shown once, then listed with its expiry.
    await page.getByLabel("Name").fill("nightly job");
    await page.getByLabel("Expires after").selectOption({ label: "7 days" });
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!;
    expect(token).toMatch(/^rnl_[\w-]{43}$/);
    const listed = page.getByTestId("api-tokens").getByRole("listitem").filter({ hasText: "nightly job" });
    await expect(listed).toContainText("never used");
    await expect(listed).toContainText(/expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const mine = await page.request.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status()).toBe(200);

    // A wrong current password is refused, with the API's sentence.
    await page.getByLabel("Current password").fill("not it");
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "current password" })).toHaveText("The current password is not correct.");

    await page.getByLabel("Current password").fill("correct horse battery");
    await page.getByLabel("New password").fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

    // The copied cookie is dead; this browser is still signed in, and the token still works.
    expect((await thief.request.get(`${baseURL}/api/auth/me`)).status()).toBe(401);
    expect((await page.request.get("/api/auth/me")).status()).toBe(200);
    expect((await page.request.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

    // Sign out everywhere, this browser included.
    await page.getByLabel("Keep this browser signed in").uncheck();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  } finally {
    await thief.close();
  }
});
