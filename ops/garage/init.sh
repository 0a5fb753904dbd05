#!/bin/sh
# One-time setup of the compose stack's Garage node: single-node layout, the `reos` bucket, and
# the access key reos uses (the same id/secret as REOS_S3_* in ops/docker-compose.yml).
# Run from anywhere after `docker compose -f ops/docker-compose.yml up -d garage`. Re-running
# skips what already exists.
set -eu
compose="docker compose -f $(dirname "$0")/../docker-compose.yml"
g() { $compose exec -T garage /garage "$@"; }

KEY_ID=${REOS_S3_ACCESS_KEY_ID:-GK0123456789abcdef01234567}
SECRET=${REOS_S3_SECRET_ACCESS_KEY:-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef}
BUCKET=${REOS_S3_BUCKET:-reos}

node=$(g node id -q | cut -d@ -f1)
if g layout show | grep -q "$(echo "$node" | cut -c1-16)"; then
  echo "layout already assigned"
else
  g layout assign -z dc1 -c 1G "$node"
  g layout apply --version 1
fi
g bucket info "$BUCKET" >/dev/null 2>&1 || g bucket create "$BUCKET"
g key info "$KEY_ID" >/dev/null 2>&1 || g key import --yes -n reos "$KEY_ID" "$SECRET"
g bucket allow --read --write --owner "$BUCKET" --key "$KEY_ID"
g bucket info "$BUCKET"
