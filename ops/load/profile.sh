#!/usr/bin/env bash
# Where reos's CPU goes on the full path (issue 17): the release binary serving the small and the
# nested query of ops/load/compare.sh (response cache off, rate limiting on, the database that
# compare.sh leaves in place), sampled with `perf record` while wrk loads it. Writes, per query,
# artifacts/bench/profile/LABEL-QUERY.txt: wrk's result, the server's and PostgreSQL's CPU per
# request, the self time grouped by component (crate or kernel) and the top symbols.
#
# Usage: ops/load/profile.sh LABEL. Environment: BIN (default target/release/reos), DB (reos_compare),
# PGHOST_URL, PORT (18183), POOL (16), CONNS (32), THREADS (2), SECONDS_LOADED (20).
# Needs perf (Debian's linux-perf) and wrk; run ops/load/compare.sh once first (it seeds $DB).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
LABEL=${1:?usage: ops/load/profile.sh LABEL}
BIN=${BIN:-target/release/reos}
DB=${DB:-reos_compare}
PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18183}
POOL=${POOL:-16}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
SECS=${SECONDS_LOADED:-20}
OUT_DIR=artifacts/bench/profile
for tool in perf wrk psql curl python3; do
  command -v "$tool" >/dev/null || { echo "profile: $tool is needed (apt-get install linux-perf wrk postgresql-client)" >&2; exit 1; }
done
OWNER="$PGHOST_URL/$DB"
psql -qAt "$OWNER" -c "SELECT 1 FROM tenants WHERE slug = 'bench'" | grep -q 1 ||
  { echo "profile: $DB is not seeded (run ops/load/compare.sh first)" >&2; exit 1; }
RUN=$(mktemp -d /tmp/reos-profile.XXXXXX)
cp "$BIN" "$RUN/reos"
DATA="$RUN/data"
mkdir -p "$DATA" "$OUT_DIR"
TOKEN=$(REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$RUN/reos" token --tenant bench --role analyst --ttl-hours 2 | tail -n1)
SERVICE_URL="postgres://reos_service@${PGHOST_URL#*@}/$DB?sslmode=disable"
REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$SERVICE_URL" REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" \
  REOS_GRAPHQL__RESPONSE_CACHE__ENABLED=false REOS_RATE_LIMIT__ENABLED=true \
  REOS_RATE_LIMIT_COST_PER_MINUTE=1000000000000 REOS_RATE_LIMIT__TENANT_COST_PER_MINUTE=1000000000000 \
  REOS_RATE_LIMIT__IP_COST_PER_MINUTE=1000000000000 REOS_SEED_DEMO=false REOS_LISTEN="127.0.0.1:$PORT" \
  REOS_DATABASE_MAX_CONNECTIONS="$POOL" RUST_LOG=warn "$RUN/reos" serve >"$RUN/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$RUN/reos"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.25; done
POSTMASTER=$(head -n1 "$(psql -At "$PGHOST_URL/postgres" -c 'show data_directory')/postmaster.pid")
cpu_ticks() { # the server's utime+stime, and that of every child of the postmaster (+ reaped)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$PID/stat"
  { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$POSTMASTER/stat"
    for p in $(pgrep -P "$POSTMASTER"); do awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null || true; done
  } | awk '{ s += $1 } END { print s }'
}
declare -A Q
Q[small]='{ properties(first: 10) { edges { node { name } } } }'
Q[nested]='{ properties(first: 50) { totalCount edges { node { owners { sharePct } leases { tenantName } latestValuation { value } } } } }'
for q in small nested; do
  body=$(printf '{"query":"%s"}' "${Q[$q]}")
  BENCH_TOKEN=$TOKEN BENCH_BODY=$body BENCH_OUT=/dev/null \
    wrk -t"$THREADS" -c"$CONNS" -d3s -s ops/load/compare/wrk.lua "http://127.0.0.1:$PORT/graphql" >/dev/null
  read -r s0 d0 < <(cpu_ticks | paste -sd' ')
  BENCH_TOKEN=$TOKEN BENCH_BODY=$body BENCH_OUT="$RUN/wrk-$q.json" \
    wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s ops/load/compare/wrk.lua "http://127.0.0.1:$PORT/graphql" >"$RUN/wrk-$q.txt" &
  WRK=$!
  sleep 2
  perf record -q -F 499 -p "$PID" -o "$RUN/perf-$q.data" -- sleep $((SECS - 4)) 2>/dev/null
  wait $WRK
  read -r s1 d1 < <(cpu_ticks | paste -sd' ')
  perf report -i "$RUN/perf-$q.data" --no-children --sort dso,symbol --stdio --percent-limit 0.01 2>/dev/null \
    | grep -E '^ +[0-9]' >"$RUN/symbols-$q.txt" || true
  python3 - "$LABEL" "$q" "$RUN" "$s0" "$s1" "$d0" "$d1" "$(getconf CLK_TCK)" "$(git rev-parse --short HEAD)" <<'EOF' >"$OUT_DIR/$LABEL-$q.txt"
import re, sys
label, q, run, s0, s1, d0, d1, hz, commit = sys.argv[1:]
wrk = open(f"{run}/wrk-{q}.txt").read()
reqs = int(re.search(r"(\d+) requests in", wrk).group(1))
rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1)
p99 = re.search(r"Latency Distribution.*?99%\s+(\S+)", wrk, re.S).group(1)
ms = lambda a, b: (int(b) - int(a)) * 1000 / int(hz) / reqs
print(f"# reos CPU profile: {label}, query {q} (commit {commit}; ops/load/profile.sh)")
print(f"requests/s {rps}, p99 {p99}, {reqs} requests")
print(f"CPU per request: server {ms(s0, s1):.3f} ms, PostgreSQL {ms(d0, d1):.3f} ms")
rows = []
for line in open(f"{run}/symbols-{q}.txt"):
    m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[^\]]*\]\s+(.*)$", line)
    if m:
        rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
def component(dso, sym):
    if dso.startswith("[kernel"): return "kernel (syscalls, network, scheduling)"
    if "libc" in dso: return "libc"
    m = re.match(r"(?:_?<)?([a-z_][a-z0-9_]*)::", sym)
    return m.group(1) if m else ("mimalloc" if "mi_" in sym else "other")
groups = {}
for pct, dso, sym in rows:
    k = component(dso, sym)
    groups[k] = groups.get(k, 0) + pct
print("\n## self time by component (% of the server's samples)")
for k, v in sorted(groups.items(), key=lambda kv: -kv[1])[:25]:
    print(f"{v:6.2f}%  {k}")
print("\n## top symbols")
for pct, dso, sym in rows[:40]:
    print(f"{pct:6.2f}%  {sym[:150]}")
EOF
  head -3 "$OUT_DIR/$LABEL-$q.txt" | tail -2
done
