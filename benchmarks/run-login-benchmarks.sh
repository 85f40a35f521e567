#!/usr/bin/env bash
# Builds release binaries and runs the login benchmarks; prints the figures for RESULTS.md.
# Usage: benchmarks/run-login-benchmarks.sh [seconds] [http-concurrency]
#        benchmarks/run-login-benchmarks.sh --smoke [PATH/TO/flowsta] [PATH/TO/flowsta-bench]
#          (defaults .build/debug/flowsta and .build/debug/flowsta-bench)
# --smoke (the test command runs it): the given binaries, no release build, 1 s per benchmark,
# 2 HTTP clients over 2 accounts; exits non-zero when a benchmark fails (flowsta-bench http stops
# at the first answer that is not 200/201) or reports no logins.
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
  seconds=1 concurrency=2 users=2
else
  seconds=${1:-20}
  concurrency=${2:-32}
  users=64
  bin=${FLOWSTA_BIN:-}
  bench=${FLOWSTA_BENCH_BIN:-}
fi
scripts/ensure-packages libsodium-dev pkg-config
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

echo "== server-side OPAQUE work (no HTTP, no database)"
data=$(mktemp -d /tmp/flowsta-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
"$bench" opaque --seconds "$seconds" --threads 2 | tee "$data/opaque.txt"
# flowsta-bench exits 0 on an unknown mode: the figure line is the proof that it ran.
grep -qE '^opaque-server: [1-9][0-9]* logins' "$data/opaque.txt" || fail "flowsta-bench opaque reported no logins"

port=$(free_port)
# Rate limits off: the benchmark client signs in thousands of times a second from one address.
# Sign-up proof off: flowsta-bench registers its accounts without one (the proof's cost is the
# client's, see `flowsta-bench signup-proof`).
FLOWSTA_LOGIN_LIMIT_PER_USERNAME=0 FLOWSTA_LOGIN_LIMIT_PER_ADDRESS=0 FLOWSTA_SIGNUP_PROOF_BITS=0 \
  "$bin" serve --data-dir "$data" --port "$port" --log-level warning >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
wait_for_health "http://127.0.0.1:$port" "$data/server.log"

echo "== end-to-end HTTP logins (SQLite, client on the same machine)"
ticks=$(getconf CLK_TCK)
before=$(awk '{print $14+$15}' /proc/$server/stat)
"$bench" http --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency "$concurrency" --users "$users" | tee "$data/http.txt"
after=$(awk '{print $14+$15}' /proc/$server/stat)
logins=$(awk '/^http-login:/ {print $2}' "$data/http.txt")
[ -n "$logins" ] && [ "$logins" -gt 0 ] || fail "flowsta-bench http reported no logins"
awk -v t=$((after - before)) -v hz="$ticks" -v n="$logins" -v s="$seconds" 'BEGIN {
  cpu = t / hz
  if (cpu == 0) { print "server CPU: too little to measure"; exit }
  printf "server CPU: %.1f s over the run = %.2f cores busy, %.2f ms CPU per login (%.0f logins/s per fully used core)\n", cpu, cpu / s, 1000 * cpu / n, n / cpu
}'
echo "server RSS after the run: $(ps -o rss= -p $server | awk '{printf "%.1f MB", $1/1024}')"
[ "$smoke" = 1 ] && echo "login benchmarks, smoke mode: both ran and reported logins"
exit 0
