#!/usr/bin/env bash
# Builds the Harbourmaster container image on the engine in DOCKER_HOST, without pulling anything:
#   1. a Debian 12 minbase root with the Compose CLI (packaging/rootfs.sh, cached as a tarball),
#   2. trimmed, with the staged tree (packaging/stage.sh) at /opt/harbourmaster, `docker import`ed
#      under a throw-away tag,
#   3. packaging/image/Dockerfile FROM that base: the service user, environment, volume, health check.
# Usage: packaging/image/build.sh STAGE_DIR [TAG]
#   TAG defaults to harbourmaster:<version> plus harbourmaster:latest; a given TAG is the only tag.
#   The root tarball is cached in HM_PACKAGING_WORK (default build/packaging). Needs root (debootstrap).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
stage=${1:?usage: packaging/image/build.sh STAGE_DIR [TAG]}
stage=$(cd "$stage" && pwd)
[ -x "$stage/bin/harbourmaster" ] && [ -x "$stage/bin/node" ] || {
  echo "image: $stage is not a staged tree (run packaging/stage.sh first)" >&2
  exit 1
}
version=$("$stage/bin/node" -p 'require(process.argv[1]).version' "$repo/package.json")
if [ -n "${2:-}" ]; then tags=("$2"); else tags=("harbourmaster:$version" "harbourmaster:latest"); fi
work=${HM_PACKAGING_WORK:-$repo/build/packaging}
mkdir -p "$work"
started=$(date +%s)

# docker-compose (v1, Python) is the Compose CLI Debian packages; the daemon falls back to it when
# `docker compose` is missing. The cache name follows the package list, so a new list makes a new root.
packages=docker-compose
rootfs="$work/rootfs-image-$(printf %s "$packages" | sha256sum | cut -c1-12).tar"
"$repo/packaging/rootfs.sh" "$rootfs" "$packages"

tmp=$(mktemp -d "$work/image.XXXXXX")
base="harbourmaster-base:build-$$-$(date +%s)"
cleanup() {
  rm -rf "$tmp"
  # The built image keeps the base's layer; only the temporary name goes.
  docker image rm "$base" >/dev/null 2>&1 || true
}
trap cleanup EXIT

root="$tmp/root"
mkdir "$root"
tar -C "$root" --numeric-owner -xf "$rootfs"
# Translations (33 MB) and debconf's backups serve nobody in a container that logs JSON in English.
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
rm -rf "$root/var/cache/debconf/"*-old "$root/usr/share/lintian"
mkdir -p "$root/opt/harbourmaster"
cp -a "$stage/." "$root/opt/harbourmaster/"
# Whoever staged it, the program belongs to root and is read-only to the service user.
chown -R 0:0 "$root/opt/harbourmaster"
chmod -R u+rwX,go+rX,go-w "$root/opt/harbourmaster"
tar -C "$root" --numeric-owner -c . | docker import - "$base" >/dev/null

# The legacy builder: BuildKit needs the buildx plugin, which the engine's Debian packages lack (its
# deprecation notice goes to the log, shown only on failure); no network, nothing is fetched.
DOCKER_BUILDKIT=0 docker build --quiet --network none \
  --build-arg "BASE=$base" \
  --build-arg "VERSION=$version" \
  --build-arg "REVISION=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)" \
  --build-arg "CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  "${tags[@]/#/--tag=}" \
  "$here" >"$tmp/build.log" 2>&1 || {
  cat "$tmp/build.log" >&2
  exit 1
}

size=$(docker image inspect --format '{{.Size}}' "${tags[0]}")
echo "image: ${tags[*]} ($((size / 1000000)) MB) built in $(($(date +%s) - started)) s"
