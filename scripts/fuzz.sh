#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a bounded time each, one after the other, with one
# worker (the machine is shared): scripts/fuzz.sh [SECONDS] [PATTERN]
#   SECONDS  fuzzing time per target (default 60)
#   PATTERN  only targets whose name matches this regular expression (default: all)
# A failing input is written by Go under <package>/testdata/fuzz/<Target>/; keep it there as a
# regression seed once the bug is fixed (go test replays it). Exits 1 if any target failed.
# The whole output of every run is kept in a log under $FUZZ_LOG_DIR (default: a new directory
# under $TMPDIR), named when a run fails: Go writes no input for a failure it does not blame on
# one (a failing seed, a worker killed by a signal), and the message is then all there is.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
pattern=${2:-.}
case $secs in '' | 0 | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS (at least 1)] [PATTERN]" >&2; exit 2 ;; esac
failed=()
logs=${FUZZ_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/akmock-fuzz.XXXXXX")}
mkdir -p "$logs"
echo "== full output of each run in $logs"

# deadline_race reports whether target $1's failed run, logged in $2, failed only because of a
# race in Go's fuzzing coordinator (golang/go#75804: still in Go 1.26.8, reported fixed in Go
# 1.27): when -fuzztime runs out, the coordinator can read its deadline's error before the
# workers' context is cancelled, and then fails the run with that error, bare, having found
# nothing. A real failure names an input or a seed, or its message has a file and line.
deadline_race() {
  grep -A1 -e "^--- FAIL: $1 " "$2" | tail -n +2 | grep -qx '    context deadline exceeded' &&
    ! grep -q -e 'Failing input written to' -e 'failure while testing seed corpus entry' "$2"
}

for pkg in $(go list ./...); do
  if ! targets=$(go test -list '^Fuzz' "$pkg"); then
    echo "== $pkg: does not build" >&2
    failed+=("$pkg (build)")
    continue
  fi
  for target in $(echo "$targets" | grep '^Fuzz' | grep -E -- "$pattern" || true); do
    echo "== $pkg $target (${secs}s)"
    log="$logs/$(echo "$pkg" | tr / _).$target.log"
    start=$(date +%s)
    # -fuzzminimizetime bounds the minimisation of each new input (default 60s), which
    # otherwise stalls the run on large corpus entries.
    if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${secs}s" -fuzzminimizetime 10s -parallel 1 "$pkg" 2>&1 | tee "$log"; then
      echo "== $pkg $target: ok after $(($(date +%s) - start))s"
    elif [ $(($(date +%s) - start)) -ge "$secs" ] && deadline_race "$target" "$log"; then
      echo "== $pkg $target: ok after $(($(date +%s) - start))s; the bare \"context deadline exceeded\" at the end is Go's coordinator race (golang/go#75804), not a finding"
    else
      echo "== $pkg $target: FAILED after $(($(date +%s) - start))s; full output in $log" >&2
      failed+=("$pkg $target")
    fi
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "all fuzz targets passed"
