#!/usr/bin/env bash
# Starts (or finds running) a single-node Garage S3 server on loopback for reos's S3 tests and for
# local development, and makes sure the test bucket and key exist. Idempotent: a second run with a
# server already up only re-checks bucket and key. Used by .ci/run and by hand:
#
#   ops/garage/start.sh            # then: source "${REOS_GARAGE_DIR:-/tmp/reos-garage}/env"
#   ops/garage/start.sh stop
#
# Ports (loopback only): S3 API 13900, RPC 13901, admin API 13903. Needs `garage` on PATH
# (`cargo install garage --locked`).
set -euo pipefail

dir="${REOS_GARAGE_DIR:-/tmp/reos-garage}"
bucket="${REOS_GARAGE_BUCKET:-reos-test}"
# Test-only credentials for a loopback server (Garage accepts imported keys of this shape).
key_id="${REOS_GARAGE_KEY_ID:-GKreostest0000000000000001}"
secret="${REOS_GARAGE_SECRET:-reos-test-secret-0000000000000000000000000000000000000000000001}"
config="$dir/garage.toml"
garage() { command garage -c "$config" "$@"; }

if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$dir/garage.pid" ]] && kill -0 "$(cat "$dir/garage.pid")" 2>/dev/null; then
    kill "$(cat "$dir/garage.pid")"
    echo "garage stopped"
  fi
  exit 0
fi

command -v garage >/dev/null || { echo "garage is not installed (cargo install garage --locked)" >&2; exit 1; }
mkdir -p "$dir/meta" "$dir/data"
if [[ ! -f "$config" ]]; then
  rpc_secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  admin_token=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
  cat >"$config" <<TOML
metadata_dir = "$dir/meta"
data_dir = "$dir/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:13901"
rpc_public_addr = "127.0.0.1:13901"
rpc_secret = "$rpc_secret"

[s3_api]
s3_region = "us-east-1"
api_bind_addr = "127.0.0.1:13900"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:13903"
admin_token = "$admin_token"
TOML
fi

up() { (exec 3<>/dev/tcp/127.0.0.1/13900) 2>/dev/null; }
if ! up; then
  echo "starting garage in $dir"
  setsid nohup garage -c "$config" server >"$dir/garage.log" 2>&1 </dev/null &
  echo $! >"$dir/garage.pid"
  for _ in $(seq 1 60); do up && break; sleep 0.5; done
  up || { echo "garage did not start; see $dir/garage.log" >&2; tail -n 20 "$dir/garage.log" >&2; exit 1; }
fi

# Layout: one node, zone dc1, 1 GB; applied once.
for _ in $(seq 1 30); do garage status >/dev/null 2>&1 && break; sleep 0.5; done
if garage layout show 2>/dev/null | grep -q "Current cluster layout version: 0$"; then
  node=$(garage node id -q | cut -d@ -f1)
  garage layout assign -z dc1 -c 1G "$node" >/dev/null
  garage layout apply --version 1 >/dev/null
fi
garage bucket info "$bucket" >/dev/null 2>&1 || garage bucket create "$bucket" >/dev/null
garage key info "$key_id" >/dev/null 2>&1 || garage key import --yes -n reos-test "$key_id" "$secret" >/dev/null
garage bucket allow --read --write --owner "$bucket" --key "$key_id" >/dev/null

cat >"$dir/env" <<ENV
export REOS_TEST_S3_ENDPOINT=http://127.0.0.1:13900
export REOS_TEST_S3_BUCKET=$bucket
export REOS_TEST_S3_ACCESS_KEY_ID=$key_id
export REOS_TEST_S3_SECRET_ACCESS_KEY=$secret
export REOS_TEST_S3_REGION=us-east-1
ENV
echo "garage ready: s3 http://127.0.0.1:13900 bucket $bucket (source $dir/env)"
