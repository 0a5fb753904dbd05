#!/usr/bin/env bash
# Vendors the GraphiQL page's third-party files into assets/graphiql/ (served from the binary by
# src/http/graphiql.rs): `npm pack`s the pinned packages (npm checks each tarball's integrity),
# copies the minified UMD builds and each package's LICENSE beside them, and rewrites
# assets/graphiql/SHA256SUMS. To update, change a version below, run this, then run
# `cargo test --test graphiql_browser` (GraphiQL 4 and later ship no UMD build: stay on 3.x).
#
#   ops/graphiql/update.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

GRAPHIQL=3.9.0
REACT=18.3.1

out=assets/graphiql
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
unpack() { mkdir -p "$tmp/$1" && tar -xzf "$tmp/$1-$2.tgz" -C "$tmp/$1" --strip-components=1; }
unpack graphiql "$GRAPHIQL"
unpack react "$REACT"
unpack react-dom "$REACT"

copy() { # copy PACKAGE FILE... : into $out/PACKAGE/, with the package's LICENSE
  local pkg=$1
  shift
  rm -rf "${out:?}/$pkg"
  mkdir -p "$out/$pkg"
  for f in "$@" LICENSE; do cp "$tmp/$pkg/$f" "$out/$pkg/"; done
}
copy graphiql graphiql.min.js graphiql.min.css
copy react umd/react.production.min.js
copy react-dom umd/react-dom.production.min.js

(cd "$out" && sha256sum graphiql/* react/* react-dom/* >SHA256SUMS)
echo "vendored graphiql@$GRAPHIQL, react@$REACT, react-dom@$REACT into $out:"
du -ch "$out"/graphiql/* "$out"/react/* "$out"/react-dom/* | tail -n1
