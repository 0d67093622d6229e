#!/usr/bin/env bash
# Builds the test images from busybox-static (nothing can be pulled from public registries) and
# pushes them to the private registry: local/busybox:1, REGISTRY/hm-test/busybox:1 and a different
# REGISTRY/hm-test/busybox:2. Safe to run again: existing local images are reused, not re-imported,
# so their digests stay stable across runs.
# Usage: images.sh DOCKER_HOST REGISTRY_ADDR   e.g. images.sh unix:///tmp/hmA/docker.sock 127.0.0.1:15500
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DOCKER_HOST REGISTRY_ADDR" >&2
  exit 2
fi
export DOCKER_HOST=$1
registry=$2
applets="sh httpd echo sleep cat wget nc ls printf yes head seq env true false stty"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_rootfs() {
  local root=$1
  mkdir -p "$root/bin" "$root/tmp" "$root/www"
  cp /bin/busybox "$root/bin/busybox"
  for a in $applets; do ln -s busybox "$root/bin/$a"; done
}

# import REF VERSION_FILE_CONTENT: imports a busybox rootfs unless REF already exists.
import_image() {
  local ref=$1 marker=$2
  if docker image inspect "$ref" >/dev/null 2>&1; then
    return 0
  fi
  local root="$work/root-${ref//[^a-zA-Z0-9]/_}"
  make_rootfs "$root"
  if [ -n "$marker" ]; then printf '%s\n' "$marker" >"$root/hm-version"; fi
  tar -C "$root" -c . | docker import --change 'CMD ["sh"]' - "$ref" >/dev/null
  echo "imported $ref"
}

import_image local/busybox:1 ""
# A different filesystem gives :2 a different manifest digest, like an upstream update would.
import_image local/busybox:2 "2"

for v in 1 2; do
  docker tag "local/busybox:$v" "$registry/hm-test/busybox:$v"
  docker push --quiet "$registry/hm-test/busybox:$v" >/dev/null
  echo "pushed $registry/hm-test/busybox:$v"
done
