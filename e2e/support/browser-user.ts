import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** Signs a new user up through the page, as a reader would, and waits for the dashboard. */
export async function signUpInBrowser(page: Page, name: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
}

/** Creates a notebook through the API with the page's own cookie; returns its id. */
export async function createNotebook(page: Page, title: string, content: string): Promise<string> {
  const response = await page.request.post("/api/notebooks", { data: { title, content } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { notebook: { id: string } }).notebook.id;
}
