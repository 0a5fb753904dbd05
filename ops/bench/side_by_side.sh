#!/usr/bin/env bash
# Two release builds of reos measured side by side on this machine in one run, so a refactoring
# can show it made nothing slower: the property pipeline (`reos bench pipeline`, PostgreSQL),
# Comp-Critic (`reos bench comps`) and the API load (ops/load/run.sh: cached, uncached, cached with
# rate limiting), each measured for both builds back to back, ROUNDS times, alternating which goes first.
# Writes artifacts/bench/side-by-side.json (medians and every run); the second build's last
# results also refresh artifacts/bench/{pipeline,comps,api}.json.
# Usage: ops/bench/side_by_side.sh OLD_BIN NEW_BIN [OLD_LABEL] [NEW_LABEL]
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=$1
NEW=$2
LOLD=${3:-old}
LNEW=${4:-new}
ROUNDS=${ROUNDS:-2}
ROWS=${ROWS:-50000}
PG=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
WORK=$(mktemp -d)
echo "work folder: $WORK" >&2

pipeline() { # LABEL BIN OUT
  dropdb -h 127.0.0.1 -U postgres --if-exists reos_bench_pipeline
  createdb -h 127.0.0.1 -U postgres reos_bench_pipeline
  REOS_DATA_DIR="$WORK/data-$1" REOS_DATABASE_URL="$PG/reos_bench_pipeline?sslmode=disable" REOS_SEED_DEMO=false \
    RUST_LOG=warn "$2" bench pipeline --rows "$ROWS" --out "$3" >/dev/null
}
comps() { REOS_DATA_DIR="$WORK/data-$1" RUST_LOG=warn "$2" bench comps --csv data/ames-sales.csv --out "$3" >/dev/null; }
api() { BIN="$2" OUT="$3" ops/load/run.sh >/dev/null 2>&1; }

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="$LOLD $LNEW"; else order="$LNEW $LOLD"; fi
  for what in pipeline comps api; do
    for label in $order; do
      bin=$OLD
      [ "$label" = "$LNEW" ] && bin=$NEW
      echo "round $round: $what, $label" >&2
      $what "$label" "$bin" "$WORK/$what-$label-$round.json"
    done
  done
done
cp "$WORK/pipeline-$LNEW-$ROUNDS.json" artifacts/bench/pipeline.json
cp "$WORK/comps-$LNEW-$ROUNDS.json" artifacts/bench/comps.json
cp "$WORK/api-$LNEW-$ROUNDS.json" artifacts/bench/api.json

python3 - "$WORK" "$LOLD" "$LNEW" "$ROUNDS" <<'PY'
import json, os, statistics, sys, datetime
work, old, new, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def load(what, label):
    return [json.load(open(os.path.join(work, f"{what}-{label}-{r}.json"))) for r in range(1, rounds + 1)]
metrics = {
    "pipeline_properties_per_s": ("pipeline", lambda j: j["properties_per_s"], "higher"),
    "comps_fit_ms": ("comps", lambda j: j["full_pool_fit_ms_median"], "lower"),
    "comps_per_valuation_ms": ("comps", lambda j: j["one_valuation_full_pool"]["per_valuation_ms"], "lower"),
    "comps_backtest_s": ("comps", lambda j: j["backtest"]["seconds_median"], "lower"),
    "api_cached_req_per_s": ("api", lambda j: j["cached"]["requests_per_s"], "higher"),
    "api_cached_p99_ms": ("api", lambda j: j["cached"]["latency_ms"]["p99"], "lower"),
    "api_uncached_req_per_s": ("api", lambda j: j["uncached"]["requests_per_s"], "higher"),
    "api_uncached_p99_ms": ("api", lambda j: j["uncached"]["latency_ms"]["p99"], "lower"),
    "api_rate_limited_req_per_s": ("api", lambda j: j["cached_rate_limited"]["requests_per_s"], "higher"),
    "api_rate_limited_p99_ms": ("api", lambda j: j["cached_rate_limited"]["latency_ms"]["p99"], "lower"),
}
out = {"builds": {"old": old, "new": new}, "rounds": rounds, "metrics": {}}
for name, (what, get, better) in metrics.items():
    o = [get(j) for j in load(what, old)]
    n = [get(j) for j in load(what, new)]
    mo, mn = statistics.median(o), statistics.median(n)
    out["metrics"][name] = {"better": better, old: o, new: n, "median_" + old: mo, "median_" + new: mn,
                            "new_over_old": round(mn / mo, 3) if mo else None}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
out["machine"] = {"cores": os.cpu_count(), "cpu": cpu, "note": "server, PostgreSQL and load generator share the machine"}
out["date"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
json.dump(out, open("artifacts/bench/side-by-side.json", "w"), indent=2)
for name, m in out["metrics"].items():
    print(f"{name:30} {old} {m['median_' + old]:>10.3f}   {new} {m['median_' + new]:>10.3f}   new/old {m['new_over_old']} ({m['better']} is better)")
PY
