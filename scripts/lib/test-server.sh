# Sourced by the peer checks (interop/run.sh, Tests/browser/run.sh): starts a built server on a
# free loopback port with a throwaway data directory, from the repository root (so Public/ is
# served under /static), and waits for GET /health. Sets url, data and log; stops the server and
# removes the data directory on exit.
# Usage: start_test_server PATH/TO/flowsta NAME
# Env: FLOWSTA_TEST_HOST  the host name in the URL and issuer (default 127.0.0.1; the passkey
#      journey uses localhost, since WebAuthn takes no IP address as a relying party id)
start_test_server() {
    local bin="$1" name="$2" root
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    data="$(mktemp -d "/tmp/flowsta-$name.XXXXXX")"
    log="$data/server.log"
    url="http://${FLOWSTA_TEST_HOST:-127.0.0.1}:$port"
    # The issuer is the URL the checks use (discovery, RFC 9207 `iss`, ID token `iss`).
    (cd "$root" && exec "$bin" serve --host 127.0.0.1 --port "$port" --issuer "$url" --data-dir "$data" --log-level warning) >"$log" 2>&1 &
    test_server_pid=$!
    trap 'kill "$test_server_pid" 2>/dev/null && wait "$test_server_pid" 2>/dev/null; rm -rf "$data"' EXIT
    local _
    for _ in $(seq 1 120); do
        kill -0 "$test_server_pid" 2>/dev/null || break
        if python3 -c "import sys,urllib.request; sys.exit(0 if urllib.request.urlopen('$url/health', timeout=2).status == 200 else 1)" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "server did not become healthy on $url; its output:" >&2
    cat "$log" >&2
    return 1
}
