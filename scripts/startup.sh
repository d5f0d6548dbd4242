#!/usr/bin/env bash
# Start-up of akmock, from process start to the first 200 on the default list (issue 4; figures
# in BENCHMARKS.md): RUNS starts each with 10,000 and 100,000 seeded stages, strict validation,
# on 127.0.0.1. Generated stages are checked against the schema the first time they are served,
# so the first answer includes checking the 100 stages of page 1; fixture data (--fixtures) is
# checked whole at load instead.
#
#   scripts/startup.sh              # about 10 seconds
#   RUNS=10 COUNTS="10000" scripts/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
COUNTS=${COUNTS:-"10000 100000"}
PORT=${PORT:-19300}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/akmock" ./cmd/akmock
go build -o "$work/startup" ./scripts/startup

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $COUNTS; do
  echo "== --count $n"
  "$work/startup" -runs "$RUNS" -url "http://127.0.0.1:$PORT/api/v3/stages/user_login/" -- \
    "$work/akmock" --count "$n" --listen "127.0.0.1:$PORT"
done
