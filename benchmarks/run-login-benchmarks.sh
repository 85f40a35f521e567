#!/usr/bin/env bash
# Builds release binaries and runs the login benchmarks; prints the figures for RESULTS.md.
# Usage: benchmarks/run-login-benchmarks.sh [seconds] [http-concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
concurrency=${2:-32}
scripts/ensure-packages libsodium-dev pkg-config
swift build -c release --product flowsta >/dev/null
swift build -c release --product flowsta-bench >/dev/null

echo "== server-side OPAQUE work (no HTTP, no database)"
.build/release/flowsta-bench opaque --seconds "$seconds" --threads 2

data=$(mktemp -d /tmp/flowsta-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# Rate limits off: the benchmark client signs in thousands of times a second from one address.
FLOWSTA_LOGIN_LIMIT_PER_USERNAME=0 FLOWSTA_LOGIN_LIMIT_PER_ADDRESS=0 \
  .build/release/flowsta serve --data-dir "$data" --port "$port" --log-level warning >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done

echo "== end-to-end HTTP logins (SQLite, client on the same machine)"
.build/release/flowsta-bench http --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency "$concurrency" --users 64
echo "server RSS after the run: $(ps -o rss= -p $server | awk '{printf "%.1f MB", $1/1024}')"
