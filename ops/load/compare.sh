#!/usr/bin/env bash
# Side-by-side throughput of reos and PostGraphile v4 (issue 17): one PostgreSQL database seeded as
# ops/load/run.sh does (RLS, both servers connected as the RLS-bound role reos_service), the same ES256
# bearer token verified by both and the tenant set transaction-locally by both, the same logical
# queries (small: 10 property names; nested: 50 properties with totalCount, owners' shares, leases'
# tenant names, latest valuation), wrk with 2 threads and 32 connections, one server at a time; plus
# pgbench running the statements reos sends (captured from the PostgreSQL log) as the ceiling.
# Writes artifacts/bench/compare.json and artifacts/bench/compare.png.
#
# Environment: BIN (reos binary; default target/release/reos, built when missing), DURATION (30s),
# WARMUP (5s), ROUNDS (1; more repeat the whole sequence and average the rounds), N (10000), CONNS (32),
# THREADS (2), POOL (16 database connections per server), DB (reos_compare), PGHOST_URL
# (postgres://postgres@127.0.0.1:5432), PORT/PG_PORT (18181/18182), OUT (artifacts/bench/compare.json),
# PNG, PG_LOG (PostgreSQL server log; from pg_lsclusters), REUSE_DB=1 (measure the database a previous
# run left, without dropping, migrating or seeding it), VENV (~/.cache/reos-bench-venv, for matplotlib).
# Takes /tmp/reos-load.lock for the whole run (unless the caller already holds it through
# `flock /tmp/reos-load.lock ops/load/compare.sh`). Leaves the database and the run directory
# (/tmp/reos-compare.*: answers, wrk and pgbench output, CPU samples, server logs) in place.
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.."
LOCK=${LOCK:-/tmp/reos-load.lock}
if [ "${REOS_COMPARE_LOCKED:-}" != 1 ]; then
  held=0
  for fd in /proc/$$/fd/*; do [ "$(readlink "$fd" 2>/dev/null)" = "$LOCK" ] && held=1; done
  if [ "$held" = 0 ]; then
    flock -n "$LOCK" true 2>/dev/null || echo "compare: waiting for $LOCK" >&2
    exec env REOS_COMPARE_LOCKED=1 flock "$LOCK" "$SELF" "$@"
  fi
fi

N=${N:-10000}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-1}
POOL=${POOL:-16}
PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
DB=${DB:-reos_compare}
PORT=${PORT:-18181}
PG_PORT=${PG_PORT:-18182}
OUT=${OUT:-artifacts/bench/compare.json}
PNG=${PNG:-${OUT%.json}.png}
VENV=${VENV:-$HOME/.cache/reos-bench-venv}
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-}
RUN_DIR=$(mktemp -d /tmp/reos-compare.XXXXXX)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%S+00:00)
# The previous result, so the cached path's figure can be compared with the last run's.
if [ -s "$OUT" ]; then cp "$OUT" "$RUN_DIR/previous-compare.json"; fi
PGL=ops/load/postgraphile
BIG=1000000000000
for tool in wrk pgbench psql createdb dropdb node npm curl python3 pgrep getconf flock; do
  command -v "$tool" >/dev/null || { echo "compare: $tool is needed (apt-get install wrk postgresql-client nodejs npm ...)" >&2; exit 1; }
done
secs() { case $1 in *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
log() { echo "== compare: $*" >&2; }

# --- reos binary: copied into the run directory, so a rebuild during the run cannot mix builds.
if [ -z "$BIN" ]; then
  BIN="$TARGET/release/reos"
  [ -x "$BIN" ] || cargo build --release --bin reos
fi
cp "$BIN" "$RUN_DIR/reos"
BIN_MTIME=$(date -u -r "$BIN" +%Y-%m-%dT%H:%M:%SZ)
REOS="$RUN_DIR/reos"

# --- PostGraphile: exact versions from package-lock.json, reinstalled when the lock file changes.
LOCK_SUM=$(sha256sum "$PGL/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$PGL/node_modules/.reos-lock-sha256" 2>/dev/null || true)" != "$LOCK_SUM" ]; then
  log "npm ci in $PGL"
  (cd "$PGL" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SUM" >"$PGL/node_modules/.reos-lock-sha256"
fi

# --- matplotlib for the chart (a venv of its own when the system Python lacks it).
PY=python3
if ! python3 -c 'import matplotlib' 2>/dev/null; then
  if ! "$VENV/bin/python" -c 'import matplotlib' 2>/dev/null; then
    log "installing matplotlib into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q matplotlib
  fi
  PY="$VENV/bin/python"
fi

# --- database: as ops/load/run.sh (shared ops/load/setup.sh).
source ops/load/setup.sh
if [ "${REUSE_DB:-0}" = 1 ]; then # a database a previous run set up (the script leaves it in place)
  log "database $DB: reused as it is"
  OWNER="$PGHOST_URL/$DB"
  DATA=$(mktemp -d)
  psql -qAt "$OWNER" -c "SELECT 1 FROM tenants WHERE slug = 'bench'" | grep -q 1 || { echo "compare: $DB is not seeded" >&2; exit 1; }
  reos_bench_service_role
else
  log "database $DB: migrate, seed N=$N"
  reos_bench_setup_db
fi
# A steady state for every run: visibility map and hint bits set, statistics fresh, no autovacuum
# of the freshly seeded tables during a measured window.
psql -q "$OWNER" -c 'VACUUM (ANALYZE)'
SERVICE_URL="postgres://reos_service@${PGHOST_URL#*@}/$DB?sslmode=disable"
PG_HOST=$(echo "${PGHOST_URL#*@}" | cut -d: -f1)
PG_PORTNUM=$(echo "${PGHOST_URL#*@}" | cut -s -d: -f2); PG_PORTNUM=${PG_PORTNUM:-5432}
PGDATA_DIR=$(psql -At "$PGHOST_URL/postgres" -c 'show data_directory')
POSTMASTER=$(head -n1 "$PGDATA_DIR/postmaster.pid")
PG_LOG=${PG_LOG:-$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORTNUM" '$3 == p { print $NF }')}
psql -At "$OWNER" -c "SELECT coalesce(json_agg(json_build_object('policy', policyname, 'roles', roles, 'command', cmd,
  'using', qual, 'with_check', with_check)), '[]') FROM pg_policies WHERE tablename = 'properties'" >"$RUN_DIR/policy.json"
TOKEN=$(REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$REOS" token --tenant bench --role analyst --ttl-hours 2 | tail -n1)
JWKS="$DATA/dev-keys/public-key.jwk.json"
[ -s "$JWKS" ] || { echo "compare: no public JWK set at $JWKS" >&2; exit 1; }

# --- the queries: reos's text, and PostGraphile's for the same data in the same order (reos's default
# order is created_at DESC, id DESC). PostGraphile's fields are aliased to reos's names.
declare -A Q
Q[reos_small]='{ properties(first: 10) { edges { node { name } } } }'
Q[reos_nested]='{ properties(first: 50) { totalCount edges { node { owners { sharePct } leases { tenantName } latestValuation { value } } } } }'
Q[reos_nested-names]='{ properties(first: 50) { totalCount edges { node { name owners { sharePct } leases { tenantName } latestValuation { value } } } } }'
PG_ORDER='orderBy: [CREATED_AT_DESC, ID_DESC]'
PG_CHILDREN='owners: propertyOwnershipsByTenantIdAndPropertyId { nodes { sharePct } } leases: leasesByTenantIdAndPropertyId { nodes { tenantName } } latestValuation: valuationsByTenantIdAndPropertyId(first: 1, orderBy: [CREATED_AT_DESC]) { nodes { value } }'
Q[postgraphile_small]="{ properties: allProperties(first: 10, $PG_ORDER) { edges { node { name } } } }"
Q[postgraphile_nested]="{ properties: allProperties(first: 50, $PG_ORDER) { totalCount edges { node { $PG_CHILDREN } } } }"
Q[postgraphile_nested-names]="{ properties: allProperties(first: 50, $PG_ORDER) { totalCount edges { node { name $PG_CHILDREN } } } }"
for k in "${!Q[@]}"; do printf '{"query":"%s"}' "${Q[$k]}" >"$RUN_DIR/body-$k.json"; done

# --- servers
SERVER_PID=
ROLE_LOGGING=0
cleanup() {
  if [ -n "$SERVER_PID" ]; then stop_server; fi
  rm -f "$REOS" # the binary's copy (the rest of the run directory stays for inspection)
  if [ "$ROLE_LOGGING" = 1 ]; then psql -q "$PGHOST_URL/postgres" -c "ALTER ROLE reos_service RESET log_statement" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # URL
  for _ in $(seq 1 240); do
    curl -sf "$1" >/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.25
  done
  echo "compare: server not ready at $1; its log:" >&2
  cat "$SERVER_LOG" >&2
  exit 1
}

start_reos() { # NAME CACHE_ENABLED
  SERVER_KIND=reos SERVER_LOG="$RUN_DIR/serve-$1.log" URL="http://127.0.0.1:$PORT/graphql"
  # As ops/load/run.sh's runs, but with rate limiting on (budgets raised past what wrk spends).
  REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$SERVICE_URL" \
    REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" REOS_GRAPHQL__RESPONSE_CACHE__ENABLED="$2" \
    REOS_RATE_LIMIT__ENABLED=true REOS_RATE_LIMIT_COST_PER_MINUTE=$BIG REOS_RATE_LIMIT__TENANT_COST_PER_MINUTE=$BIG \
    REOS_RATE_LIMIT__IP_COST_PER_MINUTE=$BIG REOS_SEED_DEMO=false REOS_LISTEN="127.0.0.1:$PORT" \
    REOS_DATABASE_MAX_CONNECTIONS="$POOL" RUST_LOG=warn \
    "$REOS" serve >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$PORT/readyz"
}

start_postgraphile() { # NAME WORKERS
  SERVER_KIND=postgraphile SERVER_LOG="$RUN_DIR/serve-$1.log" URL="http://127.0.0.1:$PG_PORT/graphql"
  NODE_ENV=production DATABASE_URL="$SERVICE_URL" JWKS_FILE="$JWKS" POOL="$POOL" PORT="$PG_PORT" \
    node "$PGL/server.js" --workers "$2" --schema-out "$RUN_DIR/postgraphile-schema.graphql" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$PG_PORT/readyz"
  if [ "$2" -gt 1 ]; then # every worker must have built its schema: ask a few times
    for _ in $(seq 1 $((4 * $2))); do curl -sf "http://127.0.0.1:$PG_PORT/readyz" >/dev/null; done
  fi
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

server_pids() { echo "$SERVER_PID"; pgrep -P "$SERVER_PID" || true; }

ask() { # QUERY OUT_FILE: one request with the current server's text of QUERY
  local status
  status=$(curl -s -o "$2" -w '%{http_code}' -X POST "$URL" -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' --data-binary "@$RUN_DIR/body-${SERVER_KIND}_$1.json")
  [ "$status" = 200 ] || { echo "compare: $SERVER_KIND $1: HTTP $status: $(head -c 500 "$2")" >&2; exit 1; }
}

snapshot() { # FILE: "server|database|foreign|reaped PID TICKS" (utime+stime) for the server's processes and the
  # postmaster's children (background processes and the backends of $DB); "reaped": the postmaster's cutime+cstime, the CPU of the backends that have
  # exited (pgbench's connections end with the run), and the postmaster's own time as "database".
  local p
  {
    awk '/^cpu / { print "machine_busy", 0, $2 + $3 + $4 + $7 + $8 + $9; print "machine_all", 0, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
    awk -v p="$POSTMASTER" '{ sub(/^.*\) /, ""); print "database", p, $12 + $13; print "reaped", p, $14 + $15 }' "/proc/$POSTMASTER/stat"
    for p in $(server_pids); do
      [ -r "/proc/$p/stat" ] && awk -v p="$p" '{ sub(/^.*\) /, ""); print "server", p, $12 + $13 }' "/proc/$p/stat"
    done
    for p in $(pgrep -P "$POSTMASTER"); do
      # Client backends of other databases are someone else's work on this cluster ("foreign": only
      # kept so that, should one exit, its earlier CPU comes off the postmaster's reaped time).
      cmd=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) || continue
      kind=database
      if [[ $cmd =~ ^postgres:\ [^:]*:\ [^\ ]+\ ([^\ ]+)\ ([0-9.:]+\([0-9]+\)|\[local\]) ]] && [ "${BASH_REMATCH[1]}" != "$DB" ]; then
        kind=foreign
      fi
      [ -r "/proc/$p/stat" ] && awk -v p="$p" -v k="$kind" '{ sub(/^.*\) /, ""); print k, p, $12 + $13 }' "/proc/$p/stat"
    done
  } >"$1" 2>/dev/null || true
}

load() { # RUN QUERY: warm-up, measured wrk run with CPU snapshots, one answer re-checked
  local run=$1 q=$2 body
  body=$(cat "$RUN_DIR/body-${SERVER_KIND}_$q.json")
  log "round $ROUND/$ROUNDS $run: warm-up $WARMUP, then $DURATION"
  BENCH_TOKEN=$TOKEN BENCH_BODY=$body BENCH_OUT="$ROUND_DIR/warmup-$run.json" \
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s ops/load/compare/wrk.lua "$URL" >/dev/null
  snapshot "$ROUND_DIR/cpu-$run-before.txt"
  times >"$ROUND_DIR/times-$run-before.txt" # this shell's children's CPU: the delta is wrk's
  BENCH_TOKEN=$TOKEN BENCH_BODY=$body BENCH_OUT="$ROUND_DIR/wrk-$run.json" \
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s ops/load/compare/wrk.lua "$URL" >"$ROUND_DIR/wrk-$run.txt"
  times >"$ROUND_DIR/times-$run-after.txt"
  snapshot "$ROUND_DIR/cpu-$run-after.txt"
  grep -E 'Requests/sec|Latency  |99%|Non-2xx|Socket errors' "$ROUND_DIR/wrk-$run.txt" >&2 || true
  ask "$q" "$ROUND_DIR/sample-$run.json"
  "$PY" ops/load/compare/check.py shape "$q" "$SERVER_KIND" "$ROUND_DIR/sample-$run.json" "$RUN_DIR/$SERVER_KIND-$q.json" "$N"
}

# A fixed single-threaded CPU loop timed before and after the runs: on a shared virtual machine the
# speed of a core can drift during the run, which no /proc counter shows.
calibrate() { python3 -c '
import time
best = None
for _ in range(3):
    t = time.perf_counter(); s = 0
    for i in range(2_000_000): s += i
    d = time.perf_counter() - t; best = d if best is None else min(best, d)
print(round(best, 4))' >"$RUN_DIR/calibration-$1.txt"; }
calibrate start

# --- 1. capture the statements reos sends per request (log_statement for reos_service, a fresh
# server so every pooled connection picks the setting up), and keep reos's reference answers.
[ -n "$PG_LOG" ] && [ -r "$PG_LOG" ] || { echo "compare: cannot read the PostgreSQL server log '$PG_LOG' (set PG_LOG)" >&2; exit 1; }
psql -q "$PGHOST_URL/postgres" -c "ALTER ROLE reos_service SET log_statement = 'all'"
ROLE_LOGGING=1
start_reos capture false
ask small "$RUN_DIR/warm.json"; ask nested "$RUN_DIR/warm.json" # tenant, token and statement caches warm
marker() { PGOPTIONS='-c log_statement=all' psql -qAt "$OWNER" -c "SELECT 'reos-capture:$1'" >/dev/null; }
OFFSET=$(stat -c %s "$PG_LOG")
marker small; ask small "$RUN_DIR/reos-small.json"
marker nested; ask nested "$RUN_DIR/reos-nested.json"
marker end
psql -q "$PGHOST_URL/postgres" -c "ALTER ROLE reos_service RESET log_statement"
ROLE_LOGGING=0
ask nested-names "$RUN_DIR/reos-nested-names.json"
stop_server
sleep 0.5 # the log is written by the backends themselves; let the last lines land
python3 ops/load/compare/capture.py "$PG_LOG" "$OFFSET" "reos_service@$DB" "$RUN_DIR" small nested

# --- 2. PostGraphile's answers must hold the same data.
start_postgraphile check 1
for q in small nested nested-names; do ask "$q" "$RUN_DIR/postgraphile-$q.json"; done
stop_server
for q in small nested nested-names; do
  "$PY" ops/load/compare/check.py same "$q" "$RUN_DIR/reos-$q.json" "$RUN_DIR/postgraphile-$q.json" "$N"
done

# --- 3. load, one server at a time, and the ceiling: PostgreSQL alone running reos's statements
# (prepared, as reos_service) right after reos's runs. ROUNDS > 1 repeats the whole sequence
# (the summary averages the rounds), which evens out a machine whose speed drifts.
PGBENCH_CMD="pgbench -h $PG_HOST -p $PG_PORTNUM -U reos_service -M prepared -c $CONNS -j $THREADS -T $(secs "$DURATION") -n -f SCRIPT $DB"
pgbench_run() { # QUERY
  local q=$1
  log "round $ROUND/$ROUNDS pgbench $q"
  SERVER_PID=
  snapshot "$ROUND_DIR/cpu-pgbench_$q-before.txt"
  times >"$ROUND_DIR/times-pgbench_$q-before.txt"
  ${PGBENCH_CMD/SCRIPT/$RUN_DIR/pgbench-$q.sql} >"$ROUND_DIR/pgbench-$q.txt" 2>"$ROUND_DIR/pgbench-$q.err" ||
    { echo "compare: pgbench $q failed:" >&2; tail -n 20 "$ROUND_DIR/pgbench-$q.err" >&2; exit 1; }
  times >"$ROUND_DIR/times-pgbench_$q-after.txt"
  sleep 0.5 # pgbench's backends exit once it disconnects: let the postmaster reap them (their CPU is "reaped")
  snapshot "$ROUND_DIR/cpu-pgbench_$q-after.txt"
  grep -E '^tps|failed' "$ROUND_DIR/pgbench-$q.txt" >&2 || true
}
for ROUND in $(seq 1 "$ROUNDS"); do
  ROUND_DIR="$RUN_DIR/round-$ROUND"
  mkdir -p "$ROUND_DIR"
  start_reos uncached false
  load reos_small small
  load reos_nested nested
  stop_server
  pgbench_run small
  pgbench_run nested
  for w in 1 2; do
    start_postgraphile "postgraphile_${w}w" "$w"
    load "postgraphile_${w}w_small" small
    load "postgraphile_${w}w_nested" nested
    stop_server
  done
  start_reos cached true
  load reos_cached_nested nested
  stop_server
done

calibrate end

# --- 5. summary
git_commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || git_commit="$git_commit (with uncommitted changes)"
python3 - "$RUN_DIR/meta.json" <<PY
import json, sys
fairness = (
  "Both servers: the same database and RLS policies, connected as reos_service (NOBYPASSRLS, member of reos_app) "
  "without TLS, at most $POOL database connections in total (PostGraphile with 2 workers: $(( (POOL + 1) / 2 )) each), "
  "the same ES256 bearer token on every request. reos: release build, response cache off (except the cached run), "
  "rate limiting on with budgets raised (each request is priced by parse + validation), RUST_LOG=warn. "
  "PostGraphile $(node -p "require('./$PGL/node_modules/postgraphile/package.json').version") in library mode "
  "(ops/load/postgraphile/server.js, NODE_ENV=production, no GraphiQL, query log off): per request it reads "
  "Authorization: Bearer, verifies the ES256 signature against the dev public JWK set with Node's crypto, checks "
  "alg, kid, iss=reos-dev, aud=reos, exp and nbf (30 s leeway, as reos), sub, tenant and a known role, else 401; "
  "maps the tenant slug to its uuid (tenants table, cached in memory, as reos caches tenants); and passes "
  "pgSettings {app.tenant_id: uuid}, which PostGraphile sets with set_config(..., true) in the request's "
  "transaction, as reos does. Both cache a verified token until min(exp, 30 s) (reos: src/http/token_cache.rs), so "
  "with one token signature checks are rare on both. Not equal: reos also prices every request for its rate "
  "limiter (parse + validation) and runs its own guards, request log and metrics; PostGraphile has no rate limiter "
  "and no per-field role checks (it only requires a known role in the token). PostGraphile compiles each query to one SQL statement (JSON aggregation, child rows by "
  "correlated subqueries); reos sends the statements listed under pgbench_ceiling, pipelined as the ceiling's "
  "script shows (\\\\startpipeline groups: what reos writes before waiting; ops/load/compare/capture.py). The queries are the same "
  "logical query (same rows, same order: created_at DESC, id DESC; PostGraphile's latest valuation is "
  "valuations(first: 1, orderBy: CREATED_AT_DESC)), and each pair of answers was checked equal before the load runs."
)
meta = {
  "started": "$STARTED", "n": $N, "rounds": $ROUNDS, "threads": $THREADS, "connections": $CONNS, "warmup": "$WARMUP", "duration": "$DURATION",
  "database": "$DB", "clk_tck": $(getconf CLK_TCK),
  "policy": json.load(open("$RUN_DIR/policy.json")),
  "queries": {k: open(f"$RUN_DIR/body-{k}.json").read() for k in
              ("reos_small", "reos_nested", "postgraphile_small", "postgraphile_nested")},
  "pgbench_command": "$PGBENCH_CMD",
  "cached_reference_requests_per_s": [34000, 37000],
  "fairness": fairness,
  "versions": {
    "postgraphile": "$(node -p "require('./$PGL/node_modules/postgraphile/package.json').version")",
    "node": "$(node --version)",
    "postgresql": "$(psql -At "$PGHOST_URL/postgres" -c 'show server_version')",
    "wrk": "$(wrk -v 2>&1 | head -n1 | awk '{print $2}')",
    "reos_git_commit": "$git_commit",
    "reos_binary": "$BIN",
    "reos_binary_sha256": "$(sha256sum "$REOS" | cut -d' ' -f1)",
    "reos_binary_mtime": "$BIN_MTIME",
  },
}
json.dump(meta, open(sys.argv[1], "w"), indent=2)
PY
mkdir -p "$(dirname "$OUT")" "$(dirname "$PNG")"
"$PY" ops/load/compare/summary.py "$RUN_DIR" "$OUT" "$PNG"
log "wrote $OUT and $PNG (run directory $RUN_DIR)"
