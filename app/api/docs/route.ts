// The interactive API reference: Swagger UI from the swagger-ui-dist package, served by Runnel
// itself (no CDN), reading /api/openapi.json. No inline script, so a strict CSP still holds.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Runnel API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/runnel-docs.js"></script>
</body>
</html>
`;

export function GET() {
  return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
