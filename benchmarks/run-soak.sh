#!/usr/bin/env bash
# The API-log and memory soak of issue #18: client_credentials requests of one service app
# (each one metered, so each one an API log entry) at a steady rate for minutes, on a release
# server on the embedded SQLite store, with the latency-over-time probe running throughout.
# Prints: the rate reached and the latency percentiles (wrk), the probe's lines and verdict
# (max < 100 ms), the server's RSS every 30 s (first, last, max: flat or not), and the API log
# entries written for the service organization against the requests answered (every one must
# be there).
#
# Usage: benchmarks/run-soak.sh [minutes] [rate]                 (default 10 2000)
#        benchmarks/run-soak.sh --smoke [PATH/TO/flowsta]        (default .build/debug/flowsta)
# --smoke (the test command runs it): the given binary, 5 s at 100 requests/s; fails on a
# non-2xx answer, a failed probe request or a missing API log entry.
# Env: FLOWSTA_BIN=PATH serves with that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1 bin=${2:-.build/debug/flowsta} duration=5s rate=100 connections=2 threads=1
else
  minutes=${1:-10} rate=${2:-2000} connections=16 threads=2
  duration="${minutes}m"
  bin=${FLOWSTA_BIN:-}
fi
scripts/ensure-packages libsodium-dev pkg-config wrk
python="$(scripts/test-venv)"
bin=$(server_binary "$bin")

data=$(mktemp -d /tmp/flowsta-soak.XXXXXX)
port=$(free_port)
url="http://127.0.0.1:$port"
"$bin" serve --data-dir "$data/server" --port "$port" --issuer "$url" --log-level info >"$data/server.log" 2>&1 &
server=$!
probe="" sampler=""
cleanup() {
  for pid in $probe $sampler; do kill "$pid" 2>/dev/null || true; done
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  [ -n "${KEEP_SOAK_DATA:-}" ] && echo "kept $data" >&2 || rm -rf "$data"
}
trap cleanup EXIT
wait_for_health "$url" "$data/server.log"
fail() { echo "FAIL $*" >&2; exit 1; }

"$python" benchmarks/oauth/setup.py "$url" "$data/setup" >"$data/setup.json"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$data/setup.json" "$1"; }
service_id=$(field service_client_id)
service_secret=$(field service_client_secret)
organization=$(field organization_id)

# Each connection waits between its requests so that all of them together send about `rate` a
# second (a request takes a few milliseconds; wrk reports the rate actually reached).
delay_ms=$(python3 -c "print(max(0, 1000 * $connections / $rate - 2))")
cat >"$data/soak.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
function delay() return $delay_ms end
LUA

"$python" benchmarks/latency_probe.py "$url" --csv "$data/probe.csv" >"$data/probe.txt" &
probe=$!
( while kill -0 "$server" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$server/status"; sleep 30; done ) >"$data/rss.txt" 2>/dev/null &
sampler=$!
echo "== soak: client_credentials (metered) for $duration at about $rate requests/s, wrk -t$threads -c$connections, $([ "$smoke" = 1 ] && echo "smoke run" || echo "release server") on SQLite; the probe runs throughout"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$data/soak.lua" "$url/oauth/token" >"$data/wrk.txt" 2>&1 || { cat "$data/wrk.txt" >&2; fail "wrk exited non-zero"; }
"$python" benchmarks/wrk_summary.py "$data/wrk.txt" "client_credentials soak" --strict || fail "the soak run"
requests=$(awk '/requests in/ {print $1}' "$data/wrk.txt")

kill "$probe"
wait "$probe" || true
probe=""
cat "$data/probe.txt"
worst=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(max(float(r["ms"]) for r in rows), sum(1 for r in rows if r["status"] != "200"))' "$data/probe.csv")
read -r worst_ms probe_failures <<<"$worst"
verdict=$(python3 -c 'import sys; print("PASS" if float(sys.argv[1]) < 100 else "FAIL")' "$worst_ms")
echo "latency-over-time check: $verdict (slowest probe request $worst_ms ms; limit 100 ms)"
[ "$probe_failures" = 0 ] || fail "$probe_failures probe requests did not answer 200"

awk '/VmRSS/ {print $2}' "/proc/$server/status" >>"$data/rss.txt"
python3 -c '
import sys
kb = [int(line) for line in open(sys.argv[1]) if line.strip()]
mb = [k / 1024 for k in kb]
print(f"server RSS every 30 s: {len(mb)} samples, first {mb[0]:.0f} MB, last {mb[-1]:.0f} MB, max {max(mb):.0f} MB"
      + (f", after the first minute {min(mb[2:]):.0f}-{max(mb[2:]):.0f} MB" if len(mb) > 3 else ""))' "$data/rss.txt"

# The API log: the flush runs every 10 s and at shutdown.
kill -TERM "$server"
wait "$server" 2>/dev/null || true
entries=$(python3 -c '
import sqlite3, sys, uuid
org = uuid.UUID(sys.argv[2])
db = sqlite3.connect(sys.argv[1])
# UUIDs are stored as upper-case text.
print(db.execute("SELECT COUNT(*) FROM api_logs WHERE organization_id = ? AND route = ?", (str(org).upper(), "/oauth/token")).fetchone()[0])' "$data/server/flowsta.sqlite" "$organization")
# wrk counts the answers it read; requests still in flight when it stopped were served (and
# logged) but not counted, at most one per connection.
echo "API log entries of the service organization: $entries for $requests answered requests"
if [ "$entries" -ge "$requests" ] && [ "$entries" -le $((requests + connections)) ]; then
  echo "API log check: PASS (every answered request has its entry)"
else
  echo "API log check: FAIL"
  fail "API log entries $entries, requests $requests"
fi
[ "$smoke" = 1 ] && echo "run-soak, smoke mode: every request answered 2xx and logged"
exit 0
