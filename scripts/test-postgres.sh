#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the test suite (Debian's postgresql package).
#
#   scripts/test-postgres.sh start   → prints a DATABASE_URL for a fresh cluster
#   scripts/test-postgres.sh stop    → stops it and deletes its files
set -euo pipefail

state=${TMPDIR:-/tmp}/runnel-test-postgres
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "[postgres] PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# postgres refuses to run as root; as root the cluster belongs to the `postgres` user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

stop() {
  [ -f "$state/dir" ] || return 0
  local dir
  dir=$(cat "$state/dir")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$state"
}

start() {
  stop
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/runnel-pg.XXXXXX")
  port=$(free_port)
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U runnel --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  mkdir -p "$state"
  echo "$dir" > "$state/dir"
  echo "postgresql://runnel@127.0.0.1:$port/postgres"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
