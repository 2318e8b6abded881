import type { App, Prisma } from "@prisma/client";
import { rm } from "node:fs/promises";
import { getSettings } from "../config/settings";
import { getPrisma } from "../db/client";
import { AppError, RateLimitError } from "../http/app-error";
import { counted } from "../http/counted";
import type { AppType } from "../notebook/types";
import { NOTEBOOK_APP_PREFIX, validateAppId } from "./app-id";
import { appPaths } from "./app-paths";
import { startDeploy } from "./deploy-tasks";
import { fetchAppSource, type AppSource } from "./source/app-source";

export type CreateAppInput = {
  id: string;
  name: string;
  appType: AppType;
  port: number;
  env: Record<string, string>;
  source: AppSource;
  ownerId: string | null;
  notebook?: { id: string; blockIndex: number; blockId: string; codeFingerprint: string };
};

function sourceColumns(source: AppSource) {
  if (source.kind === "git") return { sourceKind: "git", gitUrl: source.url, gitBranch: source.branch };
  return { sourceKind: source.kind === "zip" ? "zip" : "notebook", gitUrl: null, gitBranch: null };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/**
 * Records the app (status `building`), fetches its files (a bad zip or Git URL is refused here,
 * with nothing left behind), and starts the build in the background: the caller gets the app at
 * once and follows its status or its build log.
 */
export async function createApp(input: CreateAppInput): Promise<App> {
  const settings = getSettings();
  const id = validateAppId(input.id);
  if (id.startsWith(NOTEBOOK_APP_PREFIX) && !input.notebook) {
    throw new AppError("conflict", `App ids starting with "${NOTEBOOK_APP_PREFIX}" are kept for notebooks' web app blocks: choose another id.`);
  }
  if (input.ownerId) {
    const owned = await getPrisma().app.count({ where: { ownerId: input.ownerId } });
    if (owned >= settings.APP_MAX_PER_USER) {
      throw new RateLimitError(`You have ${counted(owned, "app")}, the most an account may have (${settings.APP_MAX_PER_USER}). Delete one to make another.`, 60);
    }
  }
  const data: Prisma.AppUncheckedCreateInput = {
    id,
    name: input.name,
    appType: input.appType,
    port: input.port,
    env: input.env,
    ...sourceColumns(input.source),
    status: "building",
    ownerId: input.ownerId,
    notebookId: input.notebook?.id ?? null,
    blockIndex: input.notebook?.blockIndex ?? null,
    blockId: input.notebook?.blockId ?? null,
    codeFingerprint: input.notebook?.codeFingerprint ?? null,
  };
  let app: App;
  try {
    app = await getPrisma().app.create({ data });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `An app with id ${id} already exists.`);
    throw error;
  }
  const paths = appPaths(settings, id);
  try {
    // Left over from an app of the same id deleted while Runnel was down.
    await rm(paths.dir, { recursive: true, force: true });
    await fetchAppSource(settings, id, input.source);
  } catch (error) {
    await getPrisma().app.delete({ where: { id } }).catch(() => undefined);
    await rm(paths.dir, { recursive: true, force: true });
    throw error;
  }
  void startDeploy(id);
  return app;
}
