#!/usr/bin/env bash
# Builds Runnel's container images without needing a registry.
#
#   runtime-image/build.sh [--print-tag] [image ...]     (default: every image directory
#                                                         except the on-demand ones below)
#
# Each image is tagged runnel-<name>:<hash of its build context's files>, so an unchanged
# context is reused at once and a changed one is rebuilt. An image's context is its directory,
# plus the shared files its `shared-files` lists (paths relative to runtime-image/, copied in at
# the same paths): the agent and the R profile have one source, in runtime/, and every image
# that needs them copies it at build time. The base is debian:bookworm-slim
# when it is present or can be pulled; otherwise the same base is bootstrapped from Debian's
# packages with mmdebstrap and imported as runnel-base:bookworm.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
slim_base=debian:bookworm-slim
local_base=runnel-base:bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] error: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/runnel-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The files an image's shared-files lists: one path relative to runtime-image/ a line; blank
# lines and lines starting with # are skipped.
shared_files() {
  local list="$here/$1/shared-files"
  [ -f "$list" ] || return 0
  grep -v '^[[:space:]]*\(#\|$\)' "$list" || true
}

# The directory an image is built from and its tag hashes: its own directory when it shares no
# files, otherwise a copy of it with the shared files added.
build_context() {
  local name=$1 ctx rel
  if [ ! -f "$here/$name/shared-files" ]; then printf '%s' "$here/$name"; return; fi
  ctx="$work/$name"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cp -a "$here/$name/." "$ctx/"
  while IFS= read -r rel; do
    case "/$rel/" in
      //*|*/../*|*/./*) die "$name/shared-files: \"$rel\" must be a path inside runtime-image/" ;;
    esac
    [ -f "$here/$rel" ] || die "$name/shared-files names \"$rel\", which is not a file in runtime-image/"
    [ ! -e "$ctx/$rel" ] || die "$name/shared-files: \"$rel\" is already in $name/"
    mkdir -p "$ctx/$(dirname "$rel")"
    cp "$here/$rel" "$ctx/$rel"
  done < <(shared_files "$name")
  printf '%s' "$ctx"
}

# Must agree with lib/containers/image-tag.ts (a test checks that it does). Python's bytecode
# caches (__pycache__, written next to a script that was compiled) are no input of any image.
inputs_hash() {
  (cd "$1" && find . -type d -name __pycache__ -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-12
}

image_tag() { printf 'runnel-%s:%s' "$1" "$(inputs_hash "$2")"; }

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
  local name=$1 tag base ctx
  ctx=$(build_context "$name")
  tag=$(image_tag "$name" "$ctx")
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
    "$ctx"
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
  local print_only=0 names=() ctx
  for arg in "$@"; do
    case "$arg" in
      --print-tag) print_only=1 ;;
      -*) die "unknown option $arg" ;;
      *) [ -f "$here/$arg/Dockerfile" ] || die "no image called $arg in $here"; names+=("$arg") ;;
    esac
  done
  [ ${#names[@]} -gt 0 ] || mapfile -t names < <(all_images)
  for name in "${names[@]}"; do
    if [ "$print_only" = 1 ]; then
      ctx=$(build_context "$name")
      image_tag "$name" "$ctx"
      echo
    else
      build_image "$name"
    fi
  done
}

main "$@"
