#!/usr/bin/env bash
# What the small listing query (issue #17: the first 10 properties, `name` only) costs PostgreSQL
# in different request shapes, measured with pgbench on one seeded database (ops/load/setup.sh:
# 10,000 properties of tenant `bench` among five, RLS on, connected as reos_service) — the
# ceiling each shape would give a server that adds nothing:
#   four_round_trips       BEGIN, the tenant's set_config, SELECT of every column, ROLLBACK (reos today)
#   begin_with_tenant      BEGIN and set_config in one round trip, then the SELECT, then ROLLBACK
#   one_round_trip         all four pipelined in one round trip (PostgreSQL's pipeline mode)
#   selected_columns       four round trips, the SELECT reading id, name and created_at only
#   one_round_trip_selected  both
# Writes artifacts/bench/pgbench-shapes.json.
#   ops/load/pgbench_shapes.sh            # DURATION (15), CLIENTS (32), N (10000); REUSE_DB=1 keeps the database
set -euo pipefail
cd "$(dirname "$0")/../.."
export DB=${DB:-reos_pgbench_shapes} N=${N:-10000} PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
DURATION=${DURATION:-15}
CLIENTS=${CLIENTS:-32}
OUT=${OUT:-artifacts/bench/pgbench-shapes.json}
if [ -z "${BIN:-}" ]; then
  cargo build --quiet --bin reos
  BIN=${CARGO_TARGET_DIR:-target}/debug/reos
fi
BIN=$(realpath "$BIN"); export BIN
source ops/load/setup.sh
if [ "${REUSE_DB:-}" != 1 ]; then reos_bench_setup_db >/dev/null; fi
OWNER="$PGHOST_URL/$DB"
tenant=$(psql -qAt "$OWNER" -c "SELECT tenant_id FROM properties GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
columns=$(psql -qAt "$OWNER" -c "SELECT string_agg(format('%I.%I', 'properties', column_name), ', ' ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_name = 'properties'")
dir=$(mktemp -d)
page() {
  echo "SELECT $1 FROM properties WHERE properties.tenant_id = '$tenant' ORDER BY properties.created_at DESC, properties.id DESC LIMIT 11;"
}
set_tenant="SELECT set_config('app.tenant_id', '$tenant', true), set_config('transaction_read_only', 'on', true);"
all=$(page "$columns")
few=$(page "properties.id, properties.name, properties.created_at")
printf 'BEGIN;\n%s\n%s\nROLLBACK;\n' "$set_tenant" "$all" >"$dir/four_round_trips.sql"
printf '\\startpipeline\nBEGIN;\n%s\n\\endpipeline\n%s\nROLLBACK;\n' "$set_tenant" "$all" >"$dir/begin_with_tenant.sql"
printf '\\startpipeline\nBEGIN;\n%s\n%s\nROLLBACK;\n\\endpipeline\n' "$set_tenant" "$all" >"$dir/one_round_trip.sql"
printf 'BEGIN;\n%s\n%s\nROLLBACK;\n' "$set_tenant" "$few" >"$dir/selected_columns.sql"
printf '\\startpipeline\nBEGIN;\n%s\n%s\nROLLBACK;\n\\endpipeline\n' "$set_tenant" "$few" >"$dir/one_round_trip_selected.sql"
shapes="four_round_trips begin_with_tenant one_round_trip selected_columns one_round_trip_selected"
for s in $shapes; do
  pgbench -h 127.0.0.1 -p 5432 -U reos_service -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" -n \
    -f "$dir/$s.sql" "$DB" >"$dir/$s.out" 2>&1
  echo "$s: $(grep -E '^tps' "$dir/$s.out")" >&2
done
mkdir -p "$(dirname "$OUT")"
python3 - "$dir" "$OUT" "$DURATION" "$CLIENTS" "$N" $shapes <<'PY'
import json, re, sys, datetime
d, out, duration, clients, n, shapes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
runs = {}
for s in shapes:
    text = open(f"{d}/{s}.out").read()
    num = lambda pat: float(re.search(pat, text).group(1))
    runs[s] = {
        "tps": round(num(r"tps = ([\d.]+)"), 1),
        "latency_avg_ms": num(r"latency average = ([\d.]+) ms"),
        "failed": int(num(r"number of failed transactions: (\d+)")),
        "statements": open(f"{d}/{s}.sql").read(),
    }
base = runs[shapes[0]]["tps"]
for r in runs.values():
    r["vs_four_round_trips"] = round(r["tps"] / base, 2)
json.dump({
    "what": "ops/load/pgbench_shapes.sh: PostgreSQL's ceiling for the small listing query in different request shapes "
            "(pgbench -M prepared, pipeline mode where named), one seeded database, RLS on, as reos_service",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "clients": int(clients), "duration_s": int(duration), "properties_in_tenant": int(n),
    "runs": runs,
}, open(out, "w"), indent=2)
print(out)
PY
