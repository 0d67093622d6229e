#!/usr/bin/env bash
# A bootable Debian 12 disk image (qcow2) with Harbourmaster installed from its .deb, Docker, a
# kernel and GRUB, for a local hypervisor or a cloud that takes UEFI qcow2 images.
# Made without loop devices or mounts (they are often not allowed in CI or containers):
#   debootstrap the root -> install the .deb in it -> mkfs.ext4 -d writes the root partition straight
#   into the raw disk at its offset -> a FAT EFI system partition filled with mtools holds a
#   standalone GRUB (BOOTX64.EFI, config embedded) -> sfdisk writes the GPT -> qemu-img convert.
# UEFI only: a BIOS boot needs grub-install against a block device (see docs/install-vm.md).
# Usage: packaging/vm/build-qcow2.sh HARBOURMASTER.deb OUT.qcow2
# HM_VM_DISK_SIZE   virtual disk size (default 8G; the qcow2 only stores what is used)
# HM_VM_PACKAGES    extra Debian packages, comma separated (e.g. caddy)
# HM_VM_ROOT_PASSWORD  set a root password for the console (default: root is locked)
# HM_VM_ROOTFS      reuse an already debootstrapped root tarball made by an earlier run (cache)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "${1:?usage: build-qcow2.sh HARBOURMASTER.deb OUT.qcow2}")
out=${2:?usage: build-qcow2.sh HARBOURMASTER.deb OUT.qcow2}
disk_size=${HM_VM_DISK_SIZE:-8G}
[ "$(id -u)" = 0 ] || { echo "vm: needs root (debootstrap, chroot)" >&2; exit 1; }
for tool in debootstrap mkfs.ext4 mkfs.vfat mmd mcopy sfdisk qemu-img grub-mkstandalone; do
  command -v "$tool" >/dev/null || {
    echo "vm: $tool missing: apt-get install debootstrap e2fsprogs dosfstools mtools fdisk qemu-utils grub-efi-amd64-bin" >&2
    exit 1
  }
done
[ -d /usr/lib/grub/x86_64-efi ] || { echo "vm: apt-get install grub-efi-amd64-bin" >&2; exit 1; }

# The mirror apt is configured with (as packaging/rootfs.sh finds it).
mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || { echo "vm: no Debian mirror found in apt's sources" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/hm-vm.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
root=$work/root
start=$(date +%s)
step() { echo "vm: [$(($(date +%s) - start))s] $*"; }

# 1. The root: a kernel, systemd as init, networking, Docker. Harbourmaster's own Depends too, so
#    dpkg -i needs nothing more.
pkgs=linux-image-amd64,initramfs-tools,systemd-sysv,udev,dbus,kmod,iproute2,ifupdown,isc-dhcp-client,ca-certificates,docker.io,passwd,libstdc++6,less,hostname
pkgs+=${HM_VM_PACKAGES:+,$HM_VM_PACKAGES}
if [ -n "${HM_VM_ROOTFS:-}" ] && [ -s "$HM_VM_ROOTFS" ]; then
  step "reusing $HM_VM_ROOTFS"
  mkdir "$root" && tar -C "$root" --numeric-owner -xpf "$HM_VM_ROOTFS"
else
  step "debootstrap bookworm with $pkgs"
  debootstrap --variant=minbase --include="$pkgs" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    exit 1
  }
  if [ -n "${HM_VM_ROOTFS:-}" ]; then
    tar -C "$root" --numeric-owner -cf "$HM_VM_ROOTFS.partial" . && mv "$HM_VM_ROOTFS.partial" "$HM_VM_ROOTFS"
  fi
fi

# 2. Harbourmaster from its package. The postinst makes the user (in the docker group), the data
#    directory and enables the unit; nothing starts in a chroot.
step "installing $(basename "$deb")"
cp "$deb" "$root/tmp/harbourmaster.deb"
chroot "$root" dpkg -i /tmp/harbourmaster.deb
rm "$root/tmp/harbourmaster.deb"

# 3. Appliance settings. The panel must answer on the network: a second EnvironmentFile (it wins over
#    the package's conffile, which stays untouched for upgrades). The setup code protects the
#    first-admin step; docs/install-vm.md says how to put Caddy in front instead.
mkdir -p "$root/etc/systemd/system/harbourmaster.service.d"
printf '# The appliance image: listen on every interface.\nHM_HOST=0.0.0.0\n' >"$root/etc/harbourmaster/appliance.env"
printf '[Service]\nEnvironmentFile=-/etc/harbourmaster/appliance.env\n' \
  >"$root/etc/systemd/system/harbourmaster.service.d/appliance.conf"
install -D -m 0755 "$here/console-code.sh" "$root/usr/local/lib/harbourmaster/console-code.sh"
install -D -m 0644 "$here/harbourmaster-console.service" "$root/etc/systemd/system/harbourmaster-console.service"
ln -sf /etc/systemd/system/harbourmaster-console.service "$root/etc/systemd/system/multi-user.target.wants/"
# Docker is enabled by its package; make sure of it (a chroot install may skip deb-systemd-helper).
[ -e "$root/etc/systemd/system/multi-user.target.wants/docker.service" ] ||
  ln -s /lib/systemd/system/docker.service "$root/etc/systemd/system/multi-user.target.wants/docker.service"
echo harbourmaster >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tharbourmaster\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
# DHCP on the first Ethernet interface, named eth0 on every hypervisor (net.ifnames=0 below).
mkdir -p "$root/etc/network/interfaces.d"
printf 'allow-hotplug eth0\niface eth0 inet dhcp\n' >"$root/etc/network/interfaces.d/eth0"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
[ -z "${HM_VM_ROOT_PASSWORD:-}" ] || echo "root:$HM_VM_ROOT_PASSWORD" | chroot "$root" chpasswd
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"* "$root/usr/share/doc" \
  "$root/usr/share/man" "$root/usr/share/info"

# 4. The disk: 1 MiB gap, a 64 MiB EFI system partition, the rest the root.
root_uuid=$(cat /proc/sys/kernel/random/uuid)
echo "UUID=$root_uuid / ext4 errors=remount-ro 0 1" >"$root/etc/fstab"
raw=$work/disk.raw
truncate -s "$disk_size" "$raw"
bytes=$(stat -c %s "$raw")
esp_start=2048 esp_sectors=131072
root_start=$((esp_start + esp_sectors))
root_sectors=$((bytes / 512 - root_start - 34)) # 34: the backup GPT at the end
root_sectors=$((root_sectors / 8 * 8))
step "root filesystem ($(du -sh "$root" | cut -f1) of files) into the disk"
mkfs.ext4 -q -F -L harbourmaster -U "$root_uuid" -E offset=$((root_start * 512)) -d "$root" "$raw" $((root_sectors / 8))k

step "EFI system partition with a standalone GRUB"
cat >"$work/grub.cfg" <<GRUB
set timeout=2
search --no-floppy --fs-uuid --set=root $root_uuid
menuentry 'Harbourmaster (Debian 12)' {
  linux /vmlinuz root=UUID=$root_uuid ro net.ifnames=0 console=tty0 console=ttyS0,115200n8
  initrd /initrd.img
}
GRUB
grub-mkstandalone -O x86_64-efi -o "$work/BOOTX64.EFI" \
  --modules="part_gpt ext2 search_fs_uuid linux normal echo all_video gzio" "boot/grub/grub.cfg=$work/grub.cfg"
esp=$work/esp.img
mkfs.vfat -C -n EFI "$esp" $((esp_sectors / 2)) >/dev/null
mmd -i "$esp" ::/EFI ::/EFI/BOOT
mcopy -i "$esp" "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
dd if="$esp" of="$raw" bs=512 seek=$esp_start conv=notrunc,sparse status=none

sfdisk --quiet --wipe-partitions never "$raw" <<PARTS
label: gpt
start=$esp_start, size=$esp_sectors, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
start=$root_start, size=$root_sectors, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="root"
PARTS

step "qcow2"
mkdir -p "$(dirname "$out")"
qemu-img convert -c -f raw -O qcow2 "$raw" "$out.partial"
mv "$out.partial" "$out"
step "done: $out ($(du -h "$out" | cut -f1) on disk, $disk_size virtual)"
