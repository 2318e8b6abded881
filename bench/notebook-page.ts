// The notebook page as an author meets it: a 30-block notebook opened in Chromium against the
// production build. "First load" runs from the navigation's start until the page is hydrated with
// its last block drawn, and until the editor is ready, each time in a fresh browser context (no
// cache, as on a first visit).
// "Keystroke to frame" types into the editor and waits for the next painted frame: the preview
// is deferred, so this should stay a small fraction of a 60 Hz frame budget times a few.
import { loadavg } from "node:os";
import { chromium, type Browser } from "@playwright/test";
import { BenchClient } from "./http-client";
import { summarize, type Sample } from "./measure";
import { ensureProductionBuild } from "./production-build";
import { BenchServer, freePort } from "./server-process";

const DATA_DIR = ".data/bench-page";
const BLOCKS = 30;
const FENCE = "```";
const RUNTIMES = ["python", "node", "bash", "go", "r"] as const;

/** Prose, a table and 30 blocks: a file block, then runnable blocks in every runtime. */
export function thirtyBlockNotebook(): string {
  const parts = ["# Thirty blocks", "", "| block | runtime |", "| --- | --- |", "| 0 | file |", "", `${FENCE}file csv data/values.csv`, "x,y", "1,2", "3,4", FENCE];
  for (let i = 1; i < BLOCKS; i++) {
    const runtime = RUNTIMES[i % RUNTIMES.length]!;
    parts.push("", `## Step ${i}`, "", `Block ${i} runs **${runtime}** and reads \`data/values.csv\`.`, "", `${FENCE}runnable ${runtime}`, codeFor(runtime, i), FENCE);
  }
  return parts.join("\n") + "\n";
}

function codeFor(runtime: (typeof RUNTIMES)[number], i: number): string {
  switch (runtime) {
    case "python":
      return `import csv\nrows = list(csv.DictReader(open("data/values.csv")))\nprint(${i}, len(rows))`;
    case "node":
      return `const text = require("node:fs").readFileSync("data/values.csv", "utf8");\nconsole.log(${i}, text.trim().split("\\n").length - 1);`;
    case "bash":
      return `echo ${i} "$(tail -n +2 data/values.csv | wc -l)"`;
    case "go":
      return `package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(${i})\n}`;
    case "r":
      return `values <- read.csv("data/values.csv")\ncat(${i}, nrow(values), "\\n")`;
  }
}

type Load = { interactiveMs: number; editorMs: number };

async function firstLoad(browser: Browser, url: string, cookie: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const [name, value] = cookie.split(";")[0]!.split("=");
    await context.addCookies([{ name: name!, value: value!, url }]);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    // The page sets User Timing marks, timed from the navigation's start in the browser itself:
    // hydrated (Run buttons and Shift+Enter work), then CodeMirror ready (it loads after the first
    // paint, on purpose). Waiting on them here adds nothing to what is measured.
    const mark = (name: string) =>
      page
        .waitForFunction((markName) => performance.getEntriesByName(markName, "mark")[0]?.startTime, name, { polling: "raf" })
        .then((handle) => handle.jsonValue() as Promise<number>);
    const interactiveMs = await mark("runnel:notebook-interactive");
    const editorMs = await mark("runnel:editor-ready");
    if ((await page.getByTestId(`block-${BLOCKS - 1}`).count()) !== 1) throw new Error("The notebook page did not show its last block.");
    return { interactiveMs, editorMs };
  } finally {
    await context.close();
  }
}

async function keystrokes(browser: Browser, url: string, cookie: string, count: number): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const [name, value] = cookie.split(";")[0]!.split("=");
    await context.addCookies([{ name: name!, value: value!, url }]);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await page.keyboard.type("x");
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await context.close();
  }
}

export async function benchNotebookPage({ loads = 9, keys = 40 } = {}): Promise<{ samples: Sample[]; notes: string[] }> {
  // BENCH_NEXT_DIST_DIR measures another build (an engineer's own) instead of .next.
  const distDir = process.env.BENCH_NEXT_DIST_DIR;
  const notes = distDir ? [`notebook page measured on the ${distDir} build`] : await ensureProductionBuild();
  const env: Record<string, string> = { WARM_POOL_SIZE: "0", ...(distDir ? { NEXT_DIST_DIR: distDir } : {}) };
  const server = await BenchServer.start({ dataDir: DATA_DIR, port: await freePort(3950), env });
  let browser: Browser | undefined;
  try {
    const client = await BenchClient.signUp(server.baseUrl);
    const url = `${server.baseUrl}/notebooks/${await client.createNotebook(thirtyBlockNotebook(), "Thirty blocks")}`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    // One untimed load lets the server compile and cache what a first request warms.
    await firstLoad(browser, url, client.cookie);
    const times: Load[] = [];
    for (let i = 0; i < loads; i++) times.push(await firstLoad(browser, url, client.cookie));
    const typing = await keystrokes(browser, url, client.cookie, keys);
    notes.push(`load average (1, 5, 15 min) ${loadavg().map((value) => value.toFixed(1)).join(" ")} after the notebook page bench`);
    return {
      samples: [
        summarize(
          "notebook page first load, 30 blocks",
          times.map((load) => load.interactiveMs),
          { underMs: 2000, note: "fresh browser context; navigation start to hydrated" },
        ),
        summarize(
          "notebook page first load to editor ready",
          times.map((load) => load.editorMs),
          { note: "CodeMirror is loaded after the first paint" },
        ),
        summarize("editor keystroke to next frame, 30 blocks", typing, { note: "preview updates deferred" }),
      ],
      notes,
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// `npx tsx bench/notebook-page.ts` runs this module alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { samples, notes } = await benchNotebookPage();
  const { printReport } = await import("./report");
  printReport(samples, [], notes);
}
