#!/usr/bin/env bash
# A private dockerd for tests, isolated from any engine the machine already runs (TESTING.md).
# Usage: engine.sh start DIR | engine.sh stop DIR
# DIR should be short: the engine and its containerd put unix sockets under it (limit 108 chars).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
sock="$dir/docker.sock"
pidfile="$dir/docker.pid"

running_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start() {
  if pid=$(running_pid); then
    echo "engine already running in $dir (pid $pid)"
    return 0
  fi
  if [ ${#sock} -ge 100 ]; then
    echo "engine dir too long for a unix socket path: $sock" >&2
    exit 1
  fi
  mkdir -p "$dir/data" "$dir/exec"
  rm -f "$pidfile"
  # setsid detaches the engine from the caller's session so it survives the calling shell.
  setsid nohup dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$pidfile" --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
    >>"$dir/dockerd.log" 2>&1 </dev/null &
  local launched=$!
  for _ in $(seq 1 120); do
    if DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; then
      echo "engine up: unix://$sock"
      return 0
    fi
    if ! kill -0 "$launched" 2>/dev/null; then
      echo "dockerd exited during startup; last log lines:" >&2
      tail -n 20 "$dir/dockerd.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "engine did not answer within 60 s; see $dir/dockerd.log" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "no engine running in $dir"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || { echo "engine stopped"; return 0; }
    sleep 0.5
  done
  echo "engine did not stop within 20 s; killing pid $pid" >&2
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
