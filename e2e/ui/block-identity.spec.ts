import { expect, test } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

const FENCE = "```";

const THREE_BLOCKS = ["one", "two", "three"].map((word) => `${FENCE}runnable bash\necho ${word}\n${FENCE}\n`).join("\n");

test("a block inserted above three run blocks leaves every output with its own block, before and after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "Block Ids");
  const id = await createNotebook(page, "Ids", THREE_BLOCKS);
  await page.goto(`/notebooks/${id}`);
  for (const [index, word] of ["one", "two", "three"].entries()) {
    await page.getByTestId(`run-${index}`).click();
    await expect(page.getByTestId(`output-${index}`)).toHaveText(`${word}\n`, { timeout: 60_000 });
  }

  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type(`${FENCE}runnable bash\necho inserted\n${FENCE}\n\n`);
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  // The saved copy gave the new block an id, and the editor shows it.
  await expect(page.locator(".cm-content")).toContainText(/runnable bash id=[a-z][a-z0-9]{7}/);

  const expectOutputsMoved = async () => {
    await expect(page.getByTestId("block-0")).toContainText("echo inserted");
    await expect(page.getByTestId("output-0")).toHaveCount(0);
    await expect(page.getByTestId("output-1")).toHaveText("one\n");
    await expect(page.getByTestId("output-2")).toHaveText("two\n");
    await expect(page.getByTestId("output-3")).toHaveText("three\n");
  };
  await expectOutputsMoved();
  // Each exit line (code and duration) reads the same after the reload as it did live.
  const exits = async () => Promise.all([1, 2, 3].map((index) => page.getByTestId(`exit-${index}`).innerText()));
  const liveExits = await exits();
  await page.reload();
  await expect(page.getByTestId("session-status")).toHaveText("ready");
  await expectOutputsMoved();
  expect(await exits()).toEqual(liveExits);
  await page.screenshot({ path: "test-results/screenshots/block-identity.png", fullPage: true });

  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");
});
