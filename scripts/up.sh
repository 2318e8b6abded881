#!/usr/bin/env bash
# npm run up: set everything up, build the app, and serve it on http://localhost:$PORT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh up
npx tsx scripts/check-settings.ts
echo "[up] building the app" >&2
npx next build
exec env NODE_ENV=production npx tsx server.ts
