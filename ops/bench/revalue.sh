#!/usr/bin/env bash
# The nightly revaluation at scale (issue #18): a fresh PostgreSQL database (reos_bench_revalue)
# seeded like the load test with N properties of tenant `bench` (ops/load/seed.sql: four property
# types around Ames, two leases each), plus what a DCF needs (assumptions and the `office`
# leasing profile) and the Ames sales for Comp-Critic; then one `revalue` job run to the end by
# `reos jobs run revalue --wait` (this process is the worker), timed. Writes
# artifacts/bench/revalue.json: properties, seconds, per property, and the job's counts.
#   ops/bench/revalue.sh [N]              # default 10,000; REOS_BIN to use a built binary
set -euo pipefail
cd "$(dirname "$0")/../.."
export N=${1:-10000} DB=reos_bench_revalue PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
if [ -z "${REOS_BIN:-}" ]; then
  cargo build --release --bin reos
  REOS_BIN=${CARGO_TARGET_DIR:-target}/release/reos
fi
BIN=$(realpath "$REOS_BIN"); export BIN
source ops/load/setup.sh
reos_bench_setup_db
psql -q "$OWNER" <<'SQL'
INSERT INTO dcf_assumptions (id, tenant_id, property_id, analysis_start, hold_years, discount_rate, exit_cap_rate,
  selling_cost_pct, closing_cost_pct, market_rent_growth, expense_growth, general_vacancy_pct, other_income_annual,
  management_fee_pct, capital_reserve_annual, concessions_pct, bad_debt_pct, created_at, updated_at)
SELECT gen_random_uuid(), tenant_id, id, date '2026-01-01', 5, 0.08, 0.07, 0.02, 0.01, 0.03, 0.03, 0.05, 0, 0.03, 0,
  0, 0, now(), now() FROM properties;
INSERT INTO market_leasing_profiles (id, tenant_id, property_id, name, market_rent_psf, term_years, renewal_probability,
  downtime_months, free_rent_new_months, free_rent_renewal_months, ti_new_psf, ti_renewal_psf, lc_new_pct,
  lc_renewal_pct, escalation_pct, recovery, created_at, updated_at)
SELECT gen_random_uuid(), tenant_id, id, 'office', 26, 5, 0.7, 6, 3, 1, 30, 10, 0.06, 0.03, 0.03, 'nnn', now(), now()
FROM properties;
VACUUM ANALYZE;
SQL
env=(REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="postgres://reos_service@127.0.0.1:5432/$DB?sslmode=disable"
  REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" RUST_LOG=warn)
env "${env[@]}" "$BIN" import sales data/ames-sales.csv --tenant bench >/dev/null
start=$(date +%s.%N)
env "${env[@]}" "$BIN" jobs run revalue --tenant bench --wait | tail -n1
end=$(date +%s.%N)
env "${env[@]}" "$BIN" jobs list --tenant bench --json >"$DATA/jobs.json"
mkdir -p artifacts/bench
python3 - "$DATA/jobs.json" "$start" "$end" "$N" "$BIN" <<'PY'
import json, sys, subprocess
jobs, start, end, n, binary = json.load(open(sys.argv[1])), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
job = jobs[0]
secs = end - start
p = job["progress"]
out = {
    "what": "ops/bench/revalue.sh: one `revalue` job over every property of a fresh PostgreSQL tenant "
            "(ops/load/seed.sql, DCF assumptions and an `office` leasing profile per property, the Ames sales "
            "for Comp-Critic), run by `reos jobs run revalue --wait` on this machine (2 cores, PostgreSQL local)",
    "binary": binary,
    "properties": n,
    "seconds": round(secs, 1),
    "ms_per_property": round(1000 * secs / max(n, 1), 2),
    "status": job["status"],
    "comps_valuations": p.get("counts", {}).get("comps", 0),
    "dcf_valuations": p.get("counts", {}).get("dcf", 0),
    "skipped": p.get("skipped"),
    "target": "100,000 properties in 5 minutes (3 ms per property)",
}
json.dump(out, open("artifacts/bench/revalue.json", "w"), indent=2)
print(json.dumps(out, indent=2))
PY
