#!/usr/bin/env bash
# OAuth benchmarks against a release server on the embedded SQLite store (DESIGN §8):
# code exchange and refresh grants (each request spends a distinct single-use code or refresh
# token), introspection and userinfo (one access token), with wrk on the same machine.
# Usage: benchmarks/run-oauth-benchmarks.sh [seconds] [connections] [id-token-alg: RS256|ES256|EdDSA]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-32}
alg=${3:-RS256}
scripts/ensure-packages libsodium-dev pkg-config wrk
python="$(scripts/test-venv)"
swift build -c release --product flowsta >/dev/null

data=$(mktemp -d /tmp/flowsta-oauth-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="http://127.0.0.1:$port"
.build/release/flowsta serve --data-dir "$data" --port "$port" --issuer "$url" --log-level info \
  --login-limit-per-username 0 --login-limit-per-address 0 >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fsS "$url/health" >/dev/null 2>&1 && break; sleep 0.1; done

# Enough single-use tokens for the run at up to 3,000 requests/s (more would take the setup
# longer than a code lives); Non-2xx answers below mean the tokens ran out.
need=$((seconds * 3000))
setup=$("$python" benchmarks/oauth/setup.py "$url" "$data/out" --refresh "$need" --id-token-alg "$alg")
echo "(ID tokens signed with $alg)"
client_id=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
access=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
verifier=$(echo "$setup" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verifier"])')
summary() { grep -E "Requests/sec|Latency  |50%|99%|Non-2xx"; }

echo "== refresh_token grant (rotation; ${connections} connections, ${seconds}s)"
WRK_THREADS=2 WRK_TOKENS="$data/out/refresh.txt" WRK_PREFIX="grant_type=refresh_token&client_id=$client_id&refresh_token=" \
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/oauth/tokens.lua "$url" | summary

echo "== introspection (${connections} connections, ${seconds}s)"
cat >"$data/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$access&client_id=$client_id"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$data/introspect.lua" "$url/oauth/introspect" | summary
echo "== GET /health, the HTTP baseline on the same setup (${connections} connections, ${seconds}s)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url/health" | summary

echo "== userinfo (${connections} connections, ${seconds}s)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $access" "$url/oauth/userinfo" | summary

# Codes live 60 s: mint them right before the run.
"$python" benchmarks/oauth/setup.py "$url" "$data/out" --state "$data/out/state.json" --codes "$need" >/dev/null
echo "== authorization_code grant (PKCE; ${connections} connections, ${seconds}s)"
WRK_THREADS=2 WRK_TOKENS="$data/out/codes.txt" WRK_PREFIX="grant_type=authorization_code&client_id=$client_id&code_verifier=$verifier&redirect_uri=https%3A%2F%2Fbench.example%2Fcb&code=" \
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/oauth/tokens.lua "$url" | summary
echo "(Non-2xx above, if any, are requests beyond the prepared codes or tokens.)"
