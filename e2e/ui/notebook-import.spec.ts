import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

const cell = (source: string, stdout: string) => ({
  cell_type: "code",
  execution_count: 1,
  metadata: {},
  source,
  outputs: [{ output_type: "stream", name: "stdout", text: stdout }],
});

const IPYNB = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "python3", display_name: "Python 3", language: "python" } },
  cells: [
    { cell_type: "markdown", metadata: {}, source: "# Imported from Jupyter\n\nTwo cells with recorded outputs." },
    cell("print('hello from jupyter')", "hello from jupyter\n"),
    cell("print(1 + 1)", "3\n"),
  ],
};

test("an .ipynb imported from the dashboard runs, with one expected output matching and one differing", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Importer");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);

  await page.getByTestId("import-file").setInputFiles({
    name: "analysis.ipynb",
    mimeType: "application/x-ipynb+json",
    buffer: Buffer.from(JSON.stringify(IPYNB)),
  });
  await expect(page).toHaveURL(/\/notebooks\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Imported from Jupyter" }).first()).toBeVisible();

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 30_000 });
  await expect(page.getByTestId("expected-0-0")).toHaveAttribute("data-matched", "true");
  await expect(page.getByTestId("expected-0-0")).toContainText("matches");

  await page.getByTestId("run-1").click();
  await expect(page.getByTestId("exit-1")).toContainText("exit 0", { timeout: 30_000 });
  await expect(page.getByTestId("expected-1-0")).toHaveAttribute("data-matched", "false");
  await expect(page.getByTestId("expected-1-0")).toContainText("differs");
  await expect(page.getByTestId("expected-diff-1-0")).toContainText("-3");
  await expect(page.getByTestId("expected-diff-1-0")).toContainText("+2");

  // The export menu's Jupyter download gives the cells back.
  await page.getByTestId("export-menu").locator("summary").click();
  const href = await page.getByRole("link", { name: "Jupyter (.ipynb)" }).getAttribute("href");
  const exported = await page.request.get(href!);
  expect(exported.status()).toBe(200);
  const ipynb = await exported.json();
  expect(ipynb.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(["markdown", "code", "code"]);
});

test("a file that is not a notebook is refused on the dashboard with a sentence", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Importer");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);
  await page.getByTestId("import-file").setInputFiles({ name: "notes.ipynb", mimeType: "text/plain", buffer: Buffer.from("just text") });
  await expect(page.getByTestId("import-error")).toHaveText("The file is not JSON, so it is not a Jupyter notebook (.ipynb).");
  await expect(page).toHaveURL(/\/notebooks$/);
});
