#!/usr/bin/env bash
# Three `reos serve` instances behind HAProxy on loopback (issue #18), sharing the local
# PostgreSQL (database reos_cluster: dropped, migrated and seeded with tenant `bench` by
# ops/load/setup.sh) and Redis (rate limits). HAProxy health-checks /readyz every 500 ms, so an
# instance told to stop (SIGTERM: /readyz red for drain_grace_secs, then the drain) leaves the
# rotation before its listener closes. Installs haproxy when missing. State in $REOS_CLUSTER_DIR
# (default /tmp/reos-cluster); ops/cluster/down.sh stops everything. The last line printed is
# the load balancer's base URL.
#   REOS_BIN=target/release/reos ops/cluster/up.sh      # else target/release/reos if built, else a debug build
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${REOS_CLUSTER_DIR:-/tmp/reos-cluster}
LB_PORT=${REOS_CLUSTER_PORT:-18080}
REDIS=${REOS_CLUSTER_REDIS:-redis://127.0.0.1:6379}
export DB=${REOS_CLUSTER_DB:-reos_cluster} N=${REOS_CLUSTER_PROPERTIES:-200}
export PGHOST_URL=${REOS_CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}

command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
if [ -z "${REOS_BIN:-}" ]; then
  if [ -x target/release/reos ]; then REOS_BIN=target/release/reos; else
    cargo build --quiet --bin reos; REOS_BIN=target/debug/reos; fi
fi
BIN=$(realpath "$REOS_BIN"); export BIN
ops/cluster/down.sh >/dev/null 2>&1 || true
mkdir -p "$DIR"

# Database: drop, create, migrate as the owner, seed, login role reos_service (NOBYPASSRLS).
source ops/load/setup.sh
reos_bench_setup_db
echo "$DATA" >"$DIR/data_dir"

# One instance: ops/cluster/instance.sh starts (or restarts) instance I in the background.
cat >"$DIR/instance.env" <<ENV
BIN=$BIN
DATA=$DATA
DB=$DB
OWNER=$OWNER
REDIS=$REDIS
DIR=$DIR
ENV
for i in 1 2 3; do ops/cluster/instance.sh "$i"; done

cat >"$DIR/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  retries 3
  option redispatch
  retry-on conn-failure empty-response response-timeout
frontend reos
  bind 127.0.0.1:$LB_PORT
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 500ms fall 1 rise 2
$(for i in 1 2 3; do echo "  server reos-$i 127.0.0.1:$((LB_PORT + i)) check"; done)
CFG
haproxy -c -q -f "$DIR/haproxy.cfg"
haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$LB_PORT/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$LB_PORT/readyz" >/dev/null
for role in analyst operator; do
  REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$BIN" token --tenant bench --role "$role" --ttl-hours 12 | tail -n1 >"$DIR/token-$role"
done
cp "$DIR/token-analyst" "$DIR/token"
echo "three instances (reos-1..3 on ports $((LB_PORT + 1))-$((LB_PORT + 3))) behind HAProxy; tokens of tenant bench: $DIR/token-analyst, $DIR/token-operator"
echo "http://127.0.0.1:$LB_PORT"
