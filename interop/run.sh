#!/usr/bin/env bash
# Interop run against a built server: the third-party RFC 9807 OPAQUE client (opaque-snake /
# opaque-ke), then third-party OAuth 2.0 / OIDC clients (authlib + joserfc) through a full
# authorization-code flow, then passkeys with python-fido2's structures (webauthn_fido2_interop.py),
# device keys, the OpenID conformance plans, logout, webhooks (webhooks_interop.py: receivers that
# verify with the standardwebhooks package and with hmac) and a replay of Flowsta's own SDK.
# Exits non-zero if any check fails.
# Usage: interop/run.sh PATH/TO/flowsta        (e.g. .build/debug/flowsta)
# Env:   OPAQUE_CLIENT=opaque-ke-py  runs the alternative OPAQUE binding instead (cross-check).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${1:-}"
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "usage: $0 PATH/TO/flowsta (an executable server binary)" >&2
    exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"  # the webhooks check runs it from the repository root

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

# shellcheck source=../scripts/lib/test-server.sh
source "$here/.."/scripts/lib/test-server.sh
# The logout check's back-channel receiver and the webhooks check's receivers listen on loopback.
export FLOWSTA_OUTBOUND_ALLOW_LOOPBACK=true
start_test_server "$bin" interop || exit 1

echo "== OPAQUE: $client against $url"
OPAQUE_CLIENT="$client" "$python" "$here/opaque_client_interop.py" "$url"
opaque_status=$?
echo "== OAuth 2.0 / OIDC: authlib + joserfc against $url"
"$python" "$here/oauth_authlib_interop.py" "$url"
oauth_status=$?
echo "== WebAuthn: python-fido2 + cryptography software authenticator against $url"
"$python" "$here/webauthn_fido2_interop.py" "$url"
webauthn_status=$?
echo "== device-key sign-in: a PyNaCl agent key against $url"
"$python" "$here/device_key_interop.py" "$url"
device_status=$?
echo "== OpenID conformance: the Basic OP and Config OP plans mirrored (authlib + joserfc) against $url"
"$python" "$here/oidc_conformance.py" "$url"
conformance_status=$?
echo "== logout: authlib RP-initiated logout and a back-channel receiver (joserfc) against $url"
"$python" "$here/logout_interop.py" "$url"
logout_status=$?
echo "== webhooks: standardwebhooks + hmac receivers on loopback (retries, rotation, redirects, SSRF refusals) against $url"
# The server's binary and data directory: the check lifts the plan and reads an invite from the
# outbox with the operator's CLI on the same data.
FLOWSTA_BIN="$bin" FLOWSTA_DATA_DIR="$data" "$python" "$here/webhooks_interop.py" "$url"
webhooks_status=$?
echo "== Flowsta's own SDK: the requests of @flowsta/auth replayed against $url"
"$python" "$here/flowsta_sdk_replay.py" "$url"
replay_status=$?
status=0
if [ "$opaque_status" != 0 ] || [ "$oauth_status" != 0 ] || [ "$webauthn_status" != 0 ] || [ "$device_status" != 0 ] || [ "$conformance_status" != 0 ] || [ "$logout_status" != 0 ] || [ "$webhooks_status" != 0 ] || [ "$replay_status" != 0 ]; then
    status=1
    echo "interop failed: OPAQUE check exit $opaque_status, OAuth check exit $oauth_status, WebAuthn check exit $webauthn_status, device-key check exit $device_status, conformance exit $conformance_status, logout exit $logout_status, webhooks exit $webhooks_status, SDK replay exit $replay_status" >&2
    echo "--- server output ---" >&2
    cat "$log" >&2
fi
exit "$status"
