#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a bounded time each, one after the other, with one
# worker (the machine is shared): scripts/fuzz.sh [SECONDS] [PATTERN]
#   SECONDS  fuzzing time per target (default 60)
#   PATTERN  only targets whose name matches this regular expression (default: all)
# A failing input is written by Go under <package>/testdata/fuzz/<Target>/; keep it there as a
# regression seed once the bug is fixed (go test replays it). Exits 1 if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
pattern=${2:-.}
case $secs in '' | 0 | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS (at least 1)] [PATTERN]" >&2; exit 2 ;; esac
failed=()
for pkg in $(go list ./...); do
  if ! targets=$(go test -list '^Fuzz' "$pkg"); then
    echo "== $pkg: does not build" >&2
    failed+=("$pkg (build)")
    continue
  fi
  for target in $(echo "$targets" | grep '^Fuzz' | grep -E -- "$pattern" || true); do
    echo "== $pkg $target (${secs}s)"
    start=$(date +%s)
    # -fuzzminimizetime bounds the minimisation of each new input (default 60s), which
    # otherwise stalls the run on large corpus entries.
    if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${secs}s" -fuzzminimizetime 10s -parallel 1 "$pkg"; then
      echo "== $pkg $target: ok after $(($(date +%s) - start))s"
    else
      echo "== $pkg $target: FAILED after $(($(date +%s) - start))s" >&2
      failed+=("$pkg $target")
    fi
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "all fuzz targets passed"
