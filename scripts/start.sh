#!/usr/bin/env bash
# npm start: install what is missing, build the daemon and the web panel, and run in the foreground.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$HM_ROOT"
node scripts/build-server.mjs
npm run --silent build -w @harbourmaster/web >/dev/null
# A young generation of 1 MB instead of V8's 16-32 MB: the daemon allocates little per request, and
# this keeps about 15 MB idle and 60 MB under load out of its memory (docs/adr/0004).
# Two malloc arenas instead of one per thread, and blocks of 128 KiB and more always mapped on their
# own so they go back to the system when freed: each argon2 hash (sign-in, setup) takes 19 MiB, which
# glibc otherwise keeps for good once its adaptive threshold has risen (docs/adr/0004).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072}
# shellcheck disable=SC2086
exec node ${HM_NODE_FLAGS:---max-semi-space-size=1} apps/server/dist/main.js
