#!/usr/bin/env bash
# The set-up shared by `npm run up` and `npm test`; every step is skipped when already done.
#
#   scripts/setup.sh up|test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=${1:-up}
log() { printf '[setup] %s\n' "$*" >&2; }
fingerprint() { cat "$@" | sha256sum | cut -c1-16; }

bash scripts/bootstrap.sh "$mode"

deps_stamp=node_modules/.runnel-deps
deps_hash=$(fingerprint package.json package-lock.json)
if [ "$(cat "$deps_stamp" 2>/dev/null)" != "$deps_hash" ]; then
  # The client is generated below, not by @prisma/client's postinstall (it once hung for minutes).
  export PRISMA_SKIP_POSTINSTALL_GENERATE=1
  log "installing npm dependencies (npm ci)"
  # `npm ci` installs exactly the lock and never rewrites it; it refuses a lock that disagrees
  # with package.json, which only an edit of package.json without `npm install` leaves behind.
  if ! npm ci --include=dev --no-audit --no-fund; then
    log "package-lock.json is out of step with package.json; \`npm install\` brings it up to date (commit the new lock)"
    npm install --include=dev --no-audit --no-fund
  fi
  echo "$deps_hash" > "$deps_stamp"
fi

client_stamp=node_modules/.prisma/client/.runnel-schema
client_hash=$(fingerprint prisma/schema.prisma package-lock.json)
if [ "$(cat "$client_stamp" 2>/dev/null)" != "$client_hash" ]; then
  log "generating the Prisma client"
  npx prisma generate
  echo "$client_hash" > "$client_stamp"
fi

# build.sh builds r-full only when the R runner is set to use it, in the environment or in .env.
if [ -z "${RUNNER_SCRIPT_IMAGE:-}" ] && [ -f .env ]; then
  RUNNER_SCRIPT_IMAGE=$(sed -n 's/^RUNNER_SCRIPT_IMAGE=//p' .env | tail -1 | tr -d "\"'")
  export RUNNER_SCRIPT_IMAGE
fi
bash runtime-image/build.sh
