#!/usr/bin/env bash
# The project's test command: formatting, vet, then every test with the race detector (which
# needs cgo and a C compiler; without them the tests run without it, and say so).
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
