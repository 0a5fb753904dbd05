#!/usr/bin/env bash
# Stops what ops/cluster/up.sh started: HAProxy and the three instances (SIGTERM, then waits).
DIR=${REOS_CLUSTER_DIR:-/tmp/reos-cluster}
for f in "$DIR"/haproxy.pid "$DIR"/reos-*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f"); kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
done
echo "stopped"
