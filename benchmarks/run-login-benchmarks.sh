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
ticks=$(getconf CLK_TCK)
before=$(awk '{print $14+$15}' /proc/$server/stat)
.build/release/flowsta-bench http --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency "$concurrency" --users 64 | tee "$data/http.txt"
after=$(awk '{print $14+$15}' /proc/$server/stat)
logins=$(awk '/^http-login:/ {print $2}' "$data/http.txt")
awk -v t=$((after - before)) -v hz="$ticks" -v n="$logins" -v s="$seconds" 'BEGIN {
  cpu = t / hz
  printf "server CPU: %.1f s over the run = %.2f cores busy, %.2f ms CPU per login (%.0f logins/s per fully used core)\n", cpu, cpu / s, 1000 * cpu / n, n / cpu
}'
echo "server RSS after the run: $(ps -o rss= -p $server | awk '{printf "%.1f MB", $1/1024}')"
