#!/usr/bin/env bash
# The project's test command: formatting, vet, every test with the race detector (which needs
# cgo and a C compiler; without them the tests run without it, and say so), then every
# benchmark once, so that their own checks of what they measure run too (about 15 s).
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" $unformatted >&2
  exit 1
fi
go vet ./...
race=-race
if [ "$(go env CGO_ENABLED)" != 1 ] || ! command -v "$(go env CC)" >/dev/null 2>&1; then
  echo "test.sh: no cgo or C compiler here: running the tests without the race detector" >&2
  race=
fi
go test $race -count=1 ./...
benchmarks=$(mktemp)
trap 'rm -f "$benchmarks"' EXIT
if ! go test -count=1 -run '^$' -bench . -benchtime 1x ./... >"$benchmarks" 2>&1; then
  cat "$benchmarks"
  exit 1
fi
echo "benchmarks: each ran once and checked what it measures"
