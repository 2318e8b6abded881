import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { runQuietly } from "./run-quietly";

const DIST = ".next";
const ROUTES = ["/api/health", "/api/auth/signup", "/api/notebooks", "/api/notebooks/[id]/session", "/api/executions", "/api/r/run"];
const SOURCES = ["app", "lib", "components", "server.ts"];

function missingReason(): string | undefined {
  if (!existsSync(path.join(DIST, "BUILD_ID"))) return `${DIST}/BUILD_ID is missing`;
  const manifest = path.join(DIST, "app-path-routes-manifest.json");
  const routes = existsSync(manifest) ? Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>) : [];
  const missing = ROUTES.filter((route) => !routes.includes(route));
  return missing.length ? `the ${DIST} build has no ${missing.join(", ")}` : undefined;
}

function newestSource(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/**
 * The bench measures the production build in .next. It builds one when there is none (or it
 * predates the API it drives); an older build is used as it is, with a note that says so.
 */
export async function ensureProductionBuild(): Promise<string[]> {
  const reason = process.env.BENCH_REBUILD ? "BENCH_REBUILD is set" : missingReason();
  if (reason) {
    console.log(`building ${DIST} first (${reason}): npx next build …`);
    await runQuietly("npx", ["next", "build"], { ...process.env, NEXT_DIST_DIR: DIST });
    return [`built ${DIST} first: ${reason}`];
  }
  const builtAt = statSync(path.join(DIST, "BUILD_ID")).mtimeMs;
  const newest = Math.max(...SOURCES.filter((entry) => existsSync(entry)).map(newestSource));
  return newest > builtAt
    ? [`${DIST} was built ${new Date(builtAt).toISOString()}, before the latest source change (${new Date(newest).toISOString()}); BENCH_REBUILD=1 rebuilds`]
    : [];
}
