#!/usr/bin/env bash
# Builds the Debian package from a tree laid out by packaging/stage.sh:
#   /opt/harbourmaster/{bin,lib,web}           Node 24, the launcher, the bundle, the panel
#   /usr/bin/harbourmaster                      a link to the launcher
#   /etc/harbourmaster/harbourmaster.env        settings (a conffile: upgrades keep local edits)
#   /lib/systemd/system/harbourmaster.service   the unit, as the harbourmaster user, hardened
#   /usr/share/harbourmaster/caddy/Caddyfile{,.acme}  for Caddy in front (the panel's HTTPS steps name them)
# The maintainer scripts create the user and /var/lib/harbourmaster. (The agent's unit comes with
# the agent.)
# Usage: packaging/deb/build.sh STAGE_DIR OUT_DIR   -> OUT_DIR/harbourmaster_<version>_<arch>.deb
# HM_DEB_VERSION overrides the version read from package.json; HM_DEB_MAINTAINER the maintainer;
# HM_DEB_COMPRESSION the compressor (default xz: 32 MB in about a minute; zstd: 40 MB in 2 s).
set -euo pipefail
umask 022
here=$(cd "$(dirname "$0")" && pwd)
stage=${1:?usage: build.sh STAGE_DIR OUT_DIR}
out=${2:?usage: build.sh STAGE_DIR OUT_DIR}
for f in bin/node bin/harbourmaster lib/main.js web/index.html; do
  [ -e "$stage/$f" ] || { echo "deb: $stage/$f missing; run packaging/stage.sh first" >&2; exit 1; }
done
command -v dpkg-deb >/dev/null || { echo "deb: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }

version=${HM_DEB_VERSION:-$(sed -n 's/^  "version": "\([^"]*\)",*$/\1/p' "$here/../../package.json" | head -n 1)}
[ -n "$version" ] || { echo "deb: no version in package.json" >&2; exit 1; }
arch=$(dpkg --print-architecture)
maintainer=${HM_DEB_MAINTAINER:-Harbourmaster maintainers <harbourmaster@localhost>}

# The oldest C and C++ libraries the binaries work with, from the symbol versions they need.
libs=("$stage/bin/node" "$stage"/lib/node_modules/better-sqlite3/prebuilds/*.node)
glibc=$(grep -aohE 'GLIBC_2\.[0-9]+' "${libs[@]}" | sed 's/GLIBC_//' | sort -uV | tail -n 1)
glibcxx=$(grep -aohE 'GLIBCXX_3\.4\.[0-9]+' "${libs[@]}" | sed 's/GLIBCXX_3\.4\.//' | sort -un | tail -n 1)
# GLIBCXX_3.4.29 first shipped with GCC 11's libstdc++; a newer one needs a new bound here.
[ "${glibcxx:-0}" -le 29 ] || { echo "deb: the binaries need GLIBCXX_3.4.$glibcxx; update libstdc++6's bound" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hm-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/opt/harbourmaster" "$root/usr/bin" "$root/etc/harbourmaster" "$root/lib/systemd/system" "$root/DEBIAN"
cp -a "$stage/bin" "$stage/lib" "$stage/web" "$root/opt/harbourmaster/"
ln -s /opt/harbourmaster/bin/harbourmaster "$root/usr/bin/harbourmaster"
# Root only: it may hold HM_SECRET_KEY; systemd reads it as root.
install -m 0640 "$here/harbourmaster.env" "$root/etc/harbourmaster/harbourmaster.env"
install -m 0644 "$here/harbourmaster.service" "$root/lib/systemd/system/harbourmaster.service"
# Examples to copy to /etc/caddy, not conffiles: Caddy's own package owns its Caddyfile.
install -D -m 0644 -t "$root/usr/share/harbourmaster/caddy" "$here/../caddy/Caddyfile" "$here/../caddy/Caddyfile.acme"
for s in postinst prerm postrm; do install -m 0755 "$here/$s" "$root/DEBIAN/$s"; done
install -m 0644 "$here/triggers" "$root/DEBIAN/triggers"
echo /etc/harbourmaster/harbourmaster.env >"$root/DEBIAN/conffiles"
# Whatever modes the stage dir had (mktemp makes 0700), installed directories are world-readable.
find "$root" -type d -exec chmod 0755 {} +

cat >"$root/DEBIAN/control" <<CONTROL
Package: harbourmaster
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $glibc), libstdc++6 (>= 11), libgcc-s1, passwd, init-system-helpers (>= 1.54)
Recommends: docker.io | docker-ce, caddy
Section: admin
Priority: optional
Description: web panel and daemon for Docker hosts
 Harbourmaster is one light daemon and web panel to run Docker hosts: containers,
 images, networks, volumes, logs and a terminal. It brings its own Node.js runtime,
 runs as the harbourmaster system user under systemd and keeps its data in
 /var/lib/harbourmaster. It listens on 127.0.0.1:9090; put Caddy in front for HTTPS.
CONTROL

mkdir -p "$out"
deb="$out/harbourmaster_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${HM_DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
echo "deb: $deb ($(du -h "$deb" | cut -f1))"
