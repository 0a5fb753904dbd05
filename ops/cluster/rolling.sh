#!/usr/bin/env bash
# Rolling restart under steady load (issue #18): brings the cluster up (ops/cluster/up.sh), sends
# ops/cluster/load.py's query through HAProxy at a fixed rate, restarts the three instances one
# after the other (SIGTERM → /readyz red → grace → drain → exit → start again → back in rotation)
# and writes what the load saw to artifacts/cluster/rolling-restart.json. Exits 1 if any request
# failed. Then a SIGKILL of one instance, reported separately (its in-flight requests may fail).
#   ops/cluster/rolling.sh [RATE]     # requests per second, default 50
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-50}
DIR=${REOS_CLUSTER_DIR:-/tmp/reos-cluster}
OUT=artifacts/cluster
mkdir -p "$OUT"
URL=$(ops/cluster/up.sh | tail -n1)
TOKEN=$(cat "$DIR/token")
trap 'ops/cluster/down.sh >/dev/null' EXIT

load() { # NAME: starts the load in the background
  rm -f "$DIR/stop"
  python3 ops/cluster/load.py "$URL" "$TOKEN" "$RATE" "$DIR/stop" "$DIR/$1.json" &
  LOAD=$!
}
finish() { # NAME: stops the load and waits for its summary
  touch "$DIR/stop"; wait "$LOAD"
}

load rolling
sleep 3
for i in 1 2 3; do
  pid=$(cat "$DIR/reos-$i.pid")
  echo "restarting reos-$i (pid $pid)"
  kill -TERM "$pid"
  # Gone, or a zombie waiting for its reaper.
  while [ -e "/proc/$pid" ] && ! grep -q ') Z' "/proc/$pid/stat" 2>/dev/null; do sleep 0.1; done
  ops/cluster/instance.sh "$i"
  sleep 2   # HAProxy's `rise 2` at 500 ms: back in rotation
done
sleep 3
finish rolling

load sigkill
sleep 3
pid=$(cat "$DIR/reos-2.pid")
echo "killing reos-2 (pid $pid) with SIGKILL"
kill -KILL "$pid"
sleep 3
ops/cluster/instance.sh 2
sleep 3
finish sigkill

python3 - "$DIR" "$OUT" "$RATE" <<'PY'
import json, sys, datetime
d, out, rate = sys.argv[1], sys.argv[2], sys.argv[3]
r = {k: json.load(open(f"{d}/{k}.json")) for k in ("rolling", "sigkill")}
report = {
    "what": "ops/cluster/rolling.sh: three reos instances behind HAProxy (health check /readyz every 500 ms, "
            "fall 1, rise 2, retry-on conn-failure/empty-response), steady load of one GraphQL query at "
            f"{rate}/s through the balancer; 'rolling_restart': each instance SIGTERMed in turn "
            "(drain_grace_secs 2, then the drain), restarted and back in rotation before the next; "
            "'sigkill': one instance killed with SIGKILL and restarted.",
    "measured_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "rolling_restart": r["rolling"],
    "sigkill": r["sigkill"],
}
json.dump(report, open(f"{out}/rolling-restart.json", "w"), indent=2)
print(json.dumps({k: {x: report[k][x] for x in ("sent", "ok", "failed")} for k in ("rolling_restart", "sigkill")}))
sys.exit(1 if r["rolling"]["failed"] else 0)
PY
