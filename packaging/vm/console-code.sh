#!/bin/sh
# Waits for the daemon's first start on this boot, then puts its address and setup code on the
# console and in the login banner (agetty reads /run/issue.d). No code once an admin exists.
set -u
unit=harbourmaster.service
issue=/run/issue.d/50-harbourmaster.issue
port=$(sed -n 's/^HM_PORT=\([0-9]*\).*/\1/p' /etc/harbourmaster/harbourmaster.env /etc/harbourmaster/appliance.env 2>/dev/null | tail -n 1)
port=${port:-9090}
code=
i=0
while [ $i -lt 180 ]; do
  log=$(journalctl --boot --unit="$unit" --output=cat --no-pager 2>/dev/null || true)
  code=$(printf '%s\n' "$log" | sed -n 's/.*Setup code: \([0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}\).*/\1/p' | tail -n 1)
  [ -z "$code" ] || break
  # The code comes before "Harbourmaster is up"; up without a code means an admin exists.
  case "$log" in *"Harbourmaster is up"*) break ;; esac
  sleep 1
  i=$((i + 1))
done
mkdir -p /run/issue.d
{
  # \4 is agetty's escape for this machine's IPv4 address.
  printf 'Harbourmaster: open http://\\4:%s/ in a browser\n' "$port"
  [ -z "$code" ] || printf '%s\n' "Harbourmaster setup code: $code (creates the first admin; changes when the daemon restarts)"
  echo
} >"$issue"
addr=$(hostname -I 2>/dev/null | cut -d' ' -f1)
echo "Harbourmaster: open http://${addr:-<this machine>}:$port/ in a browser"
if [ -n "$code" ]; then
  echo "Harbourmaster setup code: $code"
else
  echo "Harbourmaster: no setup code on this boot (an admin exists, or see: journalctl -u $unit)"
fi
# Redraw the login prompts so the banner shows the code.
command -v agetty >/dev/null && agetty --reload 2>/dev/null
exit 0
