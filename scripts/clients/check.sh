#!/usr/bin/env bash
# Run authentik's own generated API clients against akmock and the reference oracle, side by side:
# a full list / create / retrieve / update / patch / delete / used_by cycle with every parameter and
# the refusals, comparing status and body of every answer and checking that the client decodes it.
#
#   scripts/clients/check.sh ts            # @goauthentik/api 2025.6.4-1755003758 from npm (needs node, npm)
#   scripts/clients/check.sh go            # goauthentik.io/api/v3 at v3.2025.6.4; it is not on the
#                                          # module proxy: put a checkout of github.com/goauthentik/client-go
#                                          # at that tag in scripts/clients/go/client-go first
#
# Needs the reference oracle (../shared/oracle, its setup.sh done). Starts akmock and two fresh
# oracles (one only read, one written) on loopback ports 9330-9332 and stops them on exit.
# A maintainer's check, not part of the test command.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
oracle=$(cd "$root/../shared/oracle" && pwd)
fixture="$root/testdata/fixtures/seed1-25.json"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

(cd "$root" && go build -o "$work/akmock" ./cmd/akmock)
"$work/akmock" --listen 127.0.0.1:9330 --fixtures "$fixture" > "$work/akmock.log" 2>&1 & pids+=($!)
for port in 9331 9332; do
  (cd "$oracle" && exec ./serve.sh "$fixture" $port > "$work/oracle$port.log" 2>&1) & pids+=($!)
done
for port in 9330 9331 9332; do
  for _ in $(seq 60); do
    curl -sf -o /dev/null -H 'Authorization: Bearer akmock-token' "http://127.0.0.1:$port/api/v3/stages/user_login/?page_size=1" && break
    sleep 1
  done
done
case "${1:-}" in
  ts)
    (cd "$work" && npm install --silent @goauthentik/api@2025.6.4-1755003758 >/dev/null)
    cp "$here/ts-cycle.mjs" "$work/"
    node "$work/ts-cycle.mjs" http://127.0.0.1:9330 http://127.0.0.1:9331 http://127.0.0.1:9332
    ;;
  go)
    [ -d "$here/go/client-go" ] || { echo "no client checkout in $here/go/client-go (see the comment above)" >&2; exit 2; }
    (cd "$here/go" && go run . -akmock http://127.0.0.1:9330 -oracle-read http://127.0.0.1:9331 -oracle-write http://127.0.0.1:9332)
    ;;
  *) echo "usage: $0 ts|go" >&2; exit 2 ;;
esac
