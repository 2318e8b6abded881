#!/usr/bin/env bash
# A smoke check of `npm run dev`: the development server starts, applies migrations, and
# answers /api/health, a page and the favicon. Its own port, data and build directories.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
data=.data/dev-smoke
rm -rf "$data"
log=$(mktemp)
# Its own process group, so stopping it stops Next's workers too.
setsid env -u NODE_ENV PORT="$port" DATA_DIR="$data" NEXT_DIST_DIR=.next-test WARM_POOL_SIZE=0 LOG_PRETTY=0 \
  npm run dev >"$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap stop EXIT

fail() { echo "[dev] $*" >&2; tail -n 40 "$log" >&2; exit 1; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 120 "http://127.0.0.1:$port$1" || true; }

for _ in $(seq 1 180); do
  kill -0 "$pid" 2>/dev/null || fail "npm run dev exited before it answered"
  [ "$(status_of /api/health)" = 200 ] && break
  sleep 1
done
[ "$(status_of /api/health)" = 200 ] || fail "/api/health did not answer 200 within 3 minutes"
[ "$(status_of /)" = 200 ] || fail "the home page did not answer 200"
[ "$(status_of /favicon.ico)" = 200 ] || fail "/favicon.ico did not answer 200"
# A fresh DATA_DIR: the server migrated it at start, so an account can be made at once.
signup=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 -H 'content-type: application/json' -H 'sec-fetch-site: same-origin' \
  --data '{"email":"dev-smoke@example.com","password":"a long enough password","name":"Dev Smoke"}' "http://127.0.0.1:$port/api/auth/signup" || true)
[ "$signup" = 201 ] || fail "sign-up on a fresh data directory answered $signup, not 201"
echo "[dev] npm run dev answered /api/health, /, /favicon.ico and a sign-up on port $port" >&2
