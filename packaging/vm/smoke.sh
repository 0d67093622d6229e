#!/usr/bin/env bash
# Boots a qcow2 made by build-qcow2.sh (or an ISO made by build-iso.sh) in QEMU with UEFI and
# checks it came up as an appliance: the daemon's /api/health is ok (its Docker engine reachable)
# through a forwarded loopback port, and the setup code is on the serial console and creates the
# first admin. Then powers it off (ACPI). The image is not modified (a throwaway overlay for the
# qcow2; an ISO is read-only).
# Networking is QEMU's user mode with restrict=on: the guest reaches nothing outside, the host
# reaches the panel on 127.0.0.1 only.
# Usage: packaging/vm/smoke.sh IMAGE.qcow2|IMAGE.iso [CONSOLE.log]
# HM_VM_ACCEL    kvm or tcg (default: kvm when /dev/kvm is writable)
# HM_VM_TIMEOUT  seconds to wait for the panel and the code (default 600; TCG without KVM is slow)
# HM_VM_BOOT     uefi (default, OVMF) or bios (QEMU's own SeaBIOS: the legacy boot path)
set -euo pipefail
image=$(realpath "${1:?usage: smoke.sh IMAGE.qcow2|IMAGE.iso [CONSOLE.log]}")
timeout=${HM_VM_TIMEOUT:-600}
boot=${HM_VM_BOOT:-uefi}
firmware=()
case "$boot" in
  bios) ;; # QEMU boots with SeaBIOS when given no firmware
  uefi)
    for f in /usr/share/ovmf/OVMF.fd /usr/share/OVMF/OVMF.fd /usr/share/qemu/OVMF.fd; do
      [ -r "$f" ] && { firmware=(-bios "$f"); break; }
    done
    [ ${#firmware[@]} -gt 0 ] || { echo "smoke: UEFI firmware missing: apt-get install ovmf" >&2; exit 1; }
    ;;
  *) echo "smoke: HM_VM_BOOT is uefi or bios, not $boot" >&2; exit 1 ;;
esac
for tool in qemu-system-x86_64 qemu-img curl; do
  command -v "$tool" >/dev/null || { echo "smoke: apt-get install qemu-system-x86 qemu-utils curl" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hm-smoke.XXXXXX")
console=${2:-$work/console.log}
qemu_pid=
cleanup() {
  if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port: nothing answers on it.
port=${HM_VM_PORT:-}
if [ -z "$port" ]; then
  for p in $(seq 19090 19190); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
fi
# KVM when /dev/kvm is usable; HM_VM_ACCEL=tcg where it exists but fails (nested virtualisation
# without the CPU features QEMU asks for: "KVM internal error" at the first instruction).
accel=${HM_VM_ACCEL:-}
[ -n "$accel" ] || { accel=tcg; [ -w /dev/kvm ] && accel=kvm; }
cpu=host
[ "$accel" = kvm ] || cpu=max
case "$image" in
  *.iso) disk=(-cdrom "$image") ;; # a live system: nothing is written to the medium
  *)
    qemu-img create -q -f qcow2 -b "$image" -F qcow2 "$work/overlay.qcow2"
    disk=(-drive "file=$work/overlay.qcow2,if=virtio,format=qcow2")
    ;;
esac
: >"$console" # a log from an earlier boot must not count
mkfifo "$work/mon.in" "$work/mon.out"
# Held open read-write here so QEMU's open of either pipe never waits for the other end.
exec 4<>"$work/mon.in" 5<>"$work/mon.out"
start=$(date +%s)
elapsed() { echo $(($(date +%s) - start)); }
qemu-system-x86_64 -machine q35 -accel "$accel" -cpu "$cpu" -m 2048 -smp 2 "${firmware[@]}" \
  "${disk[@]}" \
  -nic "user,model=virtio-net-pci,restrict=on,hostfwd=tcp:127.0.0.1:$port-:9090" \
  -display none -serial "file:$console" -chardev "pipe,id=mon,path=$work/mon" -mon chardev=mon \
  >"$work/qemu.log" 2>&1 &
qemu_pid=$!
echo "smoke: booting $(basename "$image") ($boot) with $accel on 127.0.0.1:$port (console: $console)"

health= code=
while [ "$(elapsed)" -lt "$timeout" ]; do
  kill -0 "$qemu_pid" 2>/dev/null || { cat "$work/qemu.log" >&2; echo "smoke: QEMU exited" >&2; exit 1; }
  # "ok" only once the daemon reaches the VM's own Docker (it is "degraded" while Docker starts).
  if [ -z "$health" ] && curl -fsS --max-time 3 "http://127.0.0.1:$port/api/health" >"$work/health" 2>/dev/null &&
    grep -q '"status":"ok"' "$work/health"; then
    health=$(elapsed)
    echo "smoke: [${health}s] /api/health: $(cat "$work/health")"
  fi
  if [ -z "$code" ] && grep -aq 'Harbourmaster setup code: [0-9A-Z]\{4\}-' "$console" 2>/dev/null; then
    code=$(elapsed)
    echo "smoke: [${code}s] console: $(grep -ao 'Harbourmaster setup code: [0-9A-Z-]*' "$console" | tail -n 1)"
  fi
  [ -n "$health" ] && [ -n "$code" ] && break
  sleep 2
done
[ -n "$health" ] && [ -n "$code" ] || {
  tail -n 40 "$console" >&2
  echo "smoke: after ${timeout}s: health ${health:-never}, setup code ${code:-never}" >&2
  exit 1
}

# The code on the console is the one the daemon accepts: claim the (throwaway) first admin with it.
setup_code=$(grep -ao 'Harbourmaster setup code: [0-9A-Z-]*' "$console" | tail -n 1 | sed 's/.*: //')
status=$(curl -sS --max-time 30 -o "$work/setup" -w '%{http_code}' -H 'content-type: application/json' \
  --data "{\"username\":\"smoke\",\"password\":\"smoke test only, thrown away\",\"setupCode\":\"$setup_code\"}" \
  "http://127.0.0.1:$port/api/auth/setup")
[ "$status" = 201 ] || { cat "$work/setup" >&2; echo "smoke: setup with the console's code: HTTP $status" >&2; exit 1; }
echo "smoke: [$(elapsed)s] setup with the console's code: HTTP $status"

echo system_powerdown >&4
for _ in $(seq 1 60); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$qemu_pid" 2>/dev/null; then
  echo "smoke: no ACPI power-off after 60s; stopping QEMU" >&2
  exit 1
fi
wait "$qemu_pid" || true
qemu_pid=
echo "smoke: [$(elapsed)s] powered off; ok"
