#!/usr/bin/env bash
# API load benchmark (issue 2): PostgreSQL seeded with N properties for tenant `bench` among five
# tenants, a release `reos serve` connected as the RLS-bound service role, and wrk sending
# `properties(first: 50)` with owners, leases and latest valuation nested at CONNS connections.
# Writes artifacts/bench/api.json. Server, database and load generator share this machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-10000}
CONNS=${CONNS:-32}
DURATION=${DURATION:-30s}
PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
DB=reos_bench
PORT=${PORT:-18181}
TARGET=${CARGO_TARGET_DIR:-target}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

cargo build --release --bin reos
BIN="$TARGET/release/reos"
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
OWNER="$PGHOST_URL/$DB"
DATA=$(mktemp -d)
REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$BIN" migrate up
psql -q "$OWNER" -v n="$N" -f ops/load/seed.sql
psql -q "$PGHOST_URL/postgres" -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reos_service') THEN
    CREATE ROLE reos_service LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END \$\$; GRANT reos_app TO reos_service;"

# Loopback: no TLS to the database (sqlx would otherwise negotiate it; ~9% of server CPU).
# Rate limits off: the load generator is one client spending far more than any user's budget.
REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="postgres://reos_service@127.0.0.1:5432/$DB?sslmode=disable" \
  REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" \
  REOS_RATE_LIMIT__ENABLED=false REOS_SEED_DEMO=false REOS_LISTEN="127.0.0.1:$PORT" REOS_DATABASE_MAX_CONNECTIONS=${POOL:-16} RUST_LOG=warn \
  "$BIN" serve >"$DATA/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
TOKEN=$(REOS_DATA_DIR="$DATA" "$BIN" token --tenant bench --role analyst --ttl-hours 2 | tail -n1)
export REOS_BENCH_TOKEN="$TOKEN"
export REOS_BENCH_OUT="$DATA/warmup.json"
wrk -t2 -c"$CONNS" -d5s -s ops/load/query.lua "http://127.0.0.1:$PORT/graphql" >/dev/null
export REOS_BENCH_OUT="$DATA/wrk.json"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s ops/load/query.lua "http://127.0.0.1:$PORT/graphql" | tee "$DATA/wrk.txt"
# One response checked for shape, so a stream of errors cannot pass as throughput.
curl -s -X POST "http://127.0.0.1:$PORT/graphql" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"query":"{ properties(first: 50) { totalCount edges { node { owners { sharePct } leases { tenantName } latestValuation { value } } } } }"}' \
  >"$DATA/sample.json"
mkdir -p artifacts/bench
python3 - "$DATA" "$N" "$CONNS" "$DURATION" <<'PY'
import json, os, platform, subprocess, sys, datetime
data, n, conns, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
res = json.load(open(os.path.join(data, "wrk.json")))
sample = json.load(open(os.path.join(data, "sample.json")))
edges = sample["data"]["properties"]["edges"]
assert len(edges) == 50 and all(e["node"]["owners"] and e["node"]["leases"] for e in edges), "unexpected response"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
out = {
    "what": "POST /graphql properties(first: 50) with owners, leases, latestValuation nested; tenant of 10k among five; PostgreSQL with RLS as service role",
    "properties_in_tenant": n, "total_count_seen": sample["data"]["properties"]["totalCount"],
    "connections": conns, "duration": duration, "tool": "wrk (ops/load/query.lua)",
    **res,
    "targets": {"requests_per_s": ">= 3000", "p99_ms": "<= 30"},
    "meets_targets": res["requests_per_s"] >= 3000 and res["latency_ms"]["p99"] <= 30,
    "machine": {"cores": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
                "note": "server, PostgreSQL and wrk on the same 2-core machine"},
    "statements_per_request": "constant in page size: tests/api/properties.rs asserts 50 vs 5 properties cost the same (8 on SQLite incl. BEGIN/COMMIT)",
    "date": datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z",
}
json.dump(out, open("artifacts/bench/api.json", "w"), indent=2)
print(json.dumps(out, indent=2))
PY
