import { z } from "zod";

// The OpenAPI 3.1 document is built from the zod schemas the routes parse requests with
// (zod 4's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is), so the
// document and the validation cannot drift apart.

export type AuthScheme = "sessionCookie" | "apiToken" | "appApiKey" | "runnerToken" | "shareLink";

export type OperationResponse = { description: string; schema?: z.ZodType; contentType?: string };

export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template: `/api/notebooks/{id}` */
  path: string;
  summary: string;
  tag: string;
  /** Any one of these is accepted; empty: anyone may call it. */
  auth: AuthScheme[];
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyType?: "application/json" | "multipart/form-data";
  /** Extra multipart fields that zod does not see (file parts). */
  fileFields?: Record<string, string>;
  responses: Record<number, OperationResponse>;
};

const errorEnvelopeSchema = z.object({
    error: z.object({
      code: z.enum(["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "unprocessable", "rate_limited", "internal", "unavailable"]),
      message: z.string().describe("A sentence fit to show a person"),
      requestId: z.string().optional().describe("On 5xx replies: the id of the request's log lines (also the x-request-id header)"),
    }),
  });

const SECURITY_SCHEMES = {
  sessionCookie: { type: "apiKey", in: "cookie", name: "runnel_session", description: "The browser's httpOnly session cookie (sign up or log in); named `__Host-runnel_session` over HTTPS. A request carrying it twice is refused." },
  apiToken: { type: "http", scheme: "bearer", description: "A Runnel API token (`rnl_…`, POST /api/tokens) as `Authorization: Bearer`." },
  appApiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "The webapp runner seed's key (RUNNER_API_KEY)." },
  runnerToken: { type: "http", scheme: "bearer", description: "The R runner seed's token (RUNNER_TOKEN) as `Authorization: Bearer`." },
  shareLink: { type: "apiKey", in: "header", name: "X-Runnel-Link", description: "A share link's secret (the last part of `/s/<secret>`), signed out too; the link page keeps it in a `runnel_link_<notebookId>` cookie. Grants what the link grants, on its own notebook only." },
} as const;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is not valid; the message says which field and why.",
  401: "Not signed in, or the token or key is missing or wrong.",
  403: "Signed in, but not allowed to do this.",
  404: "Not found, or not visible to the caller.",
  409: "In conflict with the current state (a stale version, an ended session, …).",
  413: "The body is larger than the limit the message names.",
  429: "Over a limit; the message names it and `Retry-After` says when to come back.",
  500: "Something went wrong on Runnel's side; the body names the request id.",
  503: "A dependency (the Docker engine, the database) is unavailable.",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as Record<string, unknown>;
  // Each schema sits inside the document, whose own dialect (OpenAPI 3.1's) applies.
  delete converted.$schema;
  return converted;
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

function queryParameters(query: z.ZodObject | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

function requestBody(operation: Operation) {
  if (!operation.body) return undefined;
  const type = operation.bodyType ?? "application/json";
  const schema = jsonSchema(operation.body, "input") as { properties?: Record<string, unknown> };
  if (operation.fileFields) {
    schema.properties = {
      ...schema.properties,
      ...Object.fromEntries(Object.entries(operation.fileFields).map(([name, mediaType]) => [name, { type: "string", contentMediaType: mediaType }])),
    };
  }
  return { required: true, content: { [type]: { schema } } };
}

function responses(operation: Operation) {
  const documented: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    documented[status] = response.schema || response.contentType
      ? { description: response.description, content: { [response.contentType ?? "application/json"]: response.schema ? { schema: jsonSchema(response.schema, "output") } : {} } }
      : { description: response.description };
  }
  const errors = new Set([500]);
  if (operation.body || operation.query) errors.add(400);
  if (operation.auth.length) errors.add(401).add(403);
  if (operation.path.includes("{")) errors.add(404);
  for (const status of errors) {
    documented[status] ??= { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } } };
  }
  return documented;
}

export function buildOpenApiDocument(operations: Operation[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters = [...pathParameters(operation.path), ...queryParameters(operation.query)];
    const body = requestBody(operation);
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: `${operation.method}${operation.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ? next.toUpperCase() : ""))}`,
      summary: operation.summary,
      tags: [operation.tag],
      security: operation.auth.map((scheme) => ({ [scheme]: [] })),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(operation),
    };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, "output") } },
  };
}
