import { expect, test, type Locator } from "@playwright/test";
import { signUpInBrowser } from "../support/browser-user";

/** The lightness (0–1) of a computed colour, as Chromium reports it: oklch(), lab() or rgb(). */
async function lightness(locator: Locator, property: "color" | "background-color"): Promise<number> {
  const value = await locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  const oklch = /^oklch\(([\d.]+)(%?)/.exec(value);
  if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1);
  const lab = /^(?:ok)?lab\(([\d.]+)/.exec(value);
  if (lab) return Number(lab[1]) / (value.startsWith("ok") ? 1 : 100);
  const [r, g, b] = (value.match(/[\d.]+/g) ?? []).map(Number);
  return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3 / 255;
}

test("the page follows the system's dark setting: dark page, light text, and block output still drawn dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signUpInBrowser(page, "Night owl");
  await page.getByRole("link", { name: /Welcome to Runnel/ }).click();
  await expect(page.getByTestId("run-1")).toBeVisible();
  const body = page.locator("body");
  expect(await lightness(body, "background-color")).toBeLessThan(0.3);
  expect(await lightness(body, "color")).toBeGreaterThan(0.8);
  const card = page.getByTestId("block-0");
  expect(await lightness(card, "background-color")).toBeLessThan(0.3);
  // The chosen mode reads as chosen: its text stands out from its background (a dark toggle, as in the light theme).
  const chosen = page.getByTestId("mode-shared");
  await expect(chosen).toHaveAttribute("aria-checked", "true");
  expect(Math.abs((await lightness(chosen, "color")) - (await lightness(chosen, "background-color")))).toBeGreaterThan(0.5);

  // The editor uses CodeMirror's dark theme: light text on a dark background.
  const editor = page.locator(".cm-editor");
  expect(await lightness(editor, "background-color")).toBeLessThan(0.3);
  expect(await lightness(page.locator(".cm-content"), "color")).toBeGreaterThan(0.6);

  // Block output is a dark terminal in both themes: dark behind, light text.
  await page.getByTestId("run-3").click();
  const output = page.getByTestId("output-3");
  await expect(output).toContainText("Bash:", { timeout: 60_000 });
  expect(await lightness(output.locator(".."), "background-color")).toBeLessThan(0.3);
  expect(await lightness(output, "color")).toBeGreaterThan(0.8);
  await page.screenshot({ path: "test-results/screenshots/dark-theme.png", fullPage: false });

  await page.emulateMedia({ colorScheme: "light" });
  expect(await lightness(body, "background-color")).toBeGreaterThan(0.9);
  expect(await lightness(body, "color")).toBeLessThan(0.3);
});

test("links and error sentences are drawn light on the dark page (sky-700 and red-700 read only on white)", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signUpInBrowser(page, "Night reader");
  await page.goto("/notebooks/00000000-0000-4000-8000-000000000000");
  const link = page.getByTestId("not-found").getByRole("link", { name: "Your notebooks" });
  await expect(link).toBeVisible();
  expect(await lightness(page.locator("body"), "background-color")).toBeLessThan(0.3);
  expect(await lightness(link, "color")).toBeGreaterThan(0.65);

  // Error sentences (red-700) and the accents' other text shades, as the stylesheet draws them
  // on the dark page: a probe element per class, since no page shows them all at once.
  for (const shade of ["text-red-700", "text-red-600", "text-amber-700", "text-emerald-700", "text-violet-700"]) {
    const probe = await page.evaluate((name) => {
      const element = document.createElement("p");
      element.className = name;
      element.textContent = name;
      element.id = `probe-${name}`;
      document.querySelector("main")!.append(element);
      return element.id;
    }, shade);
    expect(await lightness(page.locator(`#${probe}`), "color"), shade).toBeGreaterThan(0.65);
  }
});
