import { expect, test } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

const FENCE = "```";
// A shared notebook: once block 0 has run, the session's python kernel knows os and runnel_answer.
const NOTEBOOK = `# Completion

${FENCE}runnable python
import os
runnel_answer = 42
${FENCE}

${FENCE}runnable python
print(runnel_an)
os.pa
${FENCE}
`;

test("the editor completes from the live session's kernel: os.pa offers os.path, and a name the kernel holds", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Completion Reader");
  const id = await createNotebook(page, "Completion", NOTEBOOK);
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 150_000 });

  const list = page.locator(".cm-tooltip-autocomplete");
  await page.locator(".cm-line", { hasText: /^os\.pa$/ }).click();
  await page.keyboard.press("End");
  await page.keyboard.type("t");
  // Picked with the mouse: CodeMirror ignores keys for a moment after the list opens or updates
  // (its interactionDelay), which a loaded machine can stretch past a test's next keystroke.
  await list.getByText("os.path", { exact: true }).first().click({ timeout: 20_000 });
  await expect(page.locator(".cm-line", { hasText: /^os\.path$/ })).toBeVisible();

  await page.locator(".cm-line", { hasText: "print(runnel_an)" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Control+Space");
  await list.getByText("runnel_answer", { exact: true }).first().click({ timeout: 20_000 });
  await expect(page.locator(".cm-line", { hasText: "print(runnel_answer)" })).toBeVisible();
});
