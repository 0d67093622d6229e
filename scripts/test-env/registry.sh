#!/usr/bin/env bash
# A private Docker Distribution registry for tests, bound to loopback (TESTING.md).
# Usage: registry.sh start DIR PORT | registry.sh stop DIR
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT | $0 stop DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
pidfile="$dir/registry.pid"

running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start() {
  local port=$1
  if pid=$(running_pid); then
    echo "registry already running in $dir (pid $pid)"
    return 0
  fi
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $dir/storage }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$port }
YAML
  setsid nohup docker-registry serve "$dir/config.yml" >>"$dir/registry.log" 2>&1 </dev/null &
  local launched=$!
  echo "$launched" >"$pidfile"
  for _ in $(seq 1 60); do
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
      echo "registry up: 127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$launched" 2>/dev/null; then
      echo "registry exited during startup; last log lines:" >&2
      tail -n 20 "$dir/registry.log" >&2
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.5
  done
  echo "registry did not answer within 30 s; see $dir/registry.log" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "no registry running in $dir"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 40); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "registry stopped"
      return 0
    fi
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "$cmd" in
  start)
    [ $# -eq 3 ] || usage
    start "$3"
    ;;
  stop) stop ;;
  *) usage ;;
esac
