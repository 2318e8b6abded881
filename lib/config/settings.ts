import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseByteSize } from "./byte-size";

// Every setting is an environment variable (a .env file is read by the entry points).
// The README's settings table mirrors this schema; keep them together.
const port = z.coerce.number().int().min(1).max(65535);
const byteSize = z.string().transform((text, context) => {
  const bytes = parseByteSize(text);
  if (bytes === null) {
    context.addIssue({ code: "custom", message: `"${text}" is not a size like 512m or 2g` });
    return z.NEVER;
  }
  return bytes;
});

const addressRanges = z
  .string()
  .transform((text) => text.split(",").map((entry) => entry.trim()).filter(Boolean))
  .refine((entries) => entries.every((entry) => /^[^/]+(\/\d{1,3})?$/.test(entry) && isIP(entry.split("/")[0]!) !== 0), "must be IP addresses or CIDR ranges, separated by commas");

export const settingsSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("./.data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DOCKER_SOCKET: z.string().min(1).default("/var/run/docker.sock"),
  RUNTIME_IMAGE: z.string().min(1).optional(),
  // Signs session cookies. Unset: a random one is kept in DATA_DIR/jwt-secret (lib/auth/jwt-secret.ts).
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Limits of every notebook session container (the seed's defaults).
  SESSION_CPUS: z.coerce.number().positive().max(64).default(1),
  SESSION_MEMORY: byteSize.default(512 * 1024 ** 2),
  SESSION_PIDS: z.coerce.number().int().min(10).max(10_000).default(100),
  SESSION_DISK: byteSize.default(256 * 1024 ** 2),
  WARM_POOL_SIZE: z.coerce.number().int().min(0).max(50).default(2),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  EXEC_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(30),
  EXEC_TIMEOUT_MAX_SECONDS: z.coerce.number().int().positive().default(300),
  EXEC_OUTPUT_MAX_BYTES: byteSize.default(1024 ** 2),
  // Output events per run (a flushed piece of text, a display, an update, a clear): one byte
  // flushed at a time stays within the byte cap's reach while costing the server an event each.
  MAX_RUN_EVENTS: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  // One rich output (a MIME bundle: a plot, a table); below the 1 MiB bound on a line from the agent.
  EXEC_DISPLAY_MAX_BYTES: byteSize.pipe(z.number().max(900 * 1024, "must be at most 900k (a line from the agent is at most 1 MiB)")).default(512 * 1024),
  ARTIFACT_MAX_COUNT: z.coerce.number().int().min(0).max(1000).default(20),
  ARTIFACT_MAX_BYTES: byteSize.default(10 * 1024 ** 2),
  // Limits per account and per host; past one the answer is a 429 naming it (lib/limits).
  MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(5),
  // Unset: as many as fit into three quarters of the host's memory (lib/limits/host-session-limit.ts).
  MAX_SESSIONS: z.coerce.number().int().min(1).max(100_000).optional(),
  MAX_RUNS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(4),
  MAX_R_RUNS_PER_CALLER: z.coerce.number().int().min(1).max(1000).default(4),
  MAX_R_RUNS: z.coerce.number().int().min(1).max(10_000).default(8),
  // Web apps (the webapp runner seed). APPS_DIR defaults to DATA_DIR/apps.
  APPS_DIR: z.string().min(1).optional(),
  TEMPLATES_DIR: z.string().min(1).default("runtime-image/templates"),
  APPS_DOMAIN: z.string().min(1).default("apps.localhost"),
  // Traefik routing labels on every app container (the seed's names). DOMAIN unset: APPS_DOMAIN.
  DOMAIN: z.string().min(1).optional(),
  DOCKER_NETWORK: z.string().min(1).default("runnel-apps"),
  TRAEFIK_ENTRYPOINT: z.string().min(1).default("web"),
  // The seed's X-API-Key; unset or empty: only signed-in users and API tokens manage apps.
  RUNNER_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  DEFAULT_MEMORY_LIMIT: byteSize.default(2 * 1024 ** 3),
  DEFAULT_CPU_LIMIT: z.coerce.number().positive().max(64).default(1),
  ALLOW_FILE_GIT_URLS: z.enum(["0", "1"]).default("0").transform((value) => value === "1"),
  // `1`: a docker app runs as its image's USER (root included); otherwise as uid 1000.
  APP_ALLOW_ROOT: z.enum(["0", "1"]).default("0").transform((value) => value === "1"),
  // Per account: apps (a notebook block's included) and app uploads under way at once.
  APP_MAX_PER_USER: z.coerce.number().int().min(1).default(20),
  APP_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).default(2),
  APP_MAX_UPLOAD_BYTES: byteSize.default(50 * 1024 ** 2),
  APP_MAX_UNPACKED_BYTES: byteSize.default(200 * 1024 ** 2),
  APP_MAX_FILES: z.coerce.number().int().min(1).max(100_000).default(5000),
  GIT_CLONE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
  // `1`: Git hosts on loopback, private or link-local networks may be cloned from (air-gapped).
  GIT_ALLOW_PRIVATE_HOSTS: z.enum(["0", "1"]).default("0").transform((value) => value === "1"),
  // App image builds: no network unless allowed (pip needs it for requirements.txt), and limits.
  BUILD_ALLOW_NETWORK: z.enum(["0", "1"]).default("0").transform((value) => value === "1"),
  BUILD_MEMORY: byteSize.default(2 * 1024 ** 3),
  BUILD_CPUS: z.coerce.number().positive().max(64).default(1),
  BUILD_PIDS: z.coerce.number().int().min(16).max(100_000).default(512),
  BUILD_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(1200),
  BUILD_LOG_MAX_BYTES: byteSize.default(2 * 1024 ** 2),
  BUILD_MAX_CONCURRENT: z.coerce.number().int().min(1).default(2),
  BUILD_MAX_CONCURRENT_PER_USER: z.coerce.number().int().min(1).default(1),
  // The R runner (the R script seed). RUNNER_TOKEN unset or empty: only API tokens may run scripts.
  RUNNER_TOKEN: z.string().min(1).optional(),
  // `r-base`, `r-full` (images built by runtime-image/build.sh) or any image reference.
  RUNNER_SCRIPT_IMAGE: z.string().min(1).default("r-base"),
  // Started, never-used R containers waiting for scripts (each serves one script, then goes).
  R_POOL_SIZE: z.coerce.number().int().min(0).max(50).default(2),
  RUN_TIMEOUT_SECONDS: z.coerce.number().int().positive().max(3600).default(30),
  MAX_SCRIPT_BYTES: z.coerce.number().int().positive().default(500_000),
  MAX_ARTIFACT_COUNT: z.coerce.number().int().min(0).max(1000).default(10),
  MAX_ARTIFACT_BYTES: z.coerce.number().int().min(0).default(5_000_000),
  R_ARTIFACT_TTL_MINUTES: z.coerce.number().positive().default(60),
  // Logs are JSON lines (pino); pretty in development unless LOG_PRETTY=0.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: z.enum(["0", "1"]).optional().transform((value) => (value === undefined ? undefined : value === "1")),
  // GET /metrics: with a token, only `Authorization: Bearer <token>`; without, loopback clients only.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Peers whose X-Forwarded-For/-Proto/-Host are believed (Traefik's address); others' are dropped.
  TRUSTED_PROXIES: addressRanges.default([]),
  // Accounts made per client address per hour.
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().min(1).default(10),
  // Where artifact links point; unset: http://localhost:<PORT>.
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export type Settings = z.infer<typeof settingsSchema> & { dataDir: string };

export class SettingsError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid setting ${variable}: ${reason}`);
    this.name = "SettingsError";
  }
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  // An empty variable means "unset", as in a .env file written `DATABASE_URL=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = settingsSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new SettingsError(variable, issue?.message ?? "invalid value");
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

let cached: Settings | undefined;

export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
