#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as
# last committed to prisma/schema.prisma as it is now. Review it, then commit it.
#
#   scripts/new-migration.sh <name>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name=${1:?usage: scripts/new-migration.sh <name>}
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "name: lowercase letters, digits and _ only" >&2; exit 2; }

previous=$(mktemp)
trap 'rm -f "$previous"; bash scripts/test-postgres.sh stop' EXIT
git show HEAD:prisma/schema.prisma > "$previous"
# The CLI's JavaScript schema engine needs a database to talk to, and does not exit over PGlite.
DATABASE_URL=$(bash scripts/test-postgres.sh start)
export DATABASE_URL

dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$previous" --to-schema-datamodel prisma/schema.prisma --script \
  | grep -v '^Loaded Prisma config' > "$dir/migration.sql"
echo "wrote $dir/migration.sql" >&2
