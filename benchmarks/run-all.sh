#!/usr/bin/env bash
# Every HTTP figure of the performance targets in one run, one line each: a release server on the
# embedded SQLite store, wrk on the same machine (-t2 -c16 by default), and a latency-over-time
# probe (benchmarks/latency_probe.py: a request every 20 ms, alternating GET /health and GET
# /ready) running through all of it, so a pause shows even where the percentiles hide it.
#
#   GET /health (the HTTP floor), POST /oauth/introspect, GET /oauth/userinfo,
#   client_credentials, refresh_token and authorization_code (PKCE) with RS256 and with ES256
#   ID tokens; then the server's RSS, the probe's lines and its verdict (max < 100 ms), the
#   API log entries written for the metered requests, and the RSA-2048 signing ceiling of this
#   machine (openssl speed, two processes).
#
# Usage: benchmarks/run-all.sh [seconds] [connections]          (default 10 16)
#        benchmarks/run-all.sh --smoke [PATH/TO/flowsta]        (default .build/debug/flowsta)
# --smoke (the test command runs it): the given binary, 1 s per figure on one connection, a few
# tokens; fails on any non-2xx answer, a missing line or a probe request that failed.
# Env: FLOWSTA_BIN=PATH serves with that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  bin=${2:-.build/debug/flowsta}
  seconds=1 connections=1 threads=1
else
  seconds=${1:-10}
  connections=${2:-16}
  threads=2
  bin=${FLOWSTA_BIN:-}
fi
scripts/ensure-packages libsodium-dev pkg-config wrk openssl
python="$(scripts/test-venv)"
bin=$(server_binary "$bin")

data=$(mktemp -d /tmp/flowsta-run-all.XXXXXX)
port=$(free_port)
url="http://127.0.0.1:$port"
"$bin" serve --data-dir "$data/server" --port "$port" --issuer "$url" --log-level info \
  --login-limit-per-username 0 --login-limit-per-address 0 >"$data/server.log" 2>&1 &
server=$!
probe=""
cleanup() {
  [ -n "$probe" ] && kill "$probe" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
wait_for_health "$url" "$data/server.log"
fail() { echo "FAIL $*" >&2; exit 1; }

strict=""
stop_at_end=""
# Smoke mode: each thread stops once its tokens are spent (tokens.lua), so no answer is a 4xx.
[ "$smoke" = 1 ] && strict=--strict && stop_at_end=1
floor=""
# figure LABEL WRK-ARGS...: one wrk run of $run_seconds (default $seconds), summarised in one
# line (wrk_summary.py).
figure() {
  local label=$1; shift
  wrk -t"$threads" -c"$connections" -d"${run_seconds:-$seconds}s" --latency "$@" >"$data/wrk.txt" 2>&1 || { cat "$data/wrk.txt" >&2; fail "$label: wrk exited non-zero"; }
  "$python" benchmarks/wrk_summary.py "$data/wrk.txt" "$label" ${floor:+--floor "$floor"} $strict || fail "$label"
}

# The grants spend a single-use code or refresh token per request: the refresh runs last at most
# 5 s, with tokens for 2,400 requests/s (12,000). Non-2xx answers in a measured run mean the
# tokens ran out or expired (the line says so).
grant_seconds=$((seconds < 5 ? seconds : 5))
need=$((grant_seconds * 2400))
[ "$smoke" = 1 ] && need=$((seconds * 400))
# Codes live 60 s and minting them runs at 100-200 a second here: their runs last 3 s, with
# codes for 2,000 requests/s (6,000, minted right before each run).
code_seconds=$((seconds < 3 ? seconds : 3))
need_codes=$((code_seconds * 2000))
[ "$smoke" = 1 ] && need_codes=$need
"$python" benchmarks/oauth/setup.py "$url" "$data/rs" --refresh "$need" --id-token-alg RS256 >"$data/rs.json"
"$python" benchmarks/oauth/setup.py "$url" "$data/es" --refresh "$need" --id-token-alg ES256 >"$data/es.json"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
client_id=$(field "$data/rs.json" client_id)
access=$(field "$data/rs.json" access_token)
verifier=$(field "$data/rs.json" verifier)
service_id=$(field "$data/rs.json" service_client_id)
service_secret=$(field "$data/rs.json" service_client_secret)

"$python" benchmarks/latency_probe.py "$url" --csv "$data/probe.csv" >"$data/probe.txt" &
probe=$!
echo "== figures: wrk -t$threads -c$connections, ${seconds} s a figure (refresh ${grant_seconds} s, codes ${code_seconds} s), $([ "$smoke" = 1 ] && echo "smoke run" || echo "release server") on SQLite; the probe runs throughout"
figure "GET /health (the HTTP floor)" "$url/health"
floor=$(awk '/Requests\/sec:/ {print $2}' "$data/wrk.txt")

cat >"$data/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$access&client_id=$client_id"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
figure "POST /oauth/introspect" -s "$data/introspect.lua" "$url/oauth/introspect"
figure "GET /oauth/userinfo" -H "Authorization: Bearer $access" "$url/oauth/userinfo"
cat >"$data/client-credentials.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
figure "client_credentials (metered)" -s "$data/client-credentials.lua" "$url/oauth/token"

for alg in rs es; do
  label=$([ "$alg" = rs ] && echo RS256 || echo ES256)
  id=$(field "$data/$alg.json" client_id)
  run_seconds=$grant_seconds WRK_THREADS=$threads WRK_STOP_AT_END=$stop_at_end WRK_TOKENS="$data/$alg/refresh.txt" WRK_PREFIX="grant_type=refresh_token&client_id=$id&refresh_token=" \
    figure "refresh_token ($label ID token)" -s benchmarks/oauth/tokens.lua "$url"
done
for alg in rs es; do
  label=$([ "$alg" = rs ] && echo RS256 || echo ES256)
  id=$(field "$data/$alg.json" client_id)
  # Codes live 60 s: minted right before their run.
  "$python" benchmarks/oauth/setup.py "$url" "$data/$alg" --state "$data/$alg/state.json" --codes "$need_codes" >/dev/null
  run_seconds=$code_seconds WRK_THREADS=$threads WRK_STOP_AT_END=$stop_at_end WRK_TOKENS="$data/$alg/codes.txt" \
    WRK_PREFIX="grant_type=authorization_code&client_id=$id&code_verifier=$verifier&redirect_uri=https%3A%2F%2Fbench.example%2Fcb&code=" \
    figure "authorization_code + PKCE ($label ID token)" -s benchmarks/oauth/tokens.lua "$url"
done

rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "server RSS after the runs: $((rss / 1024)) MB"

kill "$probe"
wait "$probe" || true
probe=""
cat "$data/probe.txt"
grep -q "^probe /health: " "$data/probe.txt" && grep -q "^probe /ready: " "$data/probe.txt" || fail "the latency probe printed no figures"
worst=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(max(float(r["ms"]) for r in rows), sum(1 for r in rows if r["status"] != "200"))' "$data/probe.csv")
read -r worst_ms probe_failures <<<"$worst"
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 100 else 1)' "$worst_ms"; then
  echo "latency-over-time check: PASS (slowest probe request $worst_ms ms < 100 ms)"
else
  echo "latency-over-time check: FAIL (slowest probe request $worst_ms ms >= 100 ms)"
fi
[ "$smoke" = 1 ] && [ "$probe_failures" != 0 ] && fail "$probe_failures probe requests did not answer 200"

# The metered requests' API log: every client_credentials call is one entry of the service
# organization; the flush runs every 10 s and at shutdown.
kill -TERM "$server"
wait "$server" 2>/dev/null || true
entries=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM api_logs").fetchone()[0])' "$data/server/flowsta.sqlite")
echo "API log entries written: $entries"
[ "$smoke" = 1 ] && [ "$entries" -lt 1 ] && fail "no API log entry was written"

if [ "$smoke" = 0 ]; then
  signs=$(openssl speed -seconds 3 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')
  echo "RSA-2048 signing ceiling (openssl speed, 2 processes): ${signs:-?} signs/s (an RS256 code exchange or refresh signs one RSA-2048 ID token)"
else
  echo "run-all, smoke mode: every figure measured, every answer 2xx"
fi
