#!/usr/bin/env bash
# Starts instance I (1..3) of the cluster ops/cluster/up.sh made, on port REOS_CLUSTER_PORT + I,
# and waits until it is ready. Used by up.sh and by the rolling restart.
set -euo pipefail
I=$1
DIR=${REOS_CLUSTER_DIR:-/tmp/reos-cluster}
LB_PORT=${REOS_CLUSTER_PORT:-18080}
source "$DIR/instance.env"
PORT=$((LB_PORT + I))
REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="postgres://reos_service@127.0.0.1:5432/$DB?sslmode=disable" \
  REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" REOS_REDIS_URL="$REDIS" REOS_SEED_DEMO=false \
  REOS_LISTEN="127.0.0.1:$PORT" REOS_INSTANCE_NAME="reos-$I" REOS_DRAIN_GRACE_SECS="${REOS_DRAIN_GRACE_SECS:-2}" \
  REOS_SHUTDOWN_TIMEOUT_SECS=10 RUST_LOG=warn \
  nohup "$BIN" serve >>"$DIR/reos-$I.log" 2>&1 </dev/null &
echo $! >"$DIR/reos-$I.pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && exit 0; sleep 0.25; done
echo "instance reos-$I did not become ready; see $DIR/reos-$I.log" >&2
exit 1
