#!/usr/bin/env bash
# Builds the daemon and the panel and lays out what every install path ships, under OUT:
#   bin/node            Node 24 (the binary npm start uses)
#   bin/harbourmaster   the launcher: Node flags and malloc settings as npm start has them
#   lib/main.js         the bundled daemon, its licences, and the two packages it loads from disk
#   web/                the built panel (with .br/.gz copies)
# Usage: packaging/stage.sh OUT   (default build/stage)
set -euo pipefail
source "$(dirname "$0")/../scripts/bootstrap.sh"
cd "$HM_ROOT"
out=${1:-build/stage}
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "stage: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

node scripts/build-server.mjs
npm run --silent build -w @harbourmaster/web >/dev/null

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib/node_modules/better-sqlite3/prebuilds" "$out/lib/node_modules/@fastify/swagger-ui/static"
cp "$(command -v node)" "$out/bin/node"
# Node's symbol table is 18 MB of the 127 MB binary and nothing at run time reads it.
if command -v strip >/dev/null; then strip --strip-all "$out/bin/node"; fi
cp apps/server/dist/main.js apps/server/dist/main.js.LEGAL.txt "$out/lib/"
sq=node_modules/better-sqlite3
cp -r "$sq/package.json" "$sq/LICENSE" "$sq/lib" "$out/lib/node_modules/better-sqlite3/"
cp "$sq/prebuilds/linux-$arch.node" "$out/lib/node_modules/better-sqlite3/prebuilds/"
ui=node_modules/@fastify/swagger-ui
cp "$ui/package.json" "$ui/LICENSE" "$out/lib/node_modules/@fastify/swagger-ui/"
for f in swagger-ui.css swagger-ui-bundle.js swagger-ui-standalone-preset.js favicon-32x32.png; do
  cp "$ui/static/$f" "$out/lib/node_modules/@fastify/swagger-ui/static/"
done
cp -r apps/web/dist "$out/web"
flags=$(sed -n 's/.*HM_NODE_FLAGS:-\([^}]*\)}.*/\1/p' scripts/start.sh)
cat >"$out/bin/harbourmaster" <<LAUNCHER
#!/bin/sh
# Starts the Harbourmaster daemon with the settings npm start uses (docs/adr/0004-memory-footprint.md).
here=\$(dirname "\$(readlink -f "\$0")")
export MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-2}
export MALLOC_MMAP_THRESHOLD_=\${MALLOC_MMAP_THRESHOLD_:-131072}
# shellcheck disable=SC2086
exec "\$here/node" \${HM_NODE_FLAGS:-$flags} "\$here/../lib/main.js" "\$@"
LAUNCHER
chmod 755 "$out/bin/harbourmaster" "$out/bin/node"
echo "staged in $out: $(du -sh "$out" | cut -f1)"
