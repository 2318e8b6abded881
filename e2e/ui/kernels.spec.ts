import { expect, test } from "@playwright/test";
import { createNotebook, signUpInBrowser } from "../support/browser-user";

// A shared notebook (the default: no front matter) in Chromium, run as a reader would.
const SHARED = `# Planets

\`\`\`runnable python id=load
import pandas as pd
df = pd.DataFrame({"planet": ["Mercury", "Venus", "Earth"], "moons": [0, 0, 1]})
answer = 41
\`\`\`

\`\`\`runnable python id=plot
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], [1, 4, 9])
\`\`\`

\`\`\`runnable python id=show
answer += 1
print("answer", answer)
df
\`\`\`
`;

// HTML output whose script tries to reach Runnel: cookies, the page's DOM, storage, the API.
const HOSTILE = `# Hostile HTML

\`\`\`runnable python id=html
from IPython.display import HTML, display
display(HTML("""<p id="report">waiting</p><script>
const out = [];
try { out.push("cookie=" + JSON.stringify(document.cookie)); } catch (e) { out.push("cookie blocked: " + e.name); }
try { out.push("parent=" + parent.document.title); parent.document.body.innerHTML = "pwned"; } catch (e) { out.push("parent blocked: " + e.name); }
try { out.push("top=" + top.location.href); } catch (e) { out.push("top blocked: " + e.name); }
try { out.push("storage=" + localStorage.length); } catch (e) { out.push("storage blocked: " + e.name); }
fetch("/api/auth/me", { credentials: "include" })
  .then((r) => r.text().then((t) => out.push("fetch " + r.status + " " + t)))
  .catch(() => out.push("fetch blocked"))
  .finally(() => { document.getElementById("report").textContent = out.join("; "); });
</script>"""))
\`\`\`
`;

const INPUT = `# Input

\`\`\`runnable python id=ask
name = input("Your name? ")
print("hello", name)
\`\`\`
`;

test("a shared notebook: running only the last block runs the two above first, and shows a DataFrame as a table and a plot without savefig", async ({ page }) => {
  test.setTimeout(240_000);
  await signUpInBrowser(page, "Kernel Reader");
  const id = await createNotebook(page, "Planets", SHARED);
  await page.goto(`/notebooks/${id}`);
  await expect(page.getByTestId("notebook-mode")).toHaveAttribute("data-state", "shared");

  await page.getByTestId("run-2").click();
  await expect(page.getByTestId("exit-2")).toContainText("exit 0", { timeout: 180_000 });
  // The chain ran the blocks above, each with its own output: `answer` from two blocks up is there.
  await expect(page.getByTestId("exit-0")).toContainText("exit 0");
  await expect(page.getByTestId("exit-1")).toContainText("exit 0");
  await expect(page.getByTestId("output-2")).toContainText("answer 42");

  // The DataFrame is a table, drawn in the output's sandboxed frame.
  const frame = page.getByTestId("block-2").frameLocator('[data-testid="html-output"]');
  await expect(frame.locator("table")).toContainText("Earth");
  await expect(frame.locator("table tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("block-2").getByTestId("html-output")).toHaveAttribute("sandbox", "allow-scripts");

  // plt.plot's figure, drawn by the inline backend: a decoded image, no savefig.
  const plot = page.getByTestId("block-1").getByTestId("image-output");
  await expect(plot).toBeVisible();
  expect(await plot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);

  // The kernels are in the session bar.
  await expect(page.getByTestId("kernel-python")).toBeVisible();

  // The outputs are stored: a reload shows the same table and figure.
  await page.reload();
  await expect(page.getByTestId("block-2").frameLocator('[data-testid="html-output"]').locator("table")).toContainText("Earth", { timeout: 30_000 });
  await expect(page.getByTestId("block-1").getByTestId("image-output")).toBeVisible();

  // Restarting python's kernel loses its state: every output is now marked out of date.
  await page.getByTestId("restart-python").click();
  await expect(page.getByTestId("stale-0")).toContainText("python kernel", { timeout: 30_000 });
  await expect(page.getByTestId("stale-2")).toBeVisible();
  await page.getByTestId("run-2").click();
  await expect(page.getByTestId("output-2")).toContainText("answer 42", { timeout: 120_000 });
  await expect(page.getByTestId("exit-2")).toContainText("exit 0");
  await expect(page.getByTestId("stale-2")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/kernels-shared.png", fullPage: true });
});

test("HTML output's scripts get no cookie, no page DOM, no storage and no API", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Hostile Reader");
  // A cookie page scripts could read, unlike the httpOnly session cookie: the frame must not see it either.
  await page.evaluate(() => {
    document.cookie = "visible=secret-value; path=/";
  });
  const id = await createNotebook(page, "Hostile HTML", HOSTILE);
  await page.goto(`/notebooks/${id}`);
  const title = await page.title();

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 120_000 });
  const report = page.getByTestId("block-0").frameLocator('[data-testid="html-output"]').locator("#report");
  await expect(report).not.toHaveText("waiting", { timeout: 30_000 });
  const text = (await report.textContent()) ?? "";
  expect(text).toContain("cookie blocked: SecurityError");
  expect(text).toContain("parent blocked: SecurityError");
  expect(text).toContain("top blocked: SecurityError");
  expect(text).toContain("storage blocked: SecurityError");
  expect(text).toContain("fetch blocked");
  expect(text).not.toContain("secret-value");
  expect(text).not.toContain("@example.test");
  // The page itself is untouched.
  expect(await page.title()).toBe(title);
  await expect(page.locator("body")).not.toHaveText("pwned");
  await expect(page.getByTestId("run-0")).toBeVisible();
});

test("input() asks in the page and the block goes on with the answer", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Input Reader");
  const id = await createNotebook(page, "Input", INPUT);
  await page.goto(`/notebooks/${id}`);
  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("input-prompt-0")).toContainText("Your name?", { timeout: 120_000 });
  await page.getByTestId("input-field-0").fill("Ada");
  await page.getByTestId("input-field-0").press("Enter");
  await expect(page.getByTestId("output-0")).toContainText("hello Ada", { timeout: 60_000 });
  await expect(page.getByTestId("exit-0")).toContainText("exit 0");
  await expect(page.getByTestId("input-prompt-0")).toHaveCount(0);
});

test("the mode switch writes the front matter, and an isolated notebook's blocks keep nothing", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpInBrowser(page, "Mode Author");
  const id = await createNotebook(page, "Modes", "# Modes\n\n```runnable python id=a\nx = 1\n```\n\n```runnable python id=b\nprint('x' in globals())\n```\n");
  await page.goto(`/notebooks/${id}`);
  await expect(page.getByTestId("mode-shared")).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("mode-isolated").click();
  await expect(page.getByTestId("mode-isolated")).toHaveAttribute("aria-checked", "true");
  await expect(page.locator(".cm-content")).toContainText("state: isolated");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 30_000 });
  const saved = await page.request.get(`/api/notebooks/${id}`);
  const { notebook } = (await saved.json()) as { notebook: { content: string; settings: { state: string } } };
  expect(notebook.content.startsWith("---\nstate: isolated\n---\n")).toBe(true);
  expect(notebook.settings).toEqual({ state: "isolated" });
  // The front matter is a setting, not a heading in the preview.
  await expect(page.getByTestId("notebook-preview")).not.toContainText("state: isolated");

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 120_000 });
  await page.getByTestId("run-1").click();
  await expect(page.getByTestId("output-1")).toHaveText("False\n", { timeout: 120_000 });
});
