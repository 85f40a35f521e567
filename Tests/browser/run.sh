#!/usr/bin/env bash
# Real-browser end-to-end tests against a built server, in headless Chromium. Exits with the
# test's status.
# Usage: Tests/browser/run.sh PATH/TO/flowsta [SCRIPT]        (e.g. .build/debug/flowsta)
#   SCRIPT: oauth_browser_flow.py (default: the hosted sign-up, sign-in and consent pages),
#   dashboard_browser_flow.py (the developer dashboard; run-dashboard.sh) or root_key_journey.py
#   (recovery code, email verification, password change, recovery and reset),
#   second_factor_journey.py, sign_it_journey.py, device_journey.py or passkey_journey.py (needs
#   FLOWSTA_TEST_HOST=localhost).
# Needs /usr/bin/chromium and /usr/bin/chromedriver (scripts/ensure-packages chromium
# chromium-driver); Python packages come from scripts/test-venv.
# Env: FLOWSTA_ARTIFACTS  where the screenshots go (default .build/artifacts/browser).
# The script gets FLOWSTA_BIN (the server binary) and FLOWSTA_DATA_DIR (its data directory).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-}"
script="${2:-oauth_browser_flow.py}"
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

# shellcheck source=../../scripts/lib/test-server.sh
source "$root"/scripts/lib/test-server.sh
start_test_server "$bin" "${script%%_*}" || exit 1

echo "== browser: $script in headless Chromium against $url"
# The server's binary and data directory, for a journey's operator steps on the same data (e.g.
# `flowsta mail outbox`: with no SMTP the mail waits there).
FLOWSTA_BIN="$bin" FLOWSTA_DATA_DIR="$data" "$python" "$here/$script" "$url"
status=$?
if [ "$status" != 0 ]; then
    echo "browser test $script failed (exit $status)" >&2
    echo "--- server output ---" >&2
    cat "$log" >&2
fi
exit "$status"
