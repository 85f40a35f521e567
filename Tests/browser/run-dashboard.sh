#!/usr/bin/env bash
# Real-browser end-to-end test of the developer dashboard (/dashboard) against a built server, in
# headless Chromium: see dashboard_browser_flow.py (screenshots at 375 and 1440 px go to
# $FLOWSTA_ARTIFACTS, default .build/artifacts/dashboard). Exits with the test's status.
# Usage: Tests/browser/run-dashboard.sh PATH/TO/flowsta        (e.g. .build/debug/flowsta)
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh" "${1:-}" dashboard_browser_flow.py
