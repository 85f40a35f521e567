#!/usr/bin/env bash
# OAuth benchmarks against a release server on the embedded SQLite store:
# code exchange and refresh grants (each request spends a distinct single-use code or refresh
# token), introspection and userinfo (one access token), with wrk on the same machine.
# Usage: benchmarks/run-oauth-benchmarks.sh [seconds] [connections] [id-token-alg: RS256|ES256|EdDSA]
#        benchmarks/run-oauth-benchmarks.sh --smoke [PATH/TO/flowsta]   (default .build/debug/flowsta)
# --smoke (the test command runs it): the given binary, no release build, a few tokens, each
# measured request once with curl (HTTP 200 and the expected JSON) and then for 1 s with wrk on
# one connection; exits non-zero on any other answer, a Non-2xx or a socket error.
# Env: FLOWSTA_BIN=PATH serves with that binary instead of building the release one (for trying
# the script; a debug build's figures do not belong in RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  bin=${2:-.build/debug/flowsta}
  seconds=1 connections=1 threads=1 alg=RS256
else
  seconds=${1:-5}
  connections=${2:-32}
  alg=${3:-RS256}
  threads=2
  bin=${FLOWSTA_BIN:-}
fi
scripts/ensure-packages libsodium-dev pkg-config wrk
python="$(scripts/test-venv)"
bin=$(server_binary "$bin")

data=$(mktemp -d /tmp/flowsta-oauth-bench.XXXXXX)
port=$(free_port)
url="http://127.0.0.1:$port"
"$bin" serve --data-dir "$data" --port "$port" --issuer "$url" --log-level info \
  --login-limit-per-username 0 --login-limit-per-address 0 >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
wait_for_health "$url" "$data/server.log"

fail() { echo "FAIL $*" >&2; exit 1; }
summary() { grep -E "Requests/sec|Latency  |50%|99%|Non-2xx|Socket errors" || true; }
# wrk_run LABEL WRK-ARGS...: runs wrk and prints its summary; in smoke mode fails unless wrk
# exited 0, completed a request, and saw no Non-2xx answer and no socket error.
wrk_run() {
  local label=$1 completed; shift
  wrk "$@" >"$data/wrk.txt" 2>&1 || { cat "$data/wrk.txt" >&2; fail "$label: wrk exited non-zero"; }
  summary <"$data/wrk.txt"
  if [ "$smoke" = 1 ]; then
    completed=$(awk '/ requests in / {print $1}' "$data/wrk.txt")
    if [ -z "$completed" ] || [ "$completed" -lt 1 ] || grep -qE "Non-2xx|Socket errors" "$data/wrk.txt"; then
      cat "$data/wrk.txt" >&2; fail "$label: wrk (above)"
    fi
    echo "ok $label: $completed requests with wrk, all 2xx"
  fi
}
# probe LABEL CHECK CURL-ARGS...: one request with curl; fails unless it answers HTTP 200 with a
# JSON body `b` for which the Python expression CHECK is true.
probe() {
  local label=$1 check=$2 status; shift 2
  status=$(curl -sS -o "$data/probe.json" -w '%{http_code}' "$@") || fail "$label: curl failed"
  if [ "$status" != 200 ] || ! python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
      "$data/probe.json" "$check" 2>/dev/null; then
    fail "$label: expected HTTP 200 with $check, got HTTP $status $(head -c 300 "$data/probe.json")"
  fi
  echo "ok $label: HTTP 200, $check"
}

# Enough single-use tokens for the run at up to 3,000 requests/s (more would take the setup
# longer than a code lives); Non-2xx answers below mean the tokens ran out. Smoke mode: a few,
# the last one kept for the curl check.
need=$((seconds * 3000))
[ "$smoke" = 1 ] && need=20
setup=$("$python" benchmarks/oauth/setup.py "$url" "$data/out" --refresh "$need" --id-token-alg "$alg")
echo "(ID tokens signed with $alg)"
client_id=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
access=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
verifier=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verifier"])')
stop_at_end=""
if [ "$smoke" = 1 ]; then
  stop_at_end=1
  probe "refresh_token grant" '{"access_token","refresh_token","id_token"} <= b.keys()' -X POST "$url/oauth/token" \
    --data "grant_type=refresh_token&client_id=$client_id&refresh_token=$(tail -n 1 "$data/out/refresh.txt")"
  sed -i '$d' "$data/out/refresh.txt"
fi

echo "== refresh_token grant (rotation; ${connections} connections, ${seconds}s)"
WRK_THREADS=$threads WRK_TOKENS="$data/out/refresh.txt" WRK_STOP_AT_END=$stop_at_end \
  WRK_PREFIX="grant_type=refresh_token&client_id=$client_id&refresh_token=" \
  wrk_run "refresh_token grant" -t"$threads" -c"$connections" -d"${seconds}s" --latency -s benchmarks/oauth/tokens.lua "$url"

echo "== introspection (${connections} connections, ${seconds}s)"
cat >"$data/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$access&client_id=$client_id"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
[ "$smoke" = 1 ] && probe "introspection" 'b.get("active") is True' -X POST "$url/oauth/introspect" --data "token=$access&client_id=$client_id"
wrk_run "introspection" -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$data/introspect.lua" "$url/oauth/introspect"
echo "== GET /health, the HTTP baseline on the same setup (${connections} connections, ${seconds}s)"
[ "$smoke" = 1 ] && probe "GET /health" 'b.get("status") == "ok"' "$url/health"
wrk_run "GET /health" -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url/health"

echo "== userinfo (${connections} connections, ${seconds}s)"
[ "$smoke" = 1 ] && probe "userinfo" 'bool(b.get("sub"))' -H "Authorization: Bearer $access" "$url/oauth/userinfo"
wrk_run "userinfo" -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $access" "$url/oauth/userinfo"

# Codes live 60 s: mint them right before the run.
"$python" benchmarks/oauth/setup.py "$url" "$data/out" --state "$data/out/state.json" --codes "$need" >/dev/null
if [ "$smoke" = 1 ]; then
  probe "authorization_code grant" '{"access_token","refresh_token","id_token"} <= b.keys()' -X POST "$url/oauth/token" \
    --data "grant_type=authorization_code&client_id=$client_id&code_verifier=$verifier&redirect_uri=https%3A%2F%2Fbench.example%2Fcb&code=$(tail -n 1 "$data/out/codes.txt")"
  sed -i '$d' "$data/out/codes.txt"
fi
echo "== authorization_code grant (PKCE; ${connections} connections, ${seconds}s)"
WRK_THREADS=$threads WRK_TOKENS="$data/out/codes.txt" WRK_STOP_AT_END=$stop_at_end \
  WRK_PREFIX="grant_type=authorization_code&client_id=$client_id&code_verifier=$verifier&redirect_uri=https%3A%2F%2Fbench.example%2Fcb&code=" \
  wrk_run "authorization_code grant" -t"$threads" -c"$connections" -d"${seconds}s" --latency -s benchmarks/oauth/tokens.lua "$url"
if [ "$smoke" = 1 ]; then
  echo "oauth benchmarks, smoke mode: every request answered as expected"
else
  echo "(Non-2xx above, if any, are requests beyond the prepared codes or tokens.)"
fi
