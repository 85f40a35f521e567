#!/usr/bin/env bash
# Interop run: third-party RFC 9807 OPAQUE client (opaque-snake / opaque-ke) against a built server.
# Usage: interop/run.sh PATH/TO/flowsta        (e.g. .build/debug/flowsta)
# Env:   OPAQUE_CLIENT=opaque-ke-py  runs the alternative binding instead (cross-check).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${1:-}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "usage: $0 PATH/TO/flowsta (an executable server binary)" >&2
    exit 2
fi

client="${OPAQUE_CLIENT:-opaque-snake}"
case "$client" in
    opaque-snake) pin='opaque-snake==0.1.1' ;;  # opaque-ke 4.1.0-pre.1, argon2 0.5.3
    opaque-ke-py) pin='opaque-ke-py==0.1.0' ;;  # opaque-ke 4.0.1, argon2 0.5.3
    *) echo "unknown OPAQUE_CLIENT=$client" >&2; exit 2 ;;
esac
# The tests' private virtualenv keeps the system Python untouched (and works where pip is
# "externally managed").
python="$("$here/../scripts/test-venv")" || { echo "cannot prepare the Python venv" >&2; exit 2; }
if [ "$client" = "opaque-ke-py" ]; then
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip install -q "$pin" || { echo "pip install $pin failed" >&2; exit 2; }
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d /tmp/flowsta-interop.XXXXXX)"
log="$data/server.log"
url="http://127.0.0.1:$port"

"$bin" serve --host 127.0.0.1 --port "$port" --data-dir "$data" --log-level warning >"$log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$data"
}
trap cleanup EXIT

# Wait for GET /health (up to 60 s).
ready=0
for _ in $(seq 1 120); do
    if ! kill -0 "$server" 2>/dev/null; then break; fi
    if python3 -c "import sys,urllib.request; sys.exit(0 if urllib.request.urlopen('$url/health', timeout=2).status == 200 else 1)" 2>/dev/null; then
        ready=1; break
    fi
    sleep 0.5
done
if [ "$ready" != 1 ]; then
    echo "server did not become healthy on $url; its output:" >&2
    cat "$log" >&2
    exit 1
fi

OPAQUE_CLIENT="$client" "$python" "$here/opaque_client_interop.py" "$url"
status=$?
if [ "$status" != 0 ]; then
    echo "--- server output ---" >&2
    cat "$log" >&2
fi
exit "$status"
