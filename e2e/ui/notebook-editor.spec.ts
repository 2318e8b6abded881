import { expect, test, type Page } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

const FENCE = "```";

// A file block and one runnable block per runtime, each reading the file.
const RUNTIMES_NOTEBOOK = `# Every runtime

${FENCE}file csv data/people.csv
name,age
Ada,36
Linus,54
${FENCE}

${FENCE}runnable python
import csv
rows = list(csv.DictReader(open("data/people.csv")))
print("python", len(rows), rows[0]["name"])
${FENCE}

${FENCE}runnable node
const rows = require("node:fs").readFileSync("data/people.csv", "utf8").trim().split("\\n").slice(1);
console.log("node", rows.length, rows[1].split(",")[0]);
${FENCE}

${FENCE}runnable bash
echo "bash $(tail -n +2 data/people.csv | wc -l) $(tail -n 1 data/people.csv | cut -d, -f2)"
printf '\\033[1;31mred bold\\033[0m plain\\n'
${FENCE}

${FENCE}runnable go
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	data, _ := os.ReadFile("data/people.csv")
	lines := strings.Split(strings.TrimSpace(string(data)), "\\n")
	fmt.Println("go", len(lines)-1, strings.Split(lines[2], ",")[1])
}
${FENCE}

${FENCE}runnable r
people <- read.csv("data/people.csv")
cat("r", nrow(people), sum(people$age), "\\n")
${FENCE}
`;

const EXPECTED = ["python 2 Ada\n", "node 2 Linus\n", "bash 2 54\nred bold plain\n", "go 2 54\n", "r 2 90 \n"];

/** Puts the cursor at the end of the CodeMirror document. */
async function editorEnd(page: Page): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
}

test("a new account has the welcome notebook, and every runtime reads a file block, streams, and is back after a reload", async ({ page }) => {
  test.setTimeout(240_000);
  await signUpInBrowser(page, "Runtime Reader");
  await expect(page.getByRole("link", { name: /Welcome to Runnel/ })).toBeVisible();
  await page.getByRole("link", { name: /Welcome to Runnel/ }).click();
  const preview = page.getByTestId("notebook-preview");
  await expect(preview.getByRole("table")).toBeVisible();
  await expect(preview.getByRole("checkbox")).toHaveCount(3);
  await expect(preview.getByTestId("block-0")).toContainText("data/planets.csv");
  await expect(preview.getByTestId("block-8")).toContainText("webapp");
  await expect(page.locator(".cm-content")).toContainText("# Welcome to Runnel");
  // The welcome notebook runs in every runtime as it comes.
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("output-5")).toHaveText("R: mean number of moons 19.6 \n", { timeout: 120_000 });
  await expect(page.getByTestId("output-1")).toHaveText("Python: 5 planets, 98 moons\n");
  await expect(page.getByTestId("output-2")).toHaveText("Node: Jupiter has the most moons (95)\n");
  await expect(page.getByTestId("output-3")).toHaveText("Bash: 5 planets\ncolours and styles from the terminal are kept\n");
  await expect(page.getByTestId("output-4")).toHaveText("Go: the first planet is Mercury\n");
  // Both modes: the kernel kept `planets`; the block marked isolated ran alone.
  await expect(page.getByTestId("output-6")).toHaveText("Still in memory: 5 planets\n", { timeout: 60_000 });
  await expect(page.getByTestId("output-7")).toHaveText("A fresh process sees planets: False\n", { timeout: 60_000 });
  await expect(page.getByTestId("fresh-process-7")).toHaveText("runs alone in a fresh process");
  await expect(page.getByTestId("fresh-process-4")).toContainText("one-shot");
  await expect(page.getByTestId("run-all")).toHaveText("Run all");
  await page.screenshot({ path: "test-results/screenshots/welcome-notebook.png", fullPage: true });
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");

  const id = await createNotebook(page, "Every runtime", RUNTIMES_NOTEBOOK);
  await page.goto(`/notebooks/${id}`);
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  // Fenced code in the editor is highlighted as its runtime's language: Python's keyword is a token of its own.
  await expect(page.locator(".cm-content span", { hasText: /^import$/ }).first()).toBeVisible();
  for (const [i, expected] of EXPECTED.entries()) {
    const index = i + 1;
    if (index === 2) {
      // Shift+Enter runs the focused block.
      await page.getByTestId(`block-${index}`).focus();
      await page.keyboard.press("Shift+Enter");
    } else {
      await page.getByTestId(`run-${index}`).click();
    }
    await expect(page.getByTestId(`output-${index}`)).toHaveText(expected, { timeout: 90_000 });
    await expect(page.getByTestId(`exit-${index}`)).toContainText("exit 0");
  }
  // ANSI colours are drawn, the escapes themselves are gone.
  const red = page.getByTestId("output-3").getByText("red bold", { exact: true });
  await expect(red).toHaveCSS("font-weight", "700");
  await expect(red).toHaveCSS("color", "rgb(239, 68, 68)");
  await page.screenshot({ path: "test-results/screenshots/every-runtime.png", fullPage: true });

  await page.reload();
  await expect(page.getByTestId("session-status")).toHaveText("ready");
  for (const [i, expected] of EXPECTED.entries()) {
    await expect(page.getByTestId(`output-${i + 1}`)).toHaveText(expected);
    await expect(page.getByTestId(`exit-${i + 1}`)).toContainText("exit 0");
  }

  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");
});

test("Run all stops at the first failure, a parse error shows at its block while typing, and an ended session is explained and restarted", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpInBrowser(page, "Run All");
  const content = `# Run all\n\n${FENCE}runnable bash\necho first\n${FENCE}\n\n${FENCE}runnable bash\necho failing >&2; exit 3\n${FENCE}\n\n${FENCE}runnable bash\necho never\n${FENCE}\n`;
  const id = await createNotebook(page, "Run all", content);
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-all").click();
  await expect(page.getByTestId("output-0")).toHaveText("first\n", { timeout: 60_000 });
  await expect(page.getByTestId("exit-1")).toContainText("exit 3", { timeout: 30_000 });
  await expect(page.getByTestId("run-all")).toHaveText("Run all");
  await expect(page.getByTestId("output-2")).toHaveCount(0);

  await editorEnd(page);
  await page.keyboard.type("\n```runnable cobol\nDISPLAY 'x'\n```\n");
  await expect(page.getByTestId("block-error-3")).toContainText('Unknown runtime "cobol"');
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  const saved = await page.request.get(`/api/notebooks/${id}`);
  expect(((await saved.json()) as { notebook: { content: string } }).notebook.content).toContain("runnable cobol");
  await page.screenshot({ path: "test-results/screenshots/run-all.png", fullPage: true });

  // The session ends behind the page's back: the Run finds out, the page says so, and one click
  // starts a new one. The page's 5 s session poll is held meanwhile: when it lands between the
  // DELETE and the click (it did on a loaded CI machine), the page knows before the Run and that
  // Run starts the new session itself, which is the poll's path, checked below.
  await expect(page.getByTestId("session-expires")).toContainText("idle until");
  const sessionPoll = /\/api\/sessions\/[^/]+$/;
  await page.route(sessionPoll, (route) => route.abort());
  expect((await page.request.delete(`/api/notebooks/${id}/session`)).status()).toBe(204);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("error-0")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("session-status")).toHaveText("ended");
  await expect(page.getByTestId("session-ended")).toBeVisible();
  await page.unroute(sessionPoll);
  await page.getByRole("button", { name: "Start again" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("ready", { timeout: 30_000 });
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 30_000 });

  // Ended behind its back again, and this time the poll tells the page before any Run does.
  expect((await page.request.delete(`/api/notebooks/${id}/session`)).status()).toBe(204);
  await expect(page.getByTestId("session-ended")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("session-status")).toHaveText("ended");
  await expect(page.getByTestId("stale-0")).toBeVisible();
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("session-status")).toHaveText("ready", { timeout: 30_000 });
  await expect(page.getByTestId("stale-0")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("exit-0")).toContainText("exit 0");

  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("session-status")).toHaveText("none");
});

test("edits in two tabs end in a conflict the author resolves, never a silent overwrite", async ({ page, context }) => {
  await signUpInBrowser(page, "Two Tabs");
  const id = await createNotebook(page, "Two tabs", "# Two tabs\n\nStart.\n");
  await page.goto(`/notebooks/${id}`);
  const other = await context.newPage();
  await other.goto(`/notebooks/${id}`);
  await expect(other.locator(".cm-content")).toContainText("Start.");

  await editorEnd(page);
  await page.keyboard.type("From tab one.");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  await expect(page.getByTestId("notebook-preview")).toContainText("From tab one.");

  await editorEnd(other);
  await other.keyboard.type("From tab two.");
  const banner = other.getByTestId("conflict-banner");
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(other.getByTestId("conflict-theirs")).toContainText("From tab one.");
  await expect(other.getByTestId("conflict-mine")).toContainText("From tab two.");
  await expect(other.getByTestId("save-status")).toHaveText("Not saved: changed elsewhere");
  await other.screenshot({ path: "test-results/screenshots/conflict.png", fullPage: true });
  const stillTheirs = await page.request.get(`/api/notebooks/${id}`);
  expect(((await stillTheirs.json()) as { notebook: { content: string } }).notebook.content).not.toContain("From tab two.");

  // Reload theirs in the second tab, edit again, and overwrite knowingly from the first.
  await other.getByRole("button", { name: "Reload theirs" }).click();
  await expect(banner).toHaveCount(0);
  await expect(other.locator(".cm-content")).toContainText("From tab one.");
  await expect(other.locator(".cm-content")).not.toContainText("From tab two.");
  await editorEnd(other);
  await other.keyboard.type(" Two again.");
  await expect(other.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });

  await editorEnd(page);
  await page.keyboard.type(" One wins.");
  await expect(page.getByTestId("conflict-banner")).toBeVisible({ timeout: 10_000 });
  await page.getByRole("button", { name: "Overwrite with mine" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });
  const final = await page.request.get(`/api/notebooks/${id}`);
  const { notebook } = (await final.json()) as { notebook: { content: string } };
  expect(notebook.content).toContain("From tab one. One wins.");
  expect(notebook.content).not.toContain("Two again.");
});

test("another user gets 404 for someone else's notebook, and a logged-out browser is sent to log in", async ({ page, browser }) => {
  await signUpInBrowser(page, "Owner");
  const id = await createNotebook(page, "Private", "# Private\n");

  const strangerContext = await browser.newContext();
  try {
    const stranger = await strangerContext.newPage();
    await signUpInBrowser(stranger, "Stranger");
    const response = await stranger.goto(`/notebooks/${id}`);
    expect(response?.status()).toBe(404);
    expect((await stranger.request.get(`/api/notebooks/${id}`)).status()).toBe(404);
    expect((await stranger.request.patch(`/api/notebooks/${id}`, { data: { content: "mine now", baseVersion: 1 } })).status()).toBe(404);
  } finally {
    await strangerContext.close();
  }

  await page.goto(`/notebooks/${id}`);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`/notebooks/${id}`);
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get(`/api/notebooks/${id}`)).status()).toBe(401);
});
