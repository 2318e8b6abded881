#!/usr/bin/env bash
# Makes sure the machine has what Runnel needs outside npm: Node 20.9+, a Docker engine that
# answers, and for the tests Chromium and PostgreSQL.
#
#   scripts/bootstrap.sh up|test
#
# As root on Debian it installs what is missing (docker.io, mmdebstrap, and for `test`
# chromium and postgresql) and starts dockerd in the background. Anywhere else it says what
# is missing and how to get it, and exits non-zero. With everything present it does nothing.
# RUNNEL_NO_SYSTEM_CHANGES=1 turns installing and starting off (check and report only).
set -euo pipefail

mode=${1:-up}
case "$mode" in up|test) ;; *) echo "usage: $0 up|test" >&2; exit 2 ;; esac

log() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] %s\n' "$*" >&2; exit 1; }

docker_answers() { timeout 5 docker info >/dev/null 2>&1; }
have() { command -v "$1" >/dev/null 2>&1; }
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

can_change_system() {
  [ "${RUNNEL_NO_SYSTEM_CHANGES:-0}" != 1 ] && [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && have apt-get
}

check_node() {
  local version
  version=$(node -p 'process.versions.node' 2>/dev/null) || die "Node.js is not installed: install Node.js 20.9 or newer (https://nodejs.org)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)' \
    || die "Node.js $version is too old: Runnel needs 20.9 or newer."
}

missing_packages() {
  have dockerd || echo docker.io
  have mmdebstrap || echo mmdebstrap
  if [ "$mode" = test ]; then
    [ -x /usr/bin/chromium ] || echo chromium
    [ -n "$(postgres_bin)" ] || echo postgresql
  fi
}

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
    log "starting dockerd in the background (log: /var/log/runnel-dockerd.log)"
    setsid nohup dockerd >/var/log/runnel-dockerd.log 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 60); do
    docker_answers && { log "Docker engine is up"; return; }
    sleep 0.5
  done
  die "dockerd did not answer within 30 s; see /var/log/runnel-dockerd.log"
}

explain_and_exit() {
  local packages=$1 docker_down=$2
  {
    echo "[bootstrap] Runnel cannot start: something it needs is missing."
    [ -n "$packages" ] && echo "  - missing programs; on Debian/Ubuntu: sudo apt-get install $packages"
    if [ "$docker_down" = 1 ]; then
      echo "  - no Docker engine answers (docker info failed). Start it (sudo systemctl start docker,"
      echo "    or sudo dockerd &) and make sure this user may use /var/run/docker.sock."
    fi
    echo "  Run this again as root on Debian and it will install and start these for you."
  } >&2
  exit 1
}

main() {
  check_node
  local packages docker_down=0
  packages=$(missing_packages | xargs)
  docker_answers || docker_down=1
  [ -z "$packages" ] && [ "$docker_down" = 0 ] && return 0

  can_change_system || explain_and_exit "$packages" "$docker_down"
  [ -n "$packages" ] && install_packages $packages
  docker_answers || start_dockerd
}

main
