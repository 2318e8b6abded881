import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

// Isolated: a fresh R process with the runtime image's R profile, which draws plots into the run's
// output folder (in a shared notebook IRkernel shows them inline instead; kernel-runs.int.test.ts).
const CONTENT = `---
state: isolated
---

# Stopping distances

\`\`\`runnable r
print(head(cars, 3))
plot(cars)
\`\`\`
`;

test("an R block's plot(cars) shows as an image under the block, with its printed data frame", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("R Reader");
  await page.getByLabel("Email").fill(`${randomUUID()}@example.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/notebooks$/);

  const response = await page.request.post("/api/notebooks", { data: { title: "R plot", content: CONTENT } });
  expect(response.status()).toBe(201);
  const { notebook } = (await response.json()) as { notebook: { id: string } };
  await page.goto(`/notebooks/${notebook.id}`);

  await page.getByTestId("run-0").click();
  await expect(page.getByTestId("exit-0")).toContainText("exit 0", { timeout: 60_000 });
  await expect(page.getByTestId("output-0")).toHaveText("  speed dist\n1     4    2\n2     4   10\n3     7    4\n");

  // No png() in the block: the runtime image's R profile drew into the run's output folder.
  const plot = page.getByRole("img", { name: "plot-001.png" });
  await expect(plot).toBeVisible();
  const size = await plot.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0]));
  expect(size).toEqual([770, 550]);
});
