#!/usr/bin/env bash
# Peak RSS of the real server under ten concurrent 60 MB multipart uploads, without and with a
# token (tests/uploads_memory.rs, release build), recorded in artifacts/bench/uploads.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
REOS_UPLOAD_BENCH_OUT="$PWD/artifacts/bench/uploads.json" \
  cargo test --release --test uploads_memory -- --nocapture
cat artifacts/bench/uploads.json
