# Shared by the benchmark scripts (sourced, not run).

# free_port: a free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_health URL LOG: waits up to 10 s for GET URL/health; if it never answers, prints the
# server's LOG and exits 1.
wait_for_health() {
  local url=$1 log=$2
  for _ in $(seq 1 100); do curl -fsS "$url/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "FAIL the server did not answer GET $url/health; its log:" >&2
  cat "$log" >&2
  exit 1
}

# server_binary [BIN]: prints BIN, or builds the release server and prints its path; exits 2
# when the binary is not there.
server_binary() {
  local bin=${1:-}
  if [ -z "$bin" ]; then
    swift build -c release --product flowsta >/dev/null
    bin=.build/release/flowsta
  fi
  [ -x "$bin" ] || { echo "no server binary at $bin" >&2; exit 2; }
  echo "$bin"
}

# bench_binary [BIN]: prints BIN, or builds the release flowsta-bench and prints its path; exits
# 2 when the binary is not there.
bench_binary() {
  local bench=${1:-}
  if [ -z "$bench" ]; then
    swift build -c release --product flowsta-bench >/dev/null
    bench=.build/release/flowsta-bench
  fi
  [ -x "$bench" ] || { echo "no flowsta-bench binary at $bench" >&2; exit 2; }
  echo "$bench"
}
