#!/usr/bin/env bash
# The fuzz step: schemathesis over every operation of /openapi.json, then raw malformed requests
# over plain sockets on every route, against a built server (see fuzz.py). Fails if any
# response is a 5xx (but a billing route's documented 502), the server exits, or a well-formed
# request goes unanswered; a server that dies is restarted so that one run finds everything.
# The server is started by harness.py the way scripts/lib/test-server.sh does it (free loopback
# port, throwaway data directory, repository root), but so that it can be restarted on the same
# port, data and database after a crash.
# Usage: Tests/fuzz/run.sh PATH/TO/flowsta                          (SQLite)
#        scripts/with-postgres Tests/fuzz/run.sh PATH/TO/flowsta    (PostgreSQL)
# Env:   FLOWSTA_FUZZ_SECONDS       fuzzing time, both fuzzers together (default 90; 225, about
#                                   4 minutes a run on 2 cores, runs every raw case on SQLite)
#        FLOWSTA_FUZZ_DATABASE_URL  the server's (empty) database; else FLOWSTA_TEST_POSTGRES_URL
#                                   (set by scripts/with-postgres); else SQLite in the data dir
#        FLOWSTA_FUZZ_SEED, FLOWSTA_FUZZ_KEEP: see fuzz.py
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${1:-}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "usage: $0 PATH/TO/flowsta (an executable server binary)" >&2
    exit 2
fi
python="$("$here/../../scripts/test-venv")" || { echo "cannot prepare the Python venv (scripts/test-venv)" >&2; exit 2; }

export FLOWSTA_FUZZ_DATABASE_URL="${FLOWSTA_FUZZ_DATABASE_URL:-${FLOWSTA_TEST_POSTGRES_URL:-}}"
exec "$python" "$here/fuzz.py" "$bin"
