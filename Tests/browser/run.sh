#!/usr/bin/env bash
# Real-browser end-to-end test of the hosted pages (sign-up, sign-in, consent) against a built
# server, in headless Chromium: see oauth_browser_flow.py. Exits with the test's status.
# Usage: Tests/browser/run.sh PATH/TO/flowsta        (e.g. .build/debug/flowsta)
# Needs /usr/bin/chromium and /usr/bin/chromedriver (scripts/ensure-packages chromium
# chromium-driver); Python packages come from scripts/test-venv.
# Env: FLOWSTA_ARTIFACTS  where the screenshots go (default .build/artifacts/browser).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "usage: $0 PATH/TO/flowsta (an executable server binary)" >&2
    exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    if [ ! -x "$tool" ]; then
        echo "$tool is missing: the browser test needs Chromium and its driver;" \
             "install them with: scripts/ensure-packages chromium chromium-driver" >&2
        exit 1
    fi
done

python="$("$root/scripts/test-venv")" || { echo "cannot prepare the Python venv (scripts/test-venv)" >&2; exit 2; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d /tmp/flowsta-browser.XXXXXX)"
log="$data/server.log"
url="http://127.0.0.1:$port"

# From the repository root, so that the server serves Public/ under /static.
cd "$root"
"$bin" serve --host 127.0.0.1 --port "$port" --issuer "$url" --data-dir "$data" --log-level warning >"$log" 2>&1 &
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

echo "== browser: hosted sign-up, sign-in and consent in headless Chromium against $url"
"$python" "$here/oauth_browser_flow.py" "$url"
status=$?
if [ "$status" != 0 ]; then
    echo "browser test failed (exit $status)" >&2
    echo "--- server output ---" >&2
    cat "$log" >&2
fi
exit "$status"
