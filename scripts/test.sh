#!/usr/bin/env bash
# npm test: the same set-up as `npm run up`, then type-check, lint, unit tests, integration tests
# against the real Docker engine and PostgreSQL and PGlite, and Playwright in Debian's Chromium.
# It uses its own port, data directory and build directory, so a running `npm run up` is untouched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$SECONDS
step() {
  local name=$1 t0=$SECONDS
  shift
  printf '\n[test] ── %s ──\n' "$name" >&2
  "$@"
  printf '[test] %s passed in %ss\n' "$name" $((SECONDS - t0)) >&2
}

# Set-up and the tests must leave a checkout as they found it (a fresh clone stays clean).
tree_state() { git status --porcelain 2>/dev/null || true; }
tree_before=$(tree_state)
assert_tree_unchanged() {
  local now
  now=$(tree_state)
  [ "$now" = "$tree_before" ] && return 0
  echo "[test] $1 changed the working tree (git status --porcelain):" >&2
  diff <(echo "$tree_before") <(echo "$now") >&2 || true
  return 1
}

bash scripts/setup.sh test
step "set-up leaves the tree clean" assert_tree_unchanged "set-up"

step "type-check" npx tsc --noEmit
step "lint" npx eslint --max-warnings=0 .
step "unit tests" npx vitest run --project unit

TEST_DATABASE_URL=$(bash scripts/test-postgres.sh start)
export TEST_DATABASE_URL
trap 'bash scripts/test-postgres.sh stop' EXIT
step "integration tests" npx vitest run --project integration --no-file-parallelism

step "dev server" bash scripts/dev-smoke.sh

export NODE_ENV=production
export DATA_DIR=.data/e2e
export NEXT_DIST_DIR=.next-test
E2E_PORT=${E2E_PORT:-3100}
export E2E_PORT
rm -rf "$DATA_DIR"
unset DATABASE_URL
step "e2e build" npx next build
step "end-to-end tests" npx playwright test
# Runnel's own docs (docs/*.md) run with `runnel run` against the same build.
step "docs notebooks" npx tsx scripts/run-docs.ts
# Stopped servers keep their live sessions for a restart that, for the suite's, never comes.
step "the tests leave no sandbox behind" npx tsx scripts/remove-test-sandboxes.ts
step "the tests leave the tree clean" assert_tree_unchanged "the test suite"

printf '\n[test] all passed in %ss\n' $((SECONDS - started)) >&2
