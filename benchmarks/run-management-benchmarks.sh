#!/usr/bin/env bash
# Management API benchmarks: cached API key verification, and list endpoints under concurrent
# load (wrk, 32 connections) with an API key. Usage: benchmarks/run-management-benchmarks.sh [seconds]
#        benchmarks/run-management-benchmarks.sh --smoke [PATH/TO/flowsta] [PATH/TO/flowsta-bench]
#          (defaults .build/debug/flowsta and .build/debug/flowsta-bench)
# --smoke (the test command runs it): the given binaries, no release build, 1,000 key
# verifications, each list endpoint once with curl (HTTP 200, a page of one item) and for 1 s with
# wrk on one connection; exits non-zero on any other answer, a Non-2xx or a socket error.
# Env: FLOWSTA_BIN / FLOWSTA_BENCH_BIN=PATH use those binaries instead of building release ones
# (for trying the script; a debug build's figures do not belong in RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  bin=${2:-.build/debug/flowsta}
  bench=${3:-.build/debug/flowsta-bench}
  seconds=1 threads=1 connections=1 iterations=1000
else
  seconds=${1:-15}
  threads=2 connections=32 iterations=200000
  bin=${FLOWSTA_BIN:-}
  bench=${FLOWSTA_BENCH_BIN:-}
fi
scripts/ensure-packages libsodium-dev pkg-config wrk
if [ -z "$bin" ]; then
  swift build -c release --product flowsta >/dev/null
  bin=.build/release/flowsta
fi
if [ -z "$bench" ]; then
  swift build -c release --product flowsta-bench >/dev/null
  bench=.build/release/flowsta-bench
fi
[ -x "$bin" ] || { echo "no server binary at $bin" >&2; exit 2; }
[ -x "$bench" ] || { echo "no flowsta-bench binary at $bench" >&2; exit 2; }
fail() { echo "FAIL $*" >&2; exit 1; }

data=$(mktemp -d /tmp/flowsta-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
echo "== cached API key verification (in process)"
"$bench" apikey --iterations "$iterations" | tee "$data/apikey.txt"
# flowsta-bench exits 0 on an unknown mode: the figure lines are the proof that it ran.
[ "$(grep -cE '^api-key-verify \(round [0-9]\): [1-9]' "$data/apikey.txt")" = 3 ] || fail "flowsta-bench apikey did not report its 3 rounds"

port=$(free_port)
server=""
trap '[ -n "$server" ] && { kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; }; rm -rf "$data"' EXIT
start_server() {
  # Sign-up proof off: flowsta-bench mgmt-setup registers its user without one.
  FLOWSTA_SIGNUP_PROOF_BITS=0 "$bin" serve --data-dir "$data" --port "$port" --log-level info >>"$data/server.log" 2>&1 &
  server=$!
  wait_for_health "http://127.0.0.1:$port" "$data/server.log"
}
start_server
setup=$("$bench" mgmt-setup --url "http://127.0.0.1:$port")
read -r org key <<<"$setup"
[ -n "$org" ] && [ -n "${key:-}" ] || fail "flowsta-bench mgmt-setup printed no organization and key: $setup"
# The enterprise plan has no API rate limit (free: 10 requests/s per organization, which would
# answer nearly all of the load with 429): the operator command, with the server stopped.
kill "$server"; wait "$server" 2>/dev/null || true; server=""
"$bin" orgs set-plan --data-dir "$data" --log-level warning "$org" enterprise >/dev/null
start_server

for path in "orgs/$org/apps" "orgs/$org/members" "orgs/$org/keys"; do
  label="GET /api/v1/$(echo "$path" | sed "s/$org/{org}/")"
  echo "== $label (API key, $connections connections, ${seconds}s, request logging on)"
  if [ "$smoke" = 1 ]; then
    status=$(curl -sS -o "$data/probe.json" -w '%{http_code}' -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/$path") || fail "$label: curl failed"
    [ "$status" = 200 ] && python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); sys.exit(0 if len(b["items"]) == 1 else 1)' "$data/probe.json" 2>/dev/null \
      || fail "$label: expected HTTP 200 with a page of one item (the setup's app, owner, key), got HTTP $status $(head -c 300 "$data/probe.json")"
    echo "ok $label: HTTP 200, a page of one item"
  fi
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/$path" >"$data/wrk.txt" 2>&1 \
    || { cat "$data/wrk.txt" >&2; fail "$label: wrk exited non-zero"; }
  grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors" "$data/wrk.txt" || true
  if [ "$smoke" = 1 ]; then
    completed=$(awk '/ requests in / {print $1}' "$data/wrk.txt")
    if [ -z "$completed" ] || [ "$completed" -lt 1 ] || grep -qE "Non-2xx|Socket errors" "$data/wrk.txt"; then
      cat "$data/wrk.txt" >&2; fail "$label: wrk (above)"
    fi
    echo "ok $label: $completed requests with wrk, all 2xx"
  fi
done
[ "$smoke" = 1 ] && echo "management benchmarks, smoke mode: every request answered as expected"
exit 0
