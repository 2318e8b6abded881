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
  ARTIFACT_MAX_COUNT: z.coerce.number().int().min(0).max(1000).default(20),
  ARTIFACT_MAX_BYTES: byteSize.default(10 * 1024 ** 2),
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
