#!/usr/bin/env bash
# akmock under load, next to a baseline, on loopback (issue 4; figures in BENCHMARKS.md).
#
# Starts akmock (strict schema validation, as shipped) on COUNT seeded stages and drives it with
# wrk from a second process, one scenario at a time, each for DURATION seconds at CONNS
# connections, then the same against scripts/baseline, a bare net/http handler that writes a
# precomputed body of the same size, its headers set as cheaply as net/http allows; ROUNDS such
# pairs per scenario, and the medians are shown.
# akmock/baseline (requests/s) is the figure that counts. A second baseline ("base+h") also
# sends the seven other headers authentik puts on every answer, which akmock sends too, to show
# what those cost on their own. Beside each, the server's CPU time per request (from /proc),
# which moves less with other load on the machine. Then a SOAK-second mixed run samples akmock's
# resident memory, and a second akmock on BIG stages answers the search + ordering + filter
# request. Installs wrk (Debian) if missing.
# Everything listens on 127.0.0.1 and is killed on exit.
#
# By default wrk and the server share every core, as in a CI job; latency percentiles then
# include the time each waits for the other to leave a core. PIN=1 gives the servers the first
# core and wrk (one thread) the second, so the figures are the server's alone.
#
#   scripts/load.sh                          # about 7 minutes
#   PIN=1 scripts/load.sh                    # the same, server and load generator pinned
#   ROUNDS=1 DURATION=3 SOAK=10 scripts/load.sh   # a quick look, about 2 minutes
#
# Environment: DURATION (5), ROUNDS (3), CONNS (32), THREADS (2, wrk threads; 1 with PIN=1),
# SOAK (60), COUNT (10000), BIG (100000), PIN (0), PORT (19100: akmock; PORT+1 baseline, PORT+2
# the BIG akmock, PORT+3 the baseline with authentik's headers).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-32}
PIN=${PIN:-0}
# With PIN=1, servers run on CPU 0 and wrk (one thread) on CPU 1.
server_cpu=()
load_cpu=()
if [ "$PIN" = 1 ]; then
  THREADS=${THREADS:-1}
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
else
  THREADS=${THREADS:-2}
fi
SOAK=${SOAK:-60}
COUNT=${COUNT:-10000}
BIG=${BIG:-100000}
PORT=${PORT:-19100}
TOKEN=akmock-token
AUTH="Authorization: Bearer $TOKEN"
LIST=/api/v3/stages/user_login/

# need installs a Debian package when its command is missing (CI machines start bare).
need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "load.sh: installing $2" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "load.sh: $1 is missing and this is not root: apt-get install -y $2" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
need wrk wrk
need curl curl

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

go build -o "$work/akmock" ./cmd/akmock
go build -o "$work/baseline" ./scripts/baseline

# start NAME ARGS...: runs a server in the background, remembers its pid in $started.
start() {
  local name=$1
  shift
  "${server_cpu[@]}" "$@" >"$work/$name.log" 2>&1 &
  started=$!
  started_name=$name
  pids+=("$started")
}

# wait_ready URL: polls until URL answers 200 (at most 30 s), and gives up with the server's own
# output if the server last started exits first.
wait_ready() {
  for _ in $(seq 3000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$1" || true)" = 200 ] && return
    if ! kill -0 "$started" 2>/dev/null; then
      echo "load.sh: $started_name exited before answering; its output:" >&2
      cat "$work/$started_name.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  echo "load.sh: $1 never answered 200" >&2
  exit 1
}

# rss PID: resident memory in MB.
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# cputicks PID: user + system CPU time the process has used, in clock ticks.
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# bench PID URL [wrk args...]: runs wrk against the server PID and prints "requests/s p50_ms
# p99_ms cpu_us", cpu_us being the server's CPU time per request (robust to other load).
bench() {
  local pid=$1 url=$2 c0 c1
  shift 2
  c0=$(cputicks "$pid")
  "${load_cpu[@]}" wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --latency -H "$AUTH" "$@" "$url" >"$work/wrk.out" 2>&1
  c1=$(cputicks "$pid")
  awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) {
      if (v ~ /us$/) return v / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /s$/) return v * 1000
      return v
    }
    /^Requests\/sec:/ { rps = $2 }
    / requests in / { n = $1 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END {
      if (bad) { print "load.sh: non-2xx answers: " bad > "/dev/stderr" }
      printf "%.0f %.2f %.2f %.1f\n", rps, p50, p99, n ? ticks / hz * 1e6 / n : 0
    }' "$work/wrk.out"
}

# size URL: bytes of the answer.
size() { curl -s -H "$AUTH" "$1" | wc -c; }

row() { printf "%-10s %7s %10s %7s %7s %6s %10s %7s %7s %6s %6s %10s %7s %6s %6s\n" "$@" | sed 's/ *$//'; }

# medians FILE: the median of each column of FILE's lines (the mean of the two middle values
# for an even number of lines).
medians() {
  local out=() c
  for c in 1 2 3 4; do
    out+=("$(cut -d' ' -f$c "$1" | sort -g | awk '{v[NR] = $1} END {m = (NR + 1) / 2; print (NR % 2 ? v[m] : (v[int(m)] + v[int(m) + 1]) / 2)}')")
  done
  echo "${out[@]}"
}

# ratio A B: A as a percentage of B.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }

echo "== machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(go version | cut -d' ' -f3), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PIN" = 1 ]; then
  echo "== pinned: servers on CPU 0, wrk on CPU 1"
else
  echo "== not pinned: servers and wrk share every core"
fi

AK=http://127.0.0.1:$PORT
BASE=http://127.0.0.1:$((PORT + 1))
AKB=http://127.0.0.1:$((PORT + 2))
BASEH=http://127.0.0.1:$((PORT + 3))
# Something else answering on one of the ports would be measured instead of the server started.
for url in "$AK" "$BASE" "$AKB" "$BASEH"; do
  if curl -s -o /dev/null --max-time 2 "$url/"; then
    echo "load.sh: something already answers at $url; free the port or set PORT" >&2
    exit 1
  fi
done
t0=$(date +%s%N)
start akmock "$work/akmock" --listen "127.0.0.1:$PORT" --count "$COUNT"
ak=$started
wait_ready "$AK$LIST"
echo "== akmock: $COUNT stages, validation strict; first 200 after $((($(date +%s%N) - t0) / 1000000)) ms (build cached; see scripts/startup.sh), RSS $(rss "$ak") MB"
start baseline "$work/baseline" --listen "127.0.0.1:$((PORT + 1))"
base=$started
wait_ready "$BASE/"
start baseline-h "$work/baseline" --listen "127.0.0.1:$((PORT + 3))" --authentik-headers
baseh=$started
wait_ready "$BASEH/"

# Retrieve: the UUIDs of a 1,000-stage page, one path per line, rotated by wrk. Serving the page
# has checked those stages against the schema, as a running server would have.
curl -s -H "$AUTH" "$AK$LIST?page_size=1000&ordering=-session_duration" |
  grep -o '{"pk":"[0-9a-f-]\{36\}","name"' | cut -d'"' -f4 | sed "s|^|$LIST|; s|\$|/|" >"$work/paths"
cat >"$work/rotate.lua" <<'EOF'
local paths = {}
for line in io.lines(os.getenv("AKMOCK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
EOF
[ -s "$work/paths" ] || { echo "load.sh: no stage to retrieve (COUNT must be at least 1)" >&2; exit 1; }
retrieve_size=$(($(size "$AK$LIST?page_size=1000&ordering=-session_duration") / $(wc -l <"$work/paths")))
# The baselines get the same paths, so that wrk does the same work for both.
sed "s|\$|?size=$retrieve_size|" "$work/paths" >"$work/base-paths"

scenarios=(
  "default|$LIST"
  "filter|$LIST?network_binding=bind_asn&terminate_other_sessions=true"
  "search|$LIST?search=login"
  "ordering|$LIST?ordering=-geoip_binding,session_duration,-name"
  "deep|$LIST?page=last&page_size=20"
  "combined|$LIST?search=login&ordering=-session_duration,name&network_binding=bind_asn"
)

echo
echo "== $COUNT stages, $CONNS connections, $THREADS wrk threads, ${DURATION}s per run, median of $ROUNDS rounds (latency in ms, server CPU in µs per request)"
row scenario bytes "akmock r/s" p50 p99 "cpu" "base r/s" p50 p99 "cpu" ratio "base+h r/s" p99 cpu ratio
for s in "${scenarios[@]}" "retrieve|"; do
  name=${s%%|*}
  path=${s#*|}
  rm -f "$work"/runs.*
  for _ in $(seq "$ROUNDS"); do
    if [ "$name" = retrieve ]; then
      bytes=$retrieve_size
      AKMOCK_PATHS="$work/paths" bench "$ak" "$AK/" -s "$work/rotate.lua" >>"$work/runs.ak"
      AKMOCK_PATHS="$work/base-paths" bench "$base" "$BASE/" -s "$work/rotate.lua" >>"$work/runs.base"
      AKMOCK_PATHS="$work/base-paths" bench "$baseh" "$BASEH/" -s "$work/rotate.lua" >>"$work/runs.baseh"
    else
      bytes=$(size "$AK$path")
      bench "$ak" "$AK$path" >>"$work/runs.ak"
      bench "$base" "$BASE/?size=$bytes" >>"$work/runs.base"
      bench "$baseh" "$BASEH/?size=$bytes" >>"$work/runs.baseh"
    fi
  done
  read -r a50 a_p50 a_p99 a_cpu < <(medians "$work/runs.ak")
  read -r b50 b_p50 b_p99 b_cpu < <(medians "$work/runs.base")
  read -r h50 h_p50 h_p99 h_cpu < <(medians "$work/runs.baseh")
  row "$name" "$bytes" "$a50" "$a_p50" "$a_p99" "$a_cpu" "$b50" "$b_p50" "$b_p99" "$b_cpu" "$(ratio "$a50" "$b50")" \
    "$h50" "$h_p99" "$h_cpu" "$(ratio "$a50" "$h50")"
done

echo
echo "== memory: ${SOAK}s of mixed load (all scenarios and retrieves), RSS sampled every 10 s"
{
  for s in "${scenarios[@]}"; do echo "${s#*|}"; done
  head -200 "$work/paths"
} >"$work/mixed"
before=$(rss "$ak")
AKMOCK_PATHS="$work/mixed" "${load_cpu[@]}" wrk -t "$THREADS" -c "$CONNS" -d "${SOAK}s" -H "$AUTH" -s "$work/rotate.lua" "$AK/" >"$work/soak.out" 2>&1 &
soak=$!
pids+=("$soak")
samples="$before"
for _ in $(seq $((SOAK / 10))); do
  sleep 10
  samples="$samples $(rss "$ak")"
done
wait "$soak"
echo "RSS MB: $samples (peak $(awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$ak/status")); $(awk '/^Requests\/sec:/ {print $2 " requests/s"}' "$work/soak.out")"
kill "$ak"

echo
echo "== $BIG stages: search + ordering + filter"
t0=$(date +%s%N)
start akmock-big "$work/akmock" --listen "127.0.0.1:$((PORT + 2))" --count "$BIG"
big=$started
wait_ready "$AKB$LIST"
echo "first 200 after $((($(date +%s%N) - t0) / 1000000)) ms, RSS $(rss "$big") MB"
path=${scenarios[5]#*|}
bytes=$(size "$AKB$path")
row connections bytes "akmock r/s" p50 p99 cpu
for c in 1 "$CONNS"; do
  read -r a50 a_p50 a_p99 a_cpu < <(CONNS=$c THREADS=1 bench "$big" "$AKB$path")
  row "$c" "$bytes" "$a50" "$a_p50" "$a_p99" "$a_cpu"
done
echo
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
