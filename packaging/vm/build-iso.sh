#!/usr/bin/env bash
# A live ISO (BIOS and UEFI, USB-writable iso-hybrid) running Harbourmaster from RAM, made with
# Debian's live-build: Debian 12, Docker, the .deb as a local package, the appliance settings and the
# console setup code as in the qcow2. Nothing persists across reboots unless the live medium is given
# a "persistence" partition (live-boot's own feature; see docs/install-vm.md).
# Usage: packaging/vm/build-iso.sh HARBOURMASTER.deb OUT.iso
# HM_ISO_WORK  keep the live-build tree here (its cache makes a second build much faster)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "${1:?usage: build-iso.sh HARBOURMASTER.deb OUT.iso}")
out=$(realpath -m "${2:?usage: build-iso.sh HARBOURMASTER.deb OUT.iso}")
[ "$(id -u)" = 0 ] || { echo "iso: live-build needs root" >&2; exit 1; }
command -v lb >/dev/null || { echo "iso: apt-get install live-build" >&2; exit 1; }

# The mirrors apt is configured with (as packaging/rootfs.sh finds them).
sources=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
mirror=$(printf '%s\n' "$sources" | awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}')
security=$(printf '%s\n' "$sources" | awk '/^URIs:/ && $2 ~ /security/ {print $2; exit}')
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$security" ] || security=$(awk '$1 == "deb" && $0 ~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || { echo "iso: no Debian mirror found in apt's sources" >&2; exit 1; }

if [ -n "${HM_ISO_WORK:-}" ]; then
  work=$HM_ISO_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/hm-iso.XXXXXX")
  trap 'rm -rf --one-file-system "$work"' EXIT
fi
cd "$work"
start=$(date +%s)
step() { echo "iso: [$(($(date +%s) - start))s] $*"; }

step "lb config (bookworm, mirror from apt's sources)"
lb clean >/dev/null 2>&1 || true # keeps cache/ (downloaded packages)
rm -rf config
lb config \
  --distribution bookworm --architectures amd64 --archive-areas main \
  --mirror-bootstrap "$mirror" --mirror-chroot "$mirror" --mirror-binary "$mirror" \
  ${security:+--mirror-chroot-security "$security" --mirror-binary-security "$security"} \
  --binary-images iso-hybrid --bootloaders "grub-efi,syslinux" --debian-installer none \
  --apt-recommends false --firmware-binary false --firmware-chroot false --memtest none \
  --iso-application Harbourmaster --iso-volume Harbourmaster \
  --bootappend-live "boot=live components hostname=harbourmaster net.ifnames=0 console=tty0 console=ttyS0,115200n8" \
  >lb-config.log 2>&1

# Packages: Docker and what a live system needs; Harbourmaster as a local package (live-build makes
# a repository of config/packages.chroot and installs it with its dependencies).
cat >config/package-lists/harbourmaster.list.chroot <<'LIST'
live-boot
live-config
live-config-systemd
systemd-sysv
dbus
ifupdown
isc-dhcp-client
iproute2
ca-certificates
docker.io
harbourmaster
LIST
mkdir -p config/packages.chroot
cp "$deb" config/packages.chroot/

# The appliance settings, the same files the qcow2 gets.
inc=config/includes.chroot
mkdir -p "$inc/etc/harbourmaster" "$inc/etc/systemd/system/harbourmaster.service.d" \
  "$inc/usr/local/lib/harbourmaster" "$inc/etc/network/interfaces.d"
printf '# The appliance image: listen on every interface.\nHM_HOST=0.0.0.0\n' >"$inc/etc/harbourmaster/appliance.env"
printf '[Service]\nEnvironmentFile=-/etc/harbourmaster/appliance.env\n' \
  >"$inc/etc/systemd/system/harbourmaster.service.d/appliance.conf"
install -m 0755 "$here/console-code.sh" "$inc/usr/local/lib/harbourmaster/console-code.sh"
install -m 0644 "$here/harbourmaster-console.service" "$inc/etc/systemd/system/harbourmaster-console.service"
printf 'allow-hotplug eth0\niface eth0 inet dhcp\n' >"$inc/etc/network/interfaces.d/eth0"
cat >config/hooks/live/0500-harbourmaster.hook.chroot <<'HOOK'
#!/bin/sh
set -e
systemctl enable harbourmaster-console.service docker.service harbourmaster.service
HOOK
chmod +x config/hooks/live/0500-harbourmaster.hook.chroot

# Boot by itself after 5 seconds: live-build's menus wait forever, no good for a headless box.
lbdir=/usr/share/live/build/bootloaders
mkdir -p config/bootloaders
cp -a "$lbdir/grub-pc" "$lbdir/isolinux" config/bootloaders/
echo 'set timeout=5' >>config/bootloaders/grub-pc/config.cfg
sed -i 's/^timeout 0$/timeout 50/' config/bootloaders/isolinux/isolinux.cfg

step "lb build (downloads about 400 MB of packages; log: $work/build.log)"
if ! lb build >build.log 2>&1; then
  tail -n 40 build.log >&2
  echo "iso: lb build failed after $(($(date +%s) - start))s; the full log is $work/build.log" >&2
  exit 1
fi
iso=$(ls -1 ./*.iso | head -n 1)
mkdir -p "$(dirname "$out")"
mv "$iso" "$out"
step "done: $out ($(du -h "$out" | cut -f1))"
