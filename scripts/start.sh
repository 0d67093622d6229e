#!/usr/bin/env bash
# npm start: install what is missing, build the daemon and the web panel, and run in the foreground.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$HM_ROOT"
node scripts/build-server.mjs
npm run --silent build -w @harbourmaster/web >/dev/null
exec node apps/server/dist/main.js
