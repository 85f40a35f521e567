#!/usr/bin/env python3
"""Interop check: logout with independent clients (issue #22).

An authlib relying party signs a user in (code flow with PKCE, its ID token verified with
joserfc: it carries `sid`), then performs RP-initiated logout (OpenID Connect RP-Initiated Logout
1.0): the browser — a `requests` session signed in with opaque_snake — is sent to the discovery's
`end_session_endpoint` with `id_token_hint`, `post_logout_redirect_uri` and `state`, and comes
back to the app with the same `state`. Meanwhile a back-channel receiver (an http.server on
loopback, the app's `backchannel_logout_uri`) gets the logout token and validates it as OpenID
Back-Channel Logout 1.0 §2.6 says: signature against the JWKS, `typ` logout+jwt, `iss`, `aud`,
`iat`, `exp`, `jti`, the `events` member, `sid` (the ID token's) and `sub`, and no `nonce`.
Then: the session is over, the access token is dead (no offline_access), an unregistered
`post_logout_redirect_uri` gets an error page and no redirect.

The server must allow loopback targets (FLOWSTA_OUTBOUND_ALLOW_LOOPBACK=true; interop/run.sh sets
it). Usage: python3 logout_interop.py BASE_URL
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import http.server
import os
import secrets
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../Tests/support"))
sys.path.insert(0, HERE)
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, check, delete_account, json_of, must, opaque_sign_up_and_in, query_of, run_checks, show,
)
from oidc_conformance import Conformance  # noqa: E402

TIMEOUT = 30
REDIRECT_URI = "http://127.0.0.1:9/callback"
AFTER_LOGOUT = "http://127.0.0.1:9/signed-out"
EVENT = "http://schemas.openid.net/event/backchannel-logout"


class Receiver:
    """The app's back-channel logout endpoint: keeps each POSTed form, answers 200."""

    def __init__(self):
        self.tokens = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, 65536)).decode("utf-8", "replace")
                outer.tokens.append((self.headers.get("Content-Type"), dict(urllib.parse.parse_qsl(body))))
                self.send_response(200)
                self.send_header("Cache-Control", "no-store")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/backchannel"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def main():
    base = base_url("logout_interop.py")
    if not base:
        return 2
    print(f"server: {base}")
    run = LogoutRun(base)
    run_checks(run)
    return CHECKS.summary()


class LogoutRun(Conformance):
    def __init__(self, base):
        super().__init__(base)
        self.receiver = Receiver()

    def checks(self):
        self.setup_logout()
        self.sign_in_and_out()
        self.refusals()

    def setup_logout(self):
        self.setup()
        self.client1_app = self.apps[0]
        org, app = self.client1_app
        r = self.dev.patch(self.base + f"/api/v1/orgs/{org}/apps/{app}", timeout=TIMEOUT, json={
            "post_logout_redirect_uris": [AFTER_LOGOUT], "backchannel_logout_uri": self.receiver.url})
        body = json_of(r) or {}
        must("1 setup: PATCH the app's post_logout_redirect_uris and backchannel_logout_uri -> 200",
             r.status_code == 200 and body.get("post_logout_redirect_uris") == [AFTER_LOGOUT]
             and body.get("backchannel_logout_uri") == self.receiver.url, show(r))
        check("1 discovery: end_session_endpoint, backchannel_logout_supported and backchannel_logout_session_supported",
              self.meta.get("end_session_endpoint") == self.base + "/oauth/logout" and self.meta.get("backchannel_logout_supported") is True
              and self.meta.get("backchannel_logout_session_supported") is True, repr(self.meta)[:300])

    def sign_in_and_out(self):
        from authlib.common.urls import add_params_to_uri
        from authlib.oauth2.rfc7636 import create_s256_code_challenge

        verifier = secrets.token_urlsafe(48)
        params = self.params(code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
        outcome = self.authorize(params)
        code = outcome.query.get("code")
        must("2 sign-in: the code flow with PKCE -> a code", code, self.describe(outcome))
        token = self.exchange(code, self.client1, verifier)
        claims = self.verify_id_token(token["id_token"], self.client1, params["nonce"])
        must("2 sign-in: the ID token (joserfc) carries sid", isinstance(claims.get("sid"), str) and claims["sid"], repr(claims))

        state = secrets.token_urlsafe(12)
        url = add_params_to_uri(self.meta["end_session_endpoint"], [
            ("id_token_hint", token["id_token"]), ("post_logout_redirect_uri", AFTER_LOGOUT), ("state", state)])
        r = self.ua.get(url, allow_redirects=False, timeout=TIMEOUT)
        location = r.headers.get("Location", "")
        check("3 RP-initiated logout: end_session_endpoint with the app's id_token_hint -> 302 to the registered "
              "post_logout_redirect_uri with the same state",
              r.status_code in (302, 303) and location.split("?")[0] == AFTER_LOGOUT and query_of(location).get("state") == state, show(r))
        check("3 RP-initiated logout: the session cookie is cleared", "Max-Age=0" in r.headers.get("Set-Cookie", ""), show(r))
        me = self.ua.get(self.base + "/auth/me", headers={"Accept": "application/json"}, timeout=TIMEOUT)
        check("3 the Flowsta session is over (GET /auth/me -> 401)", me.status_code == 401, show(me))
        info = self.plain.get(self.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=TIMEOUT)
        check("3 the app's access token stopped working (no offline_access) -> 401", info.status_code == 401, show(info))

        deadline = time.monotonic() + 20
        while not self.receiver.tokens and time.monotonic() < deadline:
            time.sleep(0.2)
        must("4 back-channel: the receiver got one POST within 20 s", len(self.receiver.tokens) == 1, repr(self.receiver.tokens))
        content_type, form = self.receiver.tokens[0]
        check("4 back-channel: application/x-www-form-urlencoded with logout_token",
              (content_type or "").startswith("application/x-www-form-urlencoded") and form.get("logout_token"), repr(self.receiver.tokens[0]))
        self.validate_logout_token(form.get("logout_token", ""), claims)

    def validate_logout_token(self, logout_token, id_claims):
        """OpenID Back-Channel Logout 1.0 §2.6, as a relying party does it."""
        from joserfc import jwt
        from joserfc.jwk import KeySet

        try:
            decoded = jwt.decode(logout_token, KeySet.import_key_set(self.jwks), algorithms=["RS256", "ES256", "EdDSA"])
        except Exception as e:
            must("4 logout token: the signature verifies against the JWKS (joserfc)", False, f"{type(e).__name__}: {e}")
        header, c = decoded.header, decoded.claims
        check("4 logout token: signature verifies; header typ logout+jwt, a published kid",
              header.get("typ") == "logout+jwt" and header.get("kid") in {k.get("kid") for k in self.jwks["keys"]}, repr(header))
        registry = jwt.JWTClaimsRegistry(
            leeway=5, iss={"essential": True, "value": self.meta["issuer"]}, aud={"essential": True, "value": self.client1["id"]},
            iat={"essential": True}, exp={"essential": True}, jti={"essential": True}, sid={"essential": True, "value": id_claims["sid"]},
            sub={"essential": True, "value": id_claims["sub"]},
        )
        try:
            registry.validate(c)
            check("4 logout token: iss, aud, iat, exp (not expired), jti, sid and sub as in the ID token", True)
        except Exception as e:
            check("4 logout token: iss, aud, iat, exp (not expired), jti, sid and sub as in the ID token", False, f"{type(e).__name__}: {e} {c}")
        events = c.get("events")
        check("4 logout token: events holds the back-channel-logout member, a JSON object",
              isinstance(events, dict) and isinstance(events.get(EVENT), dict), repr(events))
        check("4 logout token: no nonce (§2.4)", "nonce" not in c, repr(c))
        check("4 logout token: lives at most a few minutes", 0 < c.get("exp", 0) - c.get("iat", 0) <= 300, repr(c))

    def refusals(self):
        r = self.plain.get(self.meta["end_session_endpoint"] + "?" + urllib.parse.urlencode({
            "client_id": self.client1["id"], "post_logout_redirect_uri": "https://evil.example/after"}), allow_redirects=False, timeout=TIMEOUT)
        check("5 an unregistered post_logout_redirect_uri -> 400 error page, no redirect",
              r.status_code == 400 and "Location" not in r.headers, show(r))
        r = self.plain.get(self.meta["end_session_endpoint"] + "?" + urllib.parse.urlencode({
            "id_token_hint": "e30.e30.", "post_logout_redirect_uri": AFTER_LOGOUT}), allow_redirects=False, timeout=TIMEOUT)
        check("5 a forged id_token_hint -> 400, no redirect", r.status_code == 400 and "Location" not in r.headers, show(r))

    def cleanup(self):
        try:
            super().cleanup()
        finally:
            self.receiver.close()


if __name__ == "__main__":
    sys.exit(main())
