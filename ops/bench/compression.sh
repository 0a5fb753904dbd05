#!/usr/bin/env bash
# Bytes on the wire with and without compression (issue #19): the load benchmark's nested query
# (ops/load/query.lua: properties(first: 50) with owners, leases and latest valuation) against
# PostgreSQL seeded as ops/load/run.sh seeds it, asked with Accept-Encoding identity, gzip and br;
# also GraphiQL's largest file. Each compressed answer is decoded and compared with the identity
# one. Writes artifacts/bench/compression.json. The byte counts do not depend on the build profile
# (BIN may name a debug build); the release build is the default like the other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-10000}
PGHOST_URL=${PGHOST_URL:-postgres://postgres@127.0.0.1:5432}
DB=reos_bench_compression
PORT=${PORT:-18183}
BIN=${BIN:-}
OUT=${OUT:-artifacts/bench/compression.json}
if [ -z "$BIN" ]; then
  cargo build --release --bin reos
  BIN="${CARGO_TARGET_DIR:-target}/release/reos"
fi
source ops/load/setup.sh
reos_bench_setup_db
REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="postgres://reos_service@127.0.0.1:5432/$DB?sslmode=disable" \
  REOS_DATABASE_OWNER_URL="$OWNER?sslmode=disable" REOS_RATE_LIMIT__ENABLED=false REOS_SEED_DEMO=false \
  REOS_LISTEN="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve >"$DATA/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
TOKEN=$(REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$BIN" token --tenant bench --role analyst --ttl-hours 1 | tail -n1)
BODY=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' ops/load/query.lua)
ASSET=$(curl -s "http://127.0.0.1:$PORT/graphql" | grep -o 'graphiql/graphiql\.min\.[0-9a-f]*\.js' | head -n1)
for enc in identity gzip br; do
  curl -s -X POST "http://127.0.0.1:$PORT/graphql" -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' -H "accept-encoding: $enc" -d "$BODY" \
    -D "$DATA/query-$enc.headers" -o "$DATA/query-$enc.body"
  curl -s "http://127.0.0.1:$PORT/$ASSET" -H "accept-encoding: $enc" \
    -D "$DATA/asset-$enc.headers" -o "$DATA/asset-$enc.body"
done
mkdir -p "$(dirname "$OUT")"
python3 - "$DATA" "$N" "$OUT" "$ASSET" <<'PY'
import datetime, gzip, json, os, sys
data, n, out_path, asset = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def encoding(path):
    for line in open(path):
        if line.lower().startswith("content-encoding:"):
            return line.split(":", 1)[1].strip()
    return "identity"

def measure(kind):
    plain = open(os.path.join(data, f"{kind}-identity.body"), "rb").read()
    row = {"identity_bytes": len(plain)}
    for enc in ("gzip", "br"):
        body = open(os.path.join(data, f"{kind}-{enc}.body"), "rb").read()
        got = encoding(os.path.join(data, f"{kind}-{enc}.headers"))
        assert got == enc, f"{kind}: asked for {enc}, got {got}"
        if enc == "gzip":
            assert gzip.decompress(body) == plain, f"{kind}: gzip does not decode to the identity answer"
        row[f"{enc}_bytes"] = len(body)
        row[f"{enc}_saved_pct"] = round(100 * (1 - len(body) / len(plain)), 1)
    return row

query = measure("query")
edges = json.load(open(os.path.join(data, "query-identity.body")))["data"]["properties"]["edges"]
assert len(edges) == 50, "unexpected answer"
out = {
    "what": "bytes on the wire with Accept-Encoding identity, gzip and br (actix-web Compress: brotli quality 3, gzip fast), compression_min_bytes = 1024",
    "nested_query": {"query": "ops/load/query.lua (properties(first: 50) with owners, leases, latestValuation)", "properties_in_tenant": n, **query},
    "graphiql_bundle": {"file": asset, **measure("asset")},
    "checked": "each gzip answer decodes to the identity answer byte for byte (brotli is decoded in tests/api/web_app.rs)",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
}
json.dump(out, open(out_path, "w"), indent=2)
print(json.dumps(out, indent=2))
PY
