#!/usr/bin/env bash
# A minimal Debian 12 root filesystem from Debian's own packages (nothing can be pulled from an image
# registry here), for the container image and for installing the .deb in tests. The archive is the
# one this machine's apt already uses. The result is cached as a tarball and reused.
# Usage: packaging/rootfs.sh OUT.tar [extra,packages,comma,separated]
set -euo pipefail
out=$1
extra=${2:-}
[ -s "$out" ] && { echo "rootfs: reusing $out"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "rootfs: debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "rootfs: install debootstrap (apt-get install debootstrap)" >&2; exit 1; }

# The mirror apt is configured with (deb822 .sources first, then sources.list).
mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || { echo "rootfs: no Debian mirror found in apt's sources" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hm-rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase ${extra:+--include="$extra"} bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}
# Nothing a container or a test chroot needs: package caches and documentation.
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* "$work/root/usr/share/doc" \
  "$work/root/usr/share/man" "$work/root/usr/share/info"
mkdir -p "$(dirname "$out")"
tar -C "$work/root" --numeric-owner -cf "$out.partial" .
mv "$out.partial" "$out"
echo "rootfs: $out ($(du -sh "$out" | cut -f1))"
