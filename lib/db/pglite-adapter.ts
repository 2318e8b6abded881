import { PGlite } from "@electric-sql/pglite";
import {
  DriverAdapterError,
  isDriverAdapterError,
  type MappedError,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

// pglite-prisma-adapter (the only PGlite adapter for Prisma 6) reports every database error
// as a raw `postgres` error. Prisma 6.19 expects adapters to classify them (as @prisma/adapter-pg
// does), so without this a unique violation is not P2002. This wraps the adapter and maps the
// classes Runnel relies on the same way adapter-pg does.

type PostgresError = Extract<MappedError, { kind: "postgres" }>;

function keyFields(detail: string | undefined): { fields: string[] } | undefined {
  const fields = detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");
  return fields ? { fields } : undefined;
}

export function classifyPostgresError(error: PostgresError): MappedError {
  switch (error.code) {
    case "23505":
      return { kind: "UniqueConstraintViolation", constraint: keyFields(error.detail) };
    case "23502":
      return { kind: "NullConstraintViolation", constraint: keyFields(error.detail) };
    case "23503":
      return { kind: "ForeignKeyConstraintViolation", constraint: error.column ? { fields: [error.column] } : undefined };
    case "22001":
      return { kind: "LengthMismatch", column: error.column };
    case "22003":
      return { kind: "ValueOutOfRange", cause: error.message };
    case "40001":
      return { kind: "TransactionWriteConflict" };
    default:
      return error;
  }
}

function reclassify(error: unknown): never {
  if (isDriverAdapterError(error) && error.cause.kind === "postgres") {
    const original = error.cause;
    throw new DriverAdapterError({
      ...classifyPostgresError(original),
      originalCode: original.code,
      originalMessage: original.message,
    });
  }
  throw error;
}

/** Wraps every async method of an adapter (and of the transactions it opens) with reclassify. */
function withClassifiedErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved: unknown) =>
            resolved !== null && typeof resolved === "object" && "queryRaw" in resolved
              ? withClassifiedErrors(resolved)
              : resolved,
          reclassify,
        );
      };
    },
  });
}

export function createPgliteAdapter(dir: string): SqlMigrationAwareDriverAdapterFactory {
  return withClassifiedErrors(new PrismaPGlite(new PGlite(dir)));
}
