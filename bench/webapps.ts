// Web apps: the time from Deploy (the create call) to the first byte the app serves, for the
// static and fastapi templates. Each run deploys a fresh app (new files, so Docker's cache does
// not skip the copy) and polls its published port. Runs in a child process with its own data
// directory, so its settings and database are its own.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarize, type Sample } from "./measure";

const DATA_DIR = ".data/bench-webapps";
const TYPES = ["static", "fastapi"] as const;
type Timings = Record<(typeof TYPES)[number], number[]>;

export async function benchWebapps({ runs = 3 } = {}): Promise<{ samples: Sample[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "measure", String(runs)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATA_DIR, DATABASE_URL: "", APPS_DIR: "", RUNNER_API_KEY: "" },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`the web app bench exited with ${code}`);
  const timings = JSON.parse(output.trim().split("\n").at(-1)!) as Timings;
  return {
    samples: TYPES.map((type) => summarize(`web app ${type}: Deploy → first served byte`, timings[type], { note: "build from the webapp-python image, start, first 200" })),
  };
}

function firstByte(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", agent: false }, (response) => {
      response.once("data", () => resolve(response.statusCode === 200));
      response.on("error", () => resolve(false));
    });
    request.on("error", () => resolve(false));
  });
}

const SOURCES: Record<(typeof TYPES)[number], (n: string) => { name: string; content: string }[]> = {
  static: (n) => [{ name: "index.html", content: `<h1>bench ${n}</h1>` }],
  fastapi: (n) => [{ name: "app.py", content: `from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    return {"run": "${n}"}\n` }],
};

async function measureInProcess(runs: number): Promise<Timings> {
  const { getSettings } = await import("../lib/config/settings");
  const { databaseTarget } = await import("../lib/db/driver-adapter");
  const { migrateDatabase } = await import("../lib/db/migrate-database");
  const { getPrisma, disconnectPrisma } = await import("../lib/db/client");
  const { createApp } = await import("../lib/webapps/create-app");
  const { deleteApp } = await import("../lib/webapps/delete-app");
  const { pendingDeploy } = await import("../lib/webapps/deploy-tasks");
  const { makeZip } = await import("../lib/webapps/testing/make-zip");
  await migrateDatabase(databaseTarget(getSettings()));
  const timings: Timings = { static: [], fastapi: [] };
  for (const type of TYPES) {
    for (let run = 0; run < runs; run++) {
      const id = `bench-${type}-${Date.now().toString(36)}`;
      const started = performance.now();
      try {
        const zip = makeZip(SOURCES[type](id));
        await createApp({ id, name: id, appType: type, port: 8000, env: {}, source: { kind: "zip", zip }, ownerId: null });
        // The app is "running" once its port answers; poll the row, then take the first byte.
        for (;;) {
          const app = await getPrisma().app.findUniqueOrThrow({ where: { id } });
          if (app.status === "failed") throw new Error(`${type} app failed: ${app.statusReason}`);
          if (app.status === "running" && app.hostPort && (await firstByte(app.hostPort))) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        timings[type].push(performance.now() - started);
      } finally {
        await pendingDeploy(id);
        await deleteApp(id);
      }
    }
  }
  await disconnectPrisma();
  return timings;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "measure") {
    const timings = await measureInProcess(Number(process.argv[3] ?? 3));
    rmSync(path.resolve(DATA_DIR), { recursive: true, force: true });
    console.log(JSON.stringify(timings));
  } else {
    const { samples } = await benchWebapps();
    for (const sample of samples) console.log(`${sample.name}: median ${sample.medianMs.toFixed(0)} ms, p95 ${sample.p95Ms.toFixed(0)} ms (${sample.runs} runs)`);
  }
}
