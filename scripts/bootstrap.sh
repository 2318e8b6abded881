#!/usr/bin/env bash
# Makes sure the machine has what Runnel needs outside npm: Node 20.9+, a Docker engine that
# answers, and for the tests Chromium and PostgreSQL.
#
#   scripts/bootstrap.sh up|test
#
# As root on a Debian-like machine (apt-get) it installs what is missing (docker.io,
# mmdebstrap, and for `test` chromium and postgresql) and starts dockerd in the background.
# Anywhere else it says what is missing and how to get it, and exits non-zero. With everything
# present it does nothing and prints nothing.
# RUNNEL_NO_SYSTEM_CHANGES=1 turns installing and starting off (check and report only).
#
# Every decision is made from what PATH offers and what answers, so the tests drive this
# script through a PATH of stubs (scripts/bootstrap.test.ts), one per machine shape.
set -euo pipefail

mode=${1:-up}
case "$mode" in up|test) ;; *) echo "usage: $0 up|test" >&2; exit 2 ;; esac

postgres_root=${RUNNEL_POSTGRES_ROOT:-/usr/lib/postgresql}
dockerd_log=${RUNNEL_DOCKERD_LOG:-/var/log/runnel-dockerd.log}

log() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] %s\n' "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }
engine_answers() { have docker && timeout 5 docker info >/dev/null 2>&1; }
postgres_bin() { ls -d "$postgres_root"/*/bin 2>/dev/null | sort -V | tail -n 1; }

can_change_system() {
  [ "${RUNNEL_NO_SYSTEM_CHANGES:-0}" != 1 ] && [ "$(id -u)" = 0 ] && have apt-get
}

check_node() {
  local version
  version=$(node -p 'process.versions.node' 2>/dev/null) || die "Node.js is not installed: install Node.js 20.9 or newer (https://nodejs.org)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)' \
    || die "Node.js $version is too old: Runnel needs 20.9 or newer."
}

# What a working set-up still lacks. A `docker` client on its own is not an engine: Debian's
# docker.io is wanted unless an engine already answers (a remote or Desktop one needs no dockerd
# here) or both the client and the daemon are installed (then the daemon only needs starting).
required_packages() {
  local engine_up=$1
  if [ "$engine_up" = 0 ] && ! { have docker && have dockerd; }; then echo docker.io; fi
  if [ "$mode" = test ]; then
    have chromium || echo chromium
    [ -n "$(postgres_bin)" ] || echo postgresql
  fi
}

# Wanted only where the image build cannot pull debian:bookworm-slim; installed when we may,
# never a reason to stop (build.sh says so itself if it comes to need it).
optional_packages() { have mmdebstrap || echo mmdebstrap; }

install_packages() {
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "$@" >&2
}

start_dockerd() {
  if [ -d /run/systemd/system ] && have systemctl; then
    log "starting docker with systemctl"
    systemctl start docker >&2 || true
  else
    have dockerd || die "dockerd is not installed, so no Docker engine can be started here."
    log "starting dockerd in the background (log: $dockerd_log)"
    setsid nohup dockerd >>"$dockerd_log" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 60); do
    engine_answers && { log "Docker engine is up"; return; }
    sleep 0.5
  done
  die "dockerd did not answer within 30 s; see $dockerd_log"
}

explain_and_exit() {
  local packages=$1 engine_up=$2
  {
    echo "[bootstrap] Runnel cannot start: something it needs is missing."
    [ -n "$packages" ] && echo "  - missing packages; on Debian/Ubuntu: sudo apt-get install $packages"
    if [ "$engine_up" = 0 ]; then
      if have docker && ! have dockerd; then
        echo "  - only the Docker client is installed (\`docker\` answers but no engine does): install an"
        echo "    engine (Debian: docker.io; elsewhere Docker Engine or Docker Desktop) and start it."
      else
        echo "  - no Docker engine answers (docker info failed). Start it (sudo systemctl start docker,"
        echo "    or sudo dockerd &) and make sure this user may use /var/run/docker.sock."
      fi
    fi
    echo "  Run this again as root on Debian and it will install and start these for you."
  } >&2
  exit 1
}

main() {
  check_node
  local engine_up=0 required optional
  engine_answers && engine_up=1
  required=$(required_packages "$engine_up" | xargs)
  optional=$(optional_packages | xargs)
  if [ -z "$required" ] && [ "$engine_up" = 1 ]; then
    if [ -n "$optional" ] && can_change_system; then install_packages $optional; fi
    return 0
  fi

  can_change_system || explain_and_exit "$required" "$engine_up"
  local packages="$required $optional"
  [ -n "${packages// /}" ] && install_packages $packages
  [ "$engine_up" = 1 ] || start_dockerd
}

main
