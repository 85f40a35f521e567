#!/usr/bin/env bash
# Sign-ins and token grants with 1, 2 and 3 instances on one PostgreSQL database behind HAProxy,
# with the CPU per request of the instances, PostgreSQL and HAProxy (benchmarks/scale/scale_bench.py).
# Usage: benchmarks/run-scale-benchmarks.sh [seconds] [instance counts, e.g. 1,2,3]
#        benchmarks/run-scale-benchmarks.sh --smoke [PATH/TO/flowsta] [PATH/TO/flowsta-bench]
#          (defaults .build/debug/flowsta and .build/debug/flowsta-bench; 1 and 2 instances, 1 s)
# Env: FLOWSTA_BIN / FLOWSTA_BENCH_BIN=PATH use those binaries instead of building release ones.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
scripts/ensure-packages libsodium-dev pkg-config wrk haproxy postgresql
python="$(scripts/test-venv)"
if [ "${1:-}" = "--smoke" ]; then
  bin=${2:-.build/debug/flowsta}
  bench=${3:-.build/debug/flowsta-bench}
  exec scripts/with-postgres "$python" benchmarks/scale/scale_bench.py --smoke "$bin" "$bench"
fi
seconds=${1:-15}
instances=${2:-1,2,3}
bin=$(server_binary "${FLOWSTA_BIN:-}")
bench=$(bench_binary "${FLOWSTA_BENCH_BIN:-}")
exec scripts/with-postgres "$python" benchmarks/scale/scale_bench.py --seconds "$seconds" --instances "$instances" "$bin" "$bench"
