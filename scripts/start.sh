#!/usr/bin/env bash
# npm start: install what is missing, build, and run the daemon in the foreground.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$HM_ROOT"
node scripts/build-server.mjs
exec node apps/server/dist/main.js
