#!/usr/bin/env bash
# Builds Runnel's container images without needing a registry.
#
#   runtime-image/build.sh [--print-tag] [image ...]     (default: every image directory
#                                                         except the on-demand ones below)
#
# Each image is tagged runnel-<name>:<hash of its directory's files>, so an unchanged
# directory is reused at once and a changed one is rebuilt. The base is debian:bookworm-slim
# when it is present or can be pulled; otherwise the same base is bootstrapped from Debian's
# packages with mmdebstrap and imported as runnel-base:bookworm.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
slim_base=debian:bookworm-slim
local_base=runnel-base:bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

# Must agree with lib/containers/image-tag.ts (a test checks that it does).
inputs_hash() {
  (cd "$here/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-12
}

image_tag() { printf 'runnel-%s:%s' "$1" "$(inputs_hash "$1")"; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

resolve_base() {
  if [ -n "${BASE_IMAGE:-}" ]; then echo "$BASE_IMAGE"; return; fi
  if image_exists "$slim_base"; then echo "$slim_base"; return; fi
  if image_exists "$local_base"; then echo "$local_base"; return; fi
  log "pulling $slim_base"
  if timeout 120 docker pull "$slim_base" >&2; then echo "$slim_base"; return; fi
  log "no registry answered; bootstrapping $local_base from Debian packages ($mirror)"
  command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed (apt-get install mmdebstrap), and $slim_base cannot be pulled"
  mmdebstrap --variant=minbase --include=ca-certificates bookworm - "$mirror" \
    | docker import --change 'CMD ["bash"]' - "$local_base" >&2
  echo "$local_base"
}

build_image() {
  local name=$1 tag base
  tag=$(image_tag "$name")
  if image_exists "$tag"; then
    log "$tag is up to date"
    return
  fi
  base=$(resolve_base)
  log "building $tag from $base"
  docker build \
    --build-arg "BASE_IMAGE=$base" \
    --label "runnel.image=$name" \
    --tag "$tag" \
    "$here/$name"
  # Older builds of this image are no longer wanted; one still used by a container stays.
  # RUNNEL_KEEP_OLD_IMAGES=1 keeps them (several checkouts sharing one engine).
  [ "${RUNNEL_KEEP_OLD_IMAGES:-0}" = 1 ] || docker image ls --format '{{.Repository}}:{{.Tag}}' "runnel-$name" \
    | grep -vx "$tag" | xargs -r docker image rm >/dev/null 2>&1 || true
  log "built $tag"
}

# Large images that only some set-ups want: built when named, or when RUNNER_SCRIPT_IMAGE
# selects them (r-full is the R runner's deployment image; tests and CI use r-base).
on_demand_images=(r-full)

wanted_by_default() {
  local name=$1 skip
  for skip in "${on_demand_images[@]}"; do
    [ "$name" = "$skip" ] && [ "${RUNNER_SCRIPT_IMAGE:-}" != "$name" ] && return 1
  done
  return 0
}

all_images() {
  for d in "$here"/*/; do
    [ -f "$d/Dockerfile" ] && wanted_by_default "$(basename "$d")" && basename "$d"
  done
  return 0
}

main() {
  local print_only=0 names=()
  for arg in "$@"; do
    case "$arg" in
      --print-tag) print_only=1 ;;
      -*) die "unknown option $arg" ;;
      *) [ -f "$here/$arg/Dockerfile" ] || die "no image called $arg in $here"; names+=("$arg") ;;
    esac
  done
  [ ${#names[@]} -gt 0 ] || mapfile -t names < <(all_images)
  for name in "${names[@]}"; do
    if [ "$print_only" = 1 ]; then image_tag "$name"; echo; else build_image "$name"; fi
  done
}

main "$@"
