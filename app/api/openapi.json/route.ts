import { withRoute } from "@/lib/http/with-route";
import { buildOpenApiDocument } from "@/lib/http/openapi/build-openapi-document";
import { API_OPERATIONS } from "./api-operations";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = withRoute(async () => {
  document ??= buildOpenApiDocument(API_OPERATIONS, {
    title: "Runnel",
    version: "1",
    description: "Documentation that runs: notebooks, sandboxed runs, web apps and R scripts. Errors share one envelope; see API.md for the prose.",
  });
  return Response.json(document, { headers: { "cache-control": "no-store" } });
});
