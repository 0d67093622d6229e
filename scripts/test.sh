#!/usr/bin/env bash
# npm test: the whole suite. Installs what it needs (Node 24, Debian packages, npm packages), starts a
# private Docker engine and registry, builds test images, runs static checks, unit and integration
# tests, stops everything it started, and ends with the line `N passed, N failed`.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$HM_ROOT"

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-registry >/dev/null || need+=(docker-registry)
[ -x /bin/busybox ] || need+=(busybox-static)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Install paths: a Debian root for the image and the .deb, package and repository tools, Caddy.
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v dpkg-scanpackages >/dev/null || need+=(dpkg-dev)
command -v apt-ftparchive >/dev/null || need+=(apt-utils)
command -v gpg >/dev/null || need+=(gnupg)
command -v caddy >/dev/null || need+=(caddy)
# Stacks: the Compose CLI (v1, the one Debian 12 packages; `docker compose` is used where present).
command -v docker-compose >/dev/null || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing Debian packages (${need[*]}); run npm test as root or install them" >&2; exit 1; fi
  echo "[test] installing ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

run_dir=$(mktemp -d /tmp/hmt.XXXXXX)
results="$run_dir/results"
mkdir -p "$results"
engine_dir="$run_dir/e1"
registry_dir="$run_dir/reg"
cleanup() {
  bash scripts/test-env/registry.sh stop "$registry_dir" >/dev/null 2>&1 || true
  bash scripts/test-env/engine.sh stop "$engine_dir" >/dev/null 2>&1 || true
  rm -rf "$run_dir" 2>/dev/null || true
}
trap cleanup EXIT

# The engine boots in the background while the static checks run.
mkdir -p "$engine_dir" "$registry_dir"
bash scripts/test-env/engine.sh start "$engine_dir" >"$run_dir/engine-start.log" 2>&1 &
engine_pid=$!
registry_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
bash scripts/test-env/registry.sh start "$registry_dir" "$registry_port" >"$run_dir/registry-start.log" 2>&1 &
registry_pid=$!

# Static checks count as one test each in the closing line.
check() {
  local name=$1; shift
  if "$@" >"$results/$name.log" 2>&1; then echo "ok" >"$results/$name.check"; echo "[test] $name: ok"
  else echo "fail" >"$results/$name.check"; echo "[test] $name: FAILED"; cat "$results/$name.log"; fi
}
check typecheck npm run typecheck
check lint npx eslint --max-warnings 0 .
check format npx prettier --check .

vitest() {
  local project=$1
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$results/$project.json" || true
}
vitest unit

wait "$engine_pid" || { cat "$run_dir/engine-start.log"; echo "[test] the private engine did not start" >&2; }
wait "$registry_pid" || { cat "$run_dir/registry-start.log"; echo "[test] the registry did not start" >&2; }
export HM_TEST_DOCKER_HOST="unix://$engine_dir/docker.sock"
export HM_TEST_ENGINE_DIR="$engine_dir"
export HM_TEST_REGISTRY="127.0.0.1:$registry_port"
export HM_TEST_IMAGE="local/busybox:1"
bash scripts/test-env/images.sh "$HM_TEST_DOCKER_HOST" "$HM_TEST_REGISTRY" >"$run_dir/images.log" 2>&1 || cat "$run_dir/images.log"
node scripts/build-server.mjs
npm run --silent build -w @harbourmaster/web >"$run_dir/web-build.log" 2>&1 || cat "$run_dir/web-build.log"
vitest integration
HM_SCREENSHOT_DIR="$run_dir/screenshots" vitest e2e
if compgen -G 'packaging/test/*.test.ts' >/dev/null; then
  bash packaging/stage.sh "$run_dir/stage" >"$run_dir/stage.log" 2>&1 || cat "$run_dir/stage.log"
  HM_STAGE_DIR="$run_dir/stage" HM_PACKAGING_WORK="$run_dir/packaging" vitest packaging
fi

node scripts/test-summary.mjs "$results"
