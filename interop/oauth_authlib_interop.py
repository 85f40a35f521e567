#!/usr/bin/env python3
"""Interop check: third-party OAuth 2.0 / OpenID Connect clients against a running Flowsta Auth server.

The relying-party side is done by third-party libraries: `authlib` (OAuth2Session: the
authorization URL with PKCE S256, the code exchange with client_secret_basic, refresh,
revocation and introspection), `joserfc` (JWKS import, JWS signature and JWT claims checks of
the ID token and the RFC 9068 access token) and `requests`. The end user and the developer sign
in with the third-party OPAQUE client `opaque_snake` over the documented JSON endpoints (as in
opaque_client_interop.py); the consent page is read with html.parser and its form posted back as
a browser would.

Flow: discovery -> developer account, two organizations, two confidential web apps (management
API, session cookie) -> end user -> authorization code + PKCE + nonce through the consent page ->
token -> ID token / access token verification -> userinfo -> refresh (rotation; the grace window
gives one successor only) -> introspection (own and other client) -> revocation -> error formats
-> a second consent without the e-mail box -> cleanup (apps deleted, the session cookie's CSRF rule,
accounts deleted after a fresh sign-in, sessions ended).

Usage: python3 oauth_authlib_interop.py BASE_URL      (or env FLOWSTA_URL)
The server's issuer must be BASE_URL (`flowsta serve --issuer BASE_URL`).

Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import hashlib
import html.parser
import os
import secrets
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../Tests/support"))
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, run_checks, b64e, check, delete_account, json_of, must, opaque_sign_up_and_in, query_of,
    show,
)

TIMEOUT = 30
REDIRECT_URI = "http://127.0.0.1:9/callback"  # nothing listens: the Location header is read
APP_SCOPES = ["openid", "profile", "email", "offline_access", "username"]
CLIENT_SCOPE = "openid profile email offline_access"

# --------------------------------------------------------------------------- checks


def library_version(dist):
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # pragma: no cover
        return "?"


# --------------------------------------------------------------------------- OPAQUE sign-in


# --------------------------------------------------------------------------- consent page


class FormParser(html.parser.HTMLParser):
    """Collects the inputs of <form id="consent-form">."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.form = None  # the form's attributes
        self.hidden = []  # (name, value) of hidden inputs, in order
        self.checkboxes = {}  # name -> value
        self.buttons = {}  # name -> [values]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "consent-form":
            self.in_form = True
            self.form = a
        elif self.in_form and tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "hidden":
                self.hidden.append((a.get("name"), a.get("value") or ""))
            elif kind == "checkbox":
                self.checkboxes[a.get("name")] = a.get("value") or "on"
        elif self.in_form and tag == "button" and a.get("name"):
            self.buttons.setdefault(a["name"], []).append(a.get("value"))

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False


def consent(user_session, base, authorization_url, share_email, label):
    """GETs the authorization URL as the signed-in user, answers the consent form with
    decision=allow (and share_email=yes when asked) and returns the redirect's Location."""
    r = user_session.get(authorization_url, allow_redirects=False, timeout=TIMEOUT)
    page = FormParser()
    if r.status_code == 200:
        page.feed(r.text)
    names = [n for n, _ in page.hidden]
    must(f"{label}: GET authorization URL -> 200 HTML consent page (form#consent-form, POST /oauth/authorize, csrf_token)",
         r.status_code == 200 and r.headers.get("Content-Type", "").startswith("text/html") and page.form is not None
         and (page.form.get("method") or "").lower() == "post" and page.form.get("action") == "/oauth/consent"
         and "csrf_token" in names and "allow" in page.buttons.get("decision", []),
         f"hidden={names} buttons={page.buttons} " + show(r))
    check(f"{label}: consent page offers the optional share_email checkbox (email scope requested)",
          page.checkboxes.get("share_email") == "yes", f"checkboxes={page.checkboxes}")
    form = list(page.hidden) + [("decision", "allow")]
    if share_email:
        form.append(("share_email", page.checkboxes.get("share_email", "yes")))
    target = urllib.parse.urljoin(r.url, page.form.get("action"))
    r = user_session.post(target, data=form, allow_redirects=False, timeout=TIMEOUT)
    location = r.headers.get("Location", "")
    must(f"{label}: POST consent decision=allow" + (" share_email=yes" if share_email else "") +
         " -> 303 to the redirect URI", r.status_code == 303 and location.startswith(REDIRECT_URI + "?"), show(r))
    return location


# --------------------------------------------------------------------------- token helpers


def at_hash(access_token):
    """OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the ASCII access token."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return b64e(digest[: len(digest) // 2])


def oauth_error(r, status, error):
    """RFC 6749 §5.2: status, JSON {error, error_description}, Cache-Control: no-store."""
    body = json_of(r) or {}
    return (r.status_code == status and body.get("error") == error and isinstance(body.get("error_description"), str)
            and r.headers.get("Content-Type", "").startswith("application/json")
            and "no-store" in r.headers.get("Cache-Control", ""))


# --------------------------------------------------------------------------- main


def main():
    base = base_url("oauth_authlib_interop.py")
    if not base:
        return 2
    print(f"server: {base}")
    print(f"clients: authlib {library_version('authlib')}, joserfc {library_version('joserfc')}, "
          f"requests {library_version('requests')}, opaque-snake {library_version('opaque-snake')}")
    run = Run(base)
    run_checks(run)
    return CHECKS.summary()


class Run:
    def __init__(self, base):
        import requests

        self.requests = requests
        self.base = base
        self.tag = secrets.token_hex(4)
        self.dev = requests.Session()
        self.user = requests.Session()
        self.plain = requests.Session()  # no cookies: the OAuth client's own requests
        for s in (self.dev, self.user, self.plain):
            s.headers["Accept"] = "application/json"
        self.apps = []  # (org_id, app_id) to delete
        self.sessions = []  # (username, password, requests.Session) of accounts to delete

    # ------------------------------------------------------------------ steps

    def checks(self):
        self.discovery()
        self.developer_setup()
        self.end_user()
        self.authorization()
        self.token()
        self.verify_id_token()
        self.verify_access_token()
        self.userinfo()
        self.refresh()
        self.introspection()
        self.revocation()
        self.error_formats()
        self.consent_without_email()

    def discovery(self):
        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        meta = json_of(r)
        must("1 discovery: GET /.well-known/openid-configuration -> 200 JSON", r.status_code == 200 and meta, show(r))
        self.meta = meta
        check("1 discovery: issuer == base URL", meta.get("issuer") == self.base, f"issuer={meta.get('issuer')!r}")
        check('1 discovery: response_types_supported == ["code"]', meta.get("response_types_supported") == ["code"],
              repr(meta.get("response_types_supported")))
        check('1 discovery: code_challenge_methods_supported == ["S256"]',
              meta.get("code_challenge_methods_supported") == ["S256"], repr(meta.get("code_challenge_methods_supported")))
        check("1 discovery: RS256 in id_token_signing_alg_values_supported",
              "RS256" in (meta.get("id_token_signing_alg_values_supported") or []),
              repr(meta.get("id_token_signing_alg_values_supported")))
        check("1 discovery: authorization_response_iss_parameter_supported is true (RFC 9207)",
              meta.get("authorization_response_iss_parameter_supported") is True,
              repr(meta.get("authorization_response_iss_parameter_supported")))
        methods = meta.get("token_endpoint_auth_methods_supported") or []
        check("1 discovery: token_endpoint_auth_methods_supported has none, client_secret_basic, client_secret_post",
              {"none", "client_secret_basic", "client_secret_post"} <= set(methods), repr(methods))
        endpoints = ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
                     "revocation_endpoint", "introspection_endpoint"]
        missing = [e for e in endpoints if not str(meta.get(e, "")).startswith(self.base + "/")]
        must("1 discovery: all six endpoints are under the base URL", not missing, f"missing/foreign: {missing}")
        r = self.plain.get(meta["jwks_uri"], timeout=TIMEOUT)
        self.jwks = json_of(r)
        must("1 discovery: GET jwks_uri -> 200 {keys: [...]}, no private members",
             r.status_code == 200 and self.jwks and isinstance(self.jwks.get("keys"), list) and self.jwks["keys"]
             and not any(k.get(p) for k in self.jwks["keys"] for p in ("d", "p", "q", "dp", "dq", "qi")), show(r))

    def developer_setup(self):
        dev_name, dev_password = f"dev-{self.tag}", "dev password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.dev, self.base, "2 developer", dev_name, dev_password, f"{dev_name}@example.com")
        self.sessions.append((dev_name, dev_password, self.dev))
        self.client_id, self.client_secret = self.create_client(f"Interop {self.tag}", "2 developer")
        self.other_id, self.other_secret = self.create_client(f"Interop other {self.tag}", "2 developer (second org)")

    def create_client(self, name, label):
        r = self.dev.post(self.base + "/api/v1/orgs", json={"name": name, "contact_email": "dev@example.com"},
                          timeout=TIMEOUT)
        org = json_of(r) or {}
        must(f"{label}: POST /api/v1/orgs (session cookie) -> 201 {{id, plan, role: owner}}",
             r.status_code == 201 and org.get("id") and org.get("role") == "owner", show(r))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org['id']}/apps", timeout=TIMEOUT, json={
            "name": f"{name} app", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": APP_SCOPES})
        app = json_of(r) or {}
        must(f"{label}: POST /api/v1/orgs/{{org}}/apps -> 201 {{id, client_id}} (public until a secret is issued)",
             r.status_code == 201 and app.get("id") and app.get("client_id") and app.get("confidential") is False
             and app.get("redirect_uris") == [REDIRECT_URI], show(r))
        self.apps.append((org["id"], app["id"]))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org['id']}/apps/{app['id']}/secret", headers=JSON_HEADERS,
                          timeout=TIMEOUT)
        issued = json_of(r) or {}
        must(f"{label}: POST /api/v1/orgs/{{org}}/apps/{{app}}/secret -> 201 {{client_secret, app.confidential}}",
             r.status_code == 201 and issued.get("client_secret") and (issued.get("app") or {}).get("confidential") is True
             and issued["app"].get("client_id") == app["client_id"], show(r))
        return app["client_id"], issued["client_secret"]

    def end_user(self):
        self.username = f"user-{self.tag}"
        self.email = f"{self.username}@example.com"
        password = "user password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.user, self.base, "3 end user", self.username, password, self.email)
        self.sessions.append((self.username, password, self.user))
        check("3 end user: its session cookie differs from the developer's",
              self.user.cookies.get("flowsta_session") != self.dev.cookies.get("flowsta_session"))
        self.signed_in_at = time.time()

    def new_client(self):
        from authlib.integrations.requests_client import OAuth2Session

        client = OAuth2Session(
            client_id=self.client_id, client_secret=self.client_secret, scope=CLIENT_SCOPE,
            redirect_uri=REDIRECT_URI, code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic",
            default_timeout=TIMEOUT,
        )
        client.headers["Accept"] = "application/json"
        self.responses = []
        client.hooks["response"].append(lambda r, *a, **k: self.responses.append(r))
        return client

    def authorization(self):
        from authlib.common.security import generate_token

        self.client = self.new_client()
        self.code_verifier = generate_token(64)
        self.nonce = generate_token(24)
        self.authorization_url, self.state = self.client.create_authorization_url(
            self.meta["authorization_endpoint"], code_verifier=self.code_verifier, nonce=self.nonce)
        q = query_of(self.authorization_url)
        check("4 authorize: authlib built a PKCE S256 authorization URL with state and nonce",
              q.get("code_challenge_method") == "S256" and q.get("code_challenge") and q.get("state") == self.state
              and q.get("nonce") == self.nonce and q.get("response_type") == "code", self.authorization_url)
        self.location = consent(self.user, self.base, self.authorization_url, True, "4 authorize")
        q = query_of(self.location)
        check("4 authorize: redirect carries code, the same state and iss == issuer (RFC 9207)",
              q.get("code") and q.get("state") == self.state and q.get("iss") == self.meta["issuer"], self.location)
        self.code = q.get("code")

    def token(self):
        from authlib.integrations.base_client import OAuthError

        try:
            token = self.client.fetch_token(self.meta["token_endpoint"], authorization_response=self.location,
                                            code_verifier=self.code_verifier, state=self.state)
        except OAuthError as e:
            must("5 token: authlib fetch_token (authorization_code, client_secret_basic, PKCE)", False,
                 f"{e.error}: {e.description} " + show(self.responses[-1] if self.responses else None))
        r = self.responses[-1]
        must("5 token: authlib fetch_token -> access_token, id_token, refresh_token",
             token.get("access_token") and token.get("id_token") and token.get("refresh_token"), show(r))
        check("5 token: token_type Bearer, expires_in > 0, scope includes openid email offline_access",
              str(token.get("token_type", "")).lower() == "bearer" and isinstance(token.get("expires_in"), int)
              and token["expires_in"] > 0
              and {"openid", "email", "offline_access"} <= set(str(token.get("scope", "")).split()), dict(token))
        check("5 token: response has Cache-Control: no-store (RFC 6749 §5.1)",
              "no-store" in r.headers.get("Cache-Control", ""), show(r))
        self.token_response = dict(token)
        self.access_token = token["access_token"]
        self.refresh_token = token["refresh_token"]
        self.id_token = token["id_token"]

    def keyset(self):
        from joserfc.jwk import KeySet

        return KeySet.import_key_set(self.jwks)

    def verify_id_token(self):
        from joserfc import jwt

        try:
            decoded = jwt.decode(self.id_token, self.keyset(), algorithms=["RS256"])
        except Exception as e:
            must("6 ID token: RS256 signature verifies against the JWKS (joserfc)", False, f"{type(e).__name__}: {e}")
        must("6 ID token: RS256 signature verifies against the JWKS (joserfc)", True)
        header, claims = decoded.header, decoded.claims
        check("6 ID token: header alg RS256 with the kid of a published key",
              header.get("alg") == "RS256" and header.get("kid") in {k.get("kid") for k in self.jwks["keys"]}, header)
        registry = jwt.JWTClaimsRegistry(
            leeway=5,
            iss={"essential": True, "value": self.base},
            aud={"essential": True, "value": self.client_id},
            nonce={"essential": True, "value": self.nonce},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            auth_time={"essential": True},
            at_hash={"essential": True},
        )
        try:
            registry.validate(claims)
            check("6 ID token: claims valid (iss, aud = client_id, nonce, sub, exp, iat, auth_time, at_hash)", True)
        except Exception as e:
            check("6 ID token: claims valid (iss, aud = client_id, nonce, sub, exp, iat, auth_time, at_hash)", False,
                  f"{type(e).__name__}: {e} claims={claims}")
        check("6 ID token: at_hash == base64url(left half of SHA-256(access_token))",
              claims.get("at_hash") == at_hash(self.access_token), f"{claims.get('at_hash')} != {at_hash(self.access_token)}")
        auth_time = claims.get("auth_time")
        check("6 ID token: auth_time is the user's sign-in time (integer, not in the future, recent)",
              isinstance(auth_time, int) and self.signed_in_at - 120 <= auth_time <= time.time() + 5,
              f"auth_time={auth_time} signed_in_at={self.signed_in_at:.0f}")
        aud = claims.get("aud")
        check("6 ID token: azp == client_id (if present) and aud is only this client",
              claims.get("azp", self.client_id) == self.client_id and aud in (self.client_id, [self.client_id]), claims)
        check("6 ID token: exp - iat is positive and at most a day", 0 < claims.get("exp", 0) - claims.get("iat", 0) <= 86400,
              claims)
        self.id_claims = claims
        self.sub = claims.get("sub")

    def verify_access_token(self):
        from joserfc import jwt

        try:
            decoded = jwt.decode(self.access_token, self.keyset(), algorithms=["ES256"])
        except Exception as e:
            check("6 access token: ES256 JWS verifies against the JWKS (joserfc)", False, f"{type(e).__name__}: {e}")
            return
        check("6 access token: ES256 JWS verifies against the JWKS (joserfc)", True)
        header, claims = decoded.header, decoded.claims
        check('6 access token: header typ "at+jwt" (RFC 9068 §2.1) and a published kid',
              header.get("typ") in ("at+jwt", "application/at+jwt") and header.get("alg") == "ES256"
              and header.get("kid") in {k.get("kid") for k in self.jwks["keys"]}, header)
        registry = jwt.JWTClaimsRegistry(
            leeway=5,
            iss={"essential": True, "value": self.base},
            sub={"essential": True, "value": self.sub},
            client_id={"essential": True, "value": self.client_id},
            aud={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            jti={"essential": True},
            scope={"essential": True},
        )
        try:
            registry.validate(claims)
            check("6 access token: RFC 9068 claims (iss, sub = ID token sub, client_id, aud, exp, iat, jti, scope)", True)
        except Exception as e:
            check("6 access token: RFC 9068 claims (iss, sub = ID token sub, client_id, aud, exp, iat, jti, scope)", False,
                  f"{type(e).__name__}: {e} claims={claims}")
        check("6 access token: exp - iat == expires_in of the token response",
              abs(claims.get("exp", 0) - claims.get("iat", 0) - self.token_response.get("expires_in", -99)) <= 1, claims)

    def userinfo(self):
        r = self.client.get(self.meta["userinfo_endpoint"])
        info = json_of(r) or {}
        must("7 userinfo: authlib GET with the access token -> 200 JSON",
             r.status_code == 200 and r.headers.get("Content-Type", "").startswith("application/json") and info, show(r))
        check("7 userinfo: sub == ID token sub (OIDC Core §5.3.2)", info.get("sub") == self.sub, f"{info} vs {self.sub}")
        check("7 userinfo: preferred_username == the user's username", info.get("preferred_username") == self.username, info)
        check("7 userinfo: email == the registered e-mail (share_email ticked)", info.get("email") == self.email, info)
        r = self.plain.post(self.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {self.access_token}"},
                            timeout=TIMEOUT)
        check("7 userinfo: POST with the bearer token gives the same claims (OIDC Core §5.3.1)",
              r.status_code == 200 and json_of(r) == info, show(r))

    def refresh(self):
        from authlib.integrations.base_client import OAuthError

        old_access, old_refresh = self.access_token, self.refresh_token
        try:
            token = self.client.refresh_token(self.meta["token_endpoint"], refresh_token=old_refresh)
        except OAuthError as e:
            must("8 refresh: authlib refresh_token -> new tokens", False,
                 f"{e.error}: {e.description} " + show(self.responses[-1] if self.responses else None))
        raw = json_of(self.responses[-1]) or {}
        must("8 refresh: authlib refresh_token -> a new access token and a NEW refresh token (rotation)",
             token.get("access_token") and token["access_token"] != old_access and raw.get("refresh_token")
             and raw["refresh_token"] != old_refresh, show(self.responses[-1]))
        check("8 refresh: token_type Bearer, expires_in > 0, Cache-Control: no-store",
              str(raw.get("token_type", "")).lower() == "bearer" and isinstance(raw.get("expires_in"), int)
              and raw["expires_in"] > 0 and "no-store" in self.responses[-1].headers.get("Cache-Control", ""),
              show(self.responses[-1]))
        if raw.get("id_token"):
            self.check_refreshed_id_token(raw["id_token"], raw["access_token"])
        self.access_token, self.refresh_token = raw["access_token"], raw["refresh_token"]
        r = self.client.get(self.meta["userinfo_endpoint"])
        check("8 refresh: the new access token works at userinfo (same sub)",
              r.status_code == 200 and (json_of(r) or {}).get("sub") == self.sub, show(r))

        # A concurrent refresh that lost the race presents the just-rotated token again: within
        # the server's grace window (10 s) that is not treated as reuse, once.
        r = self.plain.post(self.meta["token_endpoint"], auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                            data={"grant_type": "refresh_token", "refresh_token": old_refresh})
        body = json_of(r) or {}
        check("8 refresh: the just-rotated refresh token again, within the grace window -> 200 with new tokens",
              r.status_code == 200 and body.get("access_token") and body.get("refresh_token")
              and body["refresh_token"] not in (old_refresh, self.refresh_token), show(r))
        self.graced_refresh_token = body.get("refresh_token")
        # The grace window gives exactly one successor: a second reuse is refused, without
        # ending the grant (the tokens of the rotation and of the graced refresh stay usable).
        r = self.plain.post(self.meta["token_endpoint"], auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                            data={"grant_type": "refresh_token", "refresh_token": old_refresh})
        check("8 refresh: the same rotated refresh token a second time, within the grace window -> 400 invalid_grant "
              "(one successor only)", oauth_error(r, 400, "invalid_grant"), show(r))
        live = {}
        for kind, token in (("rotated refresh token", self.refresh_token), ("graced refresh token", self.graced_refresh_token),
                            ("rotated access token", self.access_token)):
            r = self.plain.post(self.meta["introspection_endpoint"], data={"token": token},
                                auth=(self.client_id, self.client_secret), timeout=TIMEOUT)
            live[kind] = r.status_code == 200 and (json_of(r) or {}).get("active") is True
        check("8 refresh: ... which does not revoke the grant: the rotated and the graced refresh tokens and the "
              "rotated access token are still active (introspection)", all(live.values()), repr(live))

    def check_refreshed_id_token(self, id_token, access_token):
        from joserfc import jwt

        try:
            claims = jwt.decode(id_token, self.keyset(), algorithms=["RS256"]).claims
        except Exception as e:
            check("8 refresh: the refreshed ID token verifies (RS256, JWKS)", False, f"{type(e).__name__}: {e}")
            return
        same = {k: (claims.get(k), self.id_claims.get(k)) for k in ("iss", "sub", "aud", "auth_time", "azp")
                if claims.get(k) != self.id_claims.get(k)}
        check("8 refresh: the refreshed ID token keeps iss, sub, aud, azp and auth_time (OIDC Core §12.2)",
              not same and claims.get("at_hash") in (None, at_hash(access_token)), f"differs: {same}")

    def introspection(self):
        endpoint = self.meta["introspection_endpoint"]
        r = self.client.introspect_token(endpoint, token=self.access_token)
        body = json_of(r) or {}
        check("9 introspect: own access token (authlib, client_secret_basic) -> active, client_id, scope, sub, Bearer",
              r.status_code == 200 and body.get("active") is True and body.get("client_id") == self.client_id
              and "openid" in str(body.get("scope", "")).split() and body.get("sub") == self.sub
              and str(body.get("token_type", "")).lower() == "bearer", show(r))
        r = self.plain.post(endpoint, data={"token": self.access_token}, auth=(self.client_id, self.client_secret),
                            timeout=TIMEOUT)
        check("9 introspect: the same with requests + HTTP Basic -> active",
              r.status_code == 200 and (json_of(r) or {}).get("active") is True, show(r))
        r = self.plain.post(endpoint, data={"token": self.refresh_token, "token_type_hint": "refresh_token"},
                            auth=(self.client_id, self.client_secret), timeout=TIMEOUT)
        body = json_of(r) or {}
        check("9 introspect: own refresh token -> active, same client_id and sub",
              r.status_code == 200 and body.get("active") is True and body.get("client_id") == self.client_id
              and body.get("sub") == self.sub, show(r))
        for kind, token in (("access", self.access_token), ("refresh", self.refresh_token)):
            r = self.plain.post(endpoint, data={"token": token}, auth=(self.other_id, self.other_secret), timeout=TIMEOUT)
            check(f"9 introspect: another org's app asking about the {kind} token -> exactly {{\"active\": false}}",
                  r.status_code == 200 and json_of(r) == {"active": False}, show(r))
        r = self.plain.post(endpoint, data={"token": "not-a-token-" + secrets.token_hex(8)},
                            auth=(self.client_id, self.client_secret), timeout=TIMEOUT)
        check("9 introspect: an unknown token -> 200 {\"active\": false}", r.status_code == 200
              and json_of(r) == {"active": False}, show(r))
        r = self.plain.post(endpoint, data={"token": self.access_token}, timeout=TIMEOUT,
                            auth=(self.client_id, self.client_secret + "x"))
        check("9 introspect: wrong client secret -> 401 invalid_client (RFC 7662 §2.1)",
              oauth_error(r, 401, "invalid_client"), show(r))

    def revocation(self):
        endpoint = self.meta["revocation_endpoint"]
        # Another client's revocation attempt must not end this client's grant (RFC 7009 §2.1).
        self.plain.post(endpoint, data={"token": self.refresh_token}, auth=(self.other_id, self.other_secret), timeout=TIMEOUT)
        r = self.client.introspect_token(self.meta["introspection_endpoint"], token=self.access_token)
        check("10 revoke: another org's app revoking our refresh token has no effect",
              r.status_code == 200 and (json_of(r) or {}).get("active") is True, show(r))

        r = self.client.revoke_token(endpoint, token=self.refresh_token, token_type_hint="refresh_token")
        check("10 revoke: authlib revoke_token(refresh_token) -> 200", r.status_code == 200, show(r))
        for kind, token in (("refresh token", self.refresh_token), ("access token", self.access_token),
                            ("graced refresh token", self.graced_refresh_token)):
            if not token:
                continue
            r = self.client.introspect_token(self.meta["introspection_endpoint"], token=token)
            check(f"10 revoke: introspecting the {kind} afterwards -> {{\"active\": false}}",
                  r.status_code == 200 and json_of(r) == {"active": False}, show(r))
        r = self.plain.get(self.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {self.access_token}"},
                           timeout=TIMEOUT)
        check("10 revoke: userinfo with the old access token -> 401 with WWW-Authenticate: Bearer (RFC 6750 §3)",
              r.status_code == 401 and r.headers.get("WWW-Authenticate", "").startswith("Bearer")
              and 'error="invalid_token"' in r.headers.get("WWW-Authenticate", ""), show(r))
        r = self.plain.post(self.meta["token_endpoint"], auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                            data={"grant_type": "refresh_token", "refresh_token": self.refresh_token})
        check("10 revoke: refreshing with the revoked refresh token -> 400 invalid_grant",
              oauth_error(r, 400, "invalid_grant"), show(r))
        r = self.client.revoke_token(endpoint, token=self.refresh_token, token_type_hint="refresh_token")
        check("10 revoke: revoking it again -> 200 (RFC 7009 §2.2)", r.status_code == 200, show(r))

    def error_formats(self):
        endpoint = self.meta["token_endpoint"]
        r = self.plain.post(endpoint, auth=(self.client_id, "wrong-" + secrets.token_hex(8)), timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI, "code_verifier": "x" * 43})
        check("11 errors: wrong client secret (Basic) -> 401 invalid_client, JSON, no-store",
              oauth_error(r, 401, "invalid_client"), show(r))
        check("11 errors: ... with a WWW-Authenticate challenge (RFC 6749 §5.2)",
              r.headers.get("WWW-Authenticate", "").lower().startswith("basic"), show(r))
        r = self.plain.post(endpoint, auth=(self.client_id, self.client_secret), timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": "bogus-" + secrets.token_hex(16), "redirect_uri": REDIRECT_URI,
            "code_verifier": self.code_verifier})
        check("11 errors: authorization_code grant with a bogus code -> 400 invalid_grant, JSON, no-store",
              oauth_error(r, 400, "invalid_grant"), show(r))
        r = self.plain.post(endpoint, auth=(self.client_id, self.client_secret), timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": self.code, "redirect_uri": REDIRECT_URI,
            "code_verifier": self.code_verifier})
        check("11 errors: the already-redeemed code again -> 400 invalid_grant (RFC 6749 §4.1.2)",
              oauth_error(r, 400, "invalid_grant"), show(r))
        r = self.plain.post(endpoint, auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                            data={"grant_type": "urn:example:nope"})
        check("11 errors: unknown grant_type -> 400 unsupported_grant_type, JSON, no-store",
              oauth_error(r, 400, "unsupported_grant_type"), show(r))
        r = self.plain.post(endpoint, auth=(self.client_id, self.client_secret), timeout=TIMEOUT, data={})
        check("11 errors: no grant_type -> 400 invalid_request, JSON, no-store",
              oauth_error(r, 400, "invalid_request"), show(r))

    def consent_without_email(self):
        """A fresh consent (prompt=consent) without ticking share_email: no e-mail anywhere."""
        from authlib.common.security import generate_token
        from authlib.integrations.base_client import OAuthError

        client = self.new_client()
        verifier, nonce = generate_token(64), generate_token(24)
        url, state = client.create_authorization_url(self.meta["authorization_endpoint"], code_verifier=verifier,
                                                     nonce=nonce, prompt="consent")
        location = consent(self.user, self.base, url, False, "12 no e-mail")
        check("12 no e-mail: redirect carries code, state, iss", query_of(location).get("state") == state
              and query_of(location).get("iss") == self.meta["issuer"] and query_of(location).get("code"), location)
        try:
            token = client.fetch_token(self.meta["token_endpoint"], authorization_response=location,
                                       code_verifier=verifier, state=state)
        except OAuthError as e:
            must("12 no e-mail: authlib fetch_token", False, f"{e.error}: {e.description}")
        check("12 no e-mail: granted scope lacks email", "email" not in str(token.get("scope", "")).split()
              and "openid" in str(token.get("scope", "")).split(), dict(token))
        r = client.get(self.meta["userinfo_endpoint"])
        info = json_of(r) or {}
        check("12 no e-mail: userinfo -> 200, same sub, no email claim",
              r.status_code == 200 and info.get("sub") == self.sub and "email" not in info, show(r))
        r = client.revoke_token(self.meta["revocation_endpoint"], token=token.get("refresh_token") or token["access_token"])
        check("12 no e-mail: revoke its tokens -> 200", r.status_code == 200, show(r))

    # ------------------------------------------------------------------ cleanup

    def cleanup(self):
        if self.apps:
            # CSRF: a state change the session cookie authenticates must be sent as JSON, even bodiless.
            org, app = self.apps[0]
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", timeout=TIMEOUT)
            check("cleanup: DELETE /api/v1/orgs/{org}/apps/{app} (session cookie) without Content-Type: "
                  "application/json -> 403 cross_site_request", r.status_code == 403
                  and (json_of(r) or {}).get("error") == "cross_site_request", show(r))
        for org, app in self.apps:
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", headers=JSON_HEADERS, timeout=TIMEOUT)
            check("cleanup: DELETE /api/v1/orgs/{org}/apps/{app} -> 204", r.status_code == 204, show(r))
        if self.apps and hasattr(self, "client_id"):
            r = self.plain.post(self.meta["token_endpoint"], auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                                data={"grant_type": "client_credentials"})
            check("cleanup: the deleted app's credentials no longer authenticate -> 401 invalid_client",
                  oauth_error(r, 401, "invalid_client"), show(r))
        for username, password, session in reversed(self.sessions):  # end user first, developer last
            # DELETE /auth/me needs a sign-in within 5 minutes: delete_account signs in again first.
            if delete_account(self.base, f"cleanup: DELETE /auth/me for {username} (signed in again) -> 204",
                              username, password):
                r = session.get(self.base + "/auth/me", timeout=TIMEOUT)
                check(f"cleanup: {username}'s first session ended with the account -> GET /auth/me 401",
                      r.status_code == 401, show(r))
        for s in (self.dev, self.user, self.plain):
            s.close()


if __name__ == "__main__":
    sys.exit(main())
