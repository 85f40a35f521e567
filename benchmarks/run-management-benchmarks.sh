#!/usr/bin/env bash
# Management API benchmarks: cached API key verification, and list endpoints under concurrent
# load (wrk, 32 connections) with an API key. Usage: benchmarks/run-management-benchmarks.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
scripts/ensure-packages libsodium-dev pkg-config wrk
swift build -c release --product flowsta >/dev/null
swift build -c release --product flowsta-bench >/dev/null

echo "== cached API key verification (in process)"
.build/release/flowsta-bench apikey --iterations 200000

data=$(mktemp -d /tmp/flowsta-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
.build/release/flowsta serve --data-dir "$data" --port "$port" --log-level info >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
read -r org key < <(.build/release/flowsta-bench mgmt-setup --url "http://127.0.0.1:$port")

for path in "orgs/$org/apps" "orgs/$org/members" "orgs/$org/keys"; do
  echo "== GET /api/v1/$(echo "$path" | sed "s/$org/{org}/") (API key, 32 connections, ${seconds}s, request logging on)"
  wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/$path" \
    | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
done
