import { PrismaClient } from "@prisma/client";
import { getSettings } from "../config/settings";
import { createDriverAdapter, databaseTarget } from "./driver-adapter";

// One client per process. PGlite allows a single opener of its directory, and Next may load
// this module more than once (route bundles, the custom server, dev reloads), so the client
// lives on globalThis rather than in module scope.
const globalKey = Symbol.for("runnel.prisma");
type GlobalWithPrisma = typeof globalThis & { [globalKey]?: PrismaClient };

export function getPrisma(): PrismaClient {
  const store = globalThis as GlobalWithPrisma;
  store[globalKey] ??= new PrismaClient({ adapter: createDriverAdapter(databaseTarget(getSettings())) });
  return store[globalKey];
}

export async function disconnectPrisma(): Promise<void> {
  const store = globalThis as GlobalWithPrisma;
  await store[globalKey]?.$disconnect();
  delete store[globalKey];
}
