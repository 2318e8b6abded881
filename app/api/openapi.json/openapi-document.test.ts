import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GET } from "./route";

const API_DIR = path.resolve("app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api as [OpenAPI path, method]: `[id]` becomes `{id}`. */
function routesOnDisk(dir = API_DIR): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routesOnDisk(full));
    else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const template = "/" + path.relative(path.resolve("app"), dir).split(path.sep).map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
      for (const method of METHODS) {
        if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) found.push([template, method.toLowerCase()]);
      }
    }
  }
  return found;
}

async function document() {
  const response = await GET(new Request("http://localhost/api/openapi.json"), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return (await response.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security: unknown[] }>> };
}

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const spec = await document();
    expect(spec.openapi).toBe("3.1.0");
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route file under app/api, with each method it exports", async () => {
    const spec = await document();
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(30);
    const missing = onDisk.filter(([route, method]) => !spec.paths[route]?.[method]).map(([route, method]) => `${method.toUpperCase()} ${route}`);
    expect(missing).toEqual([]);
    const documented = Object.entries(spec.paths).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`));
    const extra = documented.filter((entry) => !onDisk.some(([route, method]) => `${method} ${route}` === entry));
    expect(extra).toEqual([]);
  });

  it("takes request bodies from the routes' own zod schemas", async () => {
    const spec = await document();
    const signup = spec.paths["/api/auth/signup"]?.post?.requestBody as { content: Record<string, { schema: { required: string[] } }> };
    expect(signup.content["application/json"]?.schema.required.sort()).toEqual(["email", "name", "password"]);
    expect(spec.paths["/api/executions"]?.post?.security).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
  });
});
