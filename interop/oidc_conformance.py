#!/usr/bin/env python3
"""The OpenID Foundation's Basic OP and Config OP certification plans, mirrored.

The foundation's conformance suite cannot run offline, so this script runs the same test modules
(`oidcc-basic-certification-test-plan` with a static client and discovery, and
`oidcc-config-certification-test-plan`) against a running server, with the suite's requests and
its checks: authlib's OAuth2Session is the relying party (client_secret_basic, no PKCE unless the
module sends it, as the suite does), joserfc verifies the ID tokens against the JWKS, and the user
is a `requests` session that signs in with the third-party OPAQUE client opaque_snake whenever
the server shows the sign-in page and answers the consent page as a browser would.

Every module ends with one status — passed, passed with warnings, skipped (the suite itself ends
the module SKIPPED, e.g. for a scope the server does not offer), not applicable (dynamic client
registration only) or differs (a deliberate difference, explained) — and docs/conformance.md keeps
the plan's list with the status each module must have: the script fails when a module's status
is not the recorded one, or when the list and the plan differ.

Usage: python3 oidc_conformance.py BASE_URL    (the server's issuer must be BASE_URL)
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import html
import html.parser
import os
import re
import secrets
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../Tests/support"))
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, check, delete_account, json_of, must, opaque_sign_in, opaque_sign_up_and_in, query_of,
    run_checks, show,
)

TIMEOUT = 30
REDIRECT_URI = "http://127.0.0.1:9/callback"  # nothing listens: the Location header is read
APP_SCOPES = ["openid", "profile", "email", "offline_access", "username", "display_name"]
DOC = os.path.join(HERE, "..", "docs", "conformance.md")

# The plans' modules, in the suite's order (static client: the three dynamic-registration-only
# modules are listed but not applicable).
BASIC = [
    "oidcc-server", "oidcc-response-type-missing", "oidcc-idtoken-signature", "oidcc-idtoken-unsigned", "oidcc-userinfo-get",
    "oidcc-userinfo-post-header", "oidcc-userinfo-post-body", "oidcc-ensure-request-without-nonce-succeeds-for-code-flow",
    "oidcc-scope-profile", "oidcc-scope-email", "oidcc-scope-address", "oidcc-scope-phone", "oidcc-scope-all",
    "oidcc-alternate-happy-flow", "oidcc-display-page", "oidcc-display-popup", "oidcc-prompt-login",
    "oidcc-prompt-none-not-logged-in", "oidcc-prompt-none-logged-in", "oidcc-max-age-1", "oidcc-max-age-10000",
    "oidcc-ensure-request-with-unknown-parameter-succeeds", "oidcc-id-token-hint", "oidcc-login-hint", "oidcc-ui-locales",
    "oidcc-claims-locales", "oidcc-ensure-request-with-acr-values-succeeds", "oidcc-codereuse", "oidcc-codereuse-30seconds",
    "oidcc-ensure-registered-redirect-uri", "oidcc-ensure-post-request-succeeds", "oidcc-server-client-secret-post",
    "oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported",
    "oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported", "oidcc-claims-essential",
    "oidcc-ensure-request-object-with-redirect-uri", "oidcc-refresh-token", "oidcc-ensure-request-with-valid-pkce-succeeds",
]
CONFIG = ["oidcc-discovery-endpoint-verification"]
DYNAMIC_ONLY = {"oidcc-idtoken-signature", "oidcc-idtoken-unsigned", "oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported"}
# OIDC Core §5.4: the claims of the profile scope the suite looks for (missing ones: a warning).
PROFILE_CLAIMS = ["name", "given_name", "family_name", "middle_name", "nickname", "profile", "picture", "website", "gender",
                  "birthdate", "zoneinfo", "locale", "updated_at", "preferred_username"]
OPENID_CLAIMS = {"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "at_hash", "c_hash", "nbf", "jti", "sid",
                 "s_hash"}


class ModuleFailed(Exception):
    pass


def require(condition, why):
    if not condition:
        raise ModuleFailed(why)


def recorded_statuses():
    """docs/conformance.md's table: module name -> recorded status."""
    rows = {}
    for line in open(DOC, encoding="utf-8"):
        m = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|\s*([^|]+?)\s*\|", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


class PageParser(html.parser.HTMLParser):
    """The sign-in form's continuation and prefilled username, and the consent or pass-through
    form's fields."""

    def __init__(self):
        super().__init__()
        self.signin_continue = None
        self.username_value = None
        self.form = None
        self.fields = []
        self.checkboxes = {}
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "signin-form":
            self.signin_continue = a.get("data-continue")
        elif tag == "input" and a.get("id") == "username":
            self.username_value = a.get("value")
        elif tag == "form" and a.get("id") in ("consent-form", "authorize-form"):
            self.form, self.in_form = a, True
        elif self.in_form and tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "hidden":
                self.fields.append((a.get("name"), a.get("value") or ""))
            elif kind == "checkbox":
                self.checkboxes[a.get("name")] = a.get("value") or "on"

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


class Outcome:
    """Where an authorization request ended: the redirect to the app, or a page."""

    def __init__(self, location=None, page=None, signed_in=False, login_hint_shown=None):
        self.location = location
        self.page = page
        self.signed_in = signed_in
        self.login_hint_shown = login_hint_shown
        self.query = query_of(location) if location else {}


def main():
    base = base_url("oidc_conformance.py")
    if not base:
        return 2
    print(f"server: {base}")
    run = Conformance(base)
    run_checks(run)
    return CHECKS.summary()


class Conformance:
    def __init__(self, base):
        import requests

        self.requests = requests
        self.base = base
        self.tag = secrets.token_hex(4)
        self.dev = requests.Session()
        self.plain = requests.Session()
        for s in (self.dev, self.plain):
            s.headers["Accept"] = "application/json"
        self.apps = []
        self.accounts = []
        self.results = {}

    # ------------------------------------------------------------------ setup

    def checks(self):
        self.setup()
        for name in BASIC + CONFIG:
            started = time.monotonic()
            try:
                status, note = ("not applicable", "dynamic client registration only") if name in DYNAMIC_ONLY else \
                    getattr(self, "t_" + name.replace("-", "_"))()
            except ModuleFailed as e:
                status, note = "failed", str(e)
            except Exception as e:  # an unexpected error is a failure, never a pass
                status, note = "failed", f"{type(e).__name__}: {e}"
            self.results[name] = status
            print(f"MODULE {name}: {status}" + (f" ({note})" if note else "") + f" [{time.monotonic() - started:.1f} s]")
        recorded = recorded_statuses()
        check("plan: docs/conformance.md lists exactly the plans' modules", set(recorded) == set(BASIC + CONFIG),
              f"missing: {sorted(set(BASIC + CONFIG) - set(recorded))}, extra: {sorted(set(recorded) - set(BASIC + CONFIG))}")
        for name in BASIC + CONFIG:
            check(f"{name}: {self.results.get(name)} (recorded: {recorded.get(name)})",
                  self.results.get(name) == recorded.get(name) and self.results.get(name) != "failed")

    def setup(self):
        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        self.meta = json_of(r) or {}
        must("setup: discovery -> 200", r.status_code == 200 and self.meta.get("authorization_endpoint"), show(r))
        self.jwks = json_of(self.plain.get(self.meta["jwks_uri"], timeout=TIMEOUT)) or {}
        dev_name, dev_password = f"cdev-{self.tag}", "dev password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.dev, self.base, "setup: developer", dev_name, dev_password, f"{dev_name}@example.com")
        self.accounts.append((dev_name, dev_password))
        # The suite's static clients: confidential, client_secret_basic, sending no PKCE (one
        # organization each: the free plan has one app).
        self.client1 = self.client("client 1")
        self.client2 = self.client("client 2")
        self.username = f"cuser-{self.tag}"
        self.password = "user password " + secrets.token_hex(8)
        self.email = f"{self.username}@example.com"
        self.ua = self.user_agent()
        opaque_sign_up_and_in(self.ua, self.base, "setup: end user", self.username, self.password, self.email)
        self.accounts.append((self.username, self.password))

    def client(self, label):
        r = self.dev.post(self.base + "/api/v1/orgs", json={"name": f"Conformance {label} {self.tag}", "contact_email": "dev@example.com"},
                          timeout=TIMEOUT)
        org = (json_of(r) or {}).get("id")
        must(f"setup: {label}: an organization", r.status_code == 201 and org, show(r))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/apps", timeout=TIMEOUT, json={
            "name": f"Conformance {label} {self.tag}", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": APP_SCOPES})
        app = json_of(r) or {}
        must(f"setup: {label}: an app", r.status_code == 201 and app.get("id"), show(r))
        self.apps.append((org, app["id"]))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/apps/{app['id']}/secret", headers=JSON_HEADERS, timeout=TIMEOUT)
        secret = (json_of(r) or {}).get("client_secret")
        must(f"setup: {label}: a client secret", r.status_code == 201 and secret, show(r))
        r = self.dev.patch(self.base + f"/api/v1/orgs/{org}/apps/{app['id']}", json={"require_pkce": False}, timeout=TIMEOUT)
        must(f"setup: {label}: PATCH require_pkce false (the suite's clients send no PKCE)",
             r.status_code == 200 and (json_of(r) or {}).get("require_pkce") is False, show(r))
        return {"id": app["client_id"], "secret": secret}

    def user_agent(self):
        ua = self.requests.Session()
        ua.headers["Accept"] = "text/html,application/json"
        return ua

    # ------------------------------------------------------------------ the user agent

    def params(self, client=None, scope="openid", **extra):
        client = client or self.client1
        p = {"client_id": client["id"], "redirect_uri": REDIRECT_URI, "scope": scope, "response_type": "code",
             "state": secrets.token_urlsafe(16), "nonce": secrets.token_urlsafe(16)}
        for k, v in extra.items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = v
        return p

    def authorize(self, params, ua=None, method="GET", ordered=None):
        """Runs the request as a browser with `ua`'s cookies: signs in when the sign-in page
        shows, answers consent or pass-through pages with Allow (sharing the email when asked)."""
        ua = ua or self.ua
        endpoint = self.meta["authorization_endpoint"]
        if method == "POST":
            r = ua.post(endpoint, data=params, allow_redirects=False, timeout=TIMEOUT)
        else:
            query = urllib.parse.urlencode(ordered if ordered is not None else list(params.items()))
            r = ua.get(endpoint + "?" + query, allow_redirects=False, timeout=TIMEOUT)
        signed_in, hint = False, None
        for _ in range(5):
            if r.status_code in (302, 303):
                location = r.headers.get("Location", "")
                return Outcome(location=location, signed_in=signed_in, login_hint_shown=hint)
            if r.status_code != 200:
                return Outcome(page=r, signed_in=signed_in, login_hint_shown=hint)
            page = PageParser()
            page.feed(r.text)
            if page.signin_continue is not None and not signed_in:
                hint = page.username_value
                _, _, why = opaque_sign_in(self.base, self.username, self.password, session=ua)
                require(why is None, f"signing in: {why}")
                signed_in = True
                r = ua.get(urllib.parse.urljoin(self.base, html.unescape(page.signin_continue)), allow_redirects=False, timeout=TIMEOUT)
                continue
            if page.form is not None:
                fields = list(page.fields)
                if "decision" not in {n for n, _ in fields}:
                    fields.append(("decision", "allow"))
                if "share_email" in page.checkboxes:
                    fields.append(("share_email", page.checkboxes["share_email"]))
                r = ua.post(urllib.parse.urljoin(self.base, page.form.get("action")), data=fields, allow_redirects=False, timeout=TIMEOUT)
                continue
            return Outcome(page=r, signed_in=signed_in, login_hint_shown=hint)
        raise ModuleFailed("the authorization went round in circles")

    def code_flow(self, params, client=None, ua=None, method="GET", ordered=None, auth="client_secret_basic"):
        """The whole code flow: authorization, the token request (authlib), the ID token checks."""
        outcome = self.authorize(params, ua=ua, method=method, ordered=ordered)
        require(outcome.location and outcome.location.startswith(REDIRECT_URI + "?"), f"no redirect to the app: {self.describe(outcome)}")
        q = outcome.query
        require("error" not in q, f"the OP answered {q.get('error')}: {q.get('error_description')}")
        require(q.get("state") == params.get("state"), "state not echoed")
        require(q.get("iss") in (None, self.meta["issuer"]), "iss in the callback is not the issuer")
        require(q.get("code"), "no code")
        token = self.exchange(q["code"], client or self.client1, params.get("code_verifier"), auth)
        claims = self.verify_id_token(token.get("id_token"), client or self.client1, params.get("nonce"))
        return outcome, token, claims

    def exchange(self, code, client, verifier=None, auth="client_secret_basic"):
        from authlib.integrations.requests_client import OAuth2Session

        session = OAuth2Session(client_id=client["id"], client_secret=client["secret"], redirect_uri=REDIRECT_URI,
                                token_endpoint_auth_method=auth, default_timeout=TIMEOUT)
        extra = {"code_verifier": verifier} if verifier else {}
        token = session.fetch_token(self.meta["token_endpoint"], grant_type="authorization_code", code=code, **extra)
        require(token.get("access_token"), "no access_token")
        require(token.get("id_token"), "no id_token")
        return dict(token)

    def verify_id_token(self, id_token, client, nonce):
        from joserfc import jwt
        from joserfc.jwk import KeySet

        decoded = jwt.decode(id_token, KeySet.import_key_set(self.jwks), algorithms=["RS256", "ES256", "EdDSA"])
        c = decoded.claims
        now = time.time()
        require(c.get("iss") == self.meta["issuer"], "iss")
        require(c.get("aud") == client["id"] or (isinstance(c.get("aud"), list) and client["id"] in c["aud"]), "aud")
        require(isinstance(c.get("exp"), int) and now - 300 < c["exp"] < now + 50 * 365 * 86400, "exp")
        require(isinstance(c.get("iat"), int) and abs(c["iat"] - now) < 300, "iat")
        require("auth_time" not in c or (c["auth_time"] <= now + 300 and c["auth_time"] > now - 365 * 86400), "auth_time")
        require(c.get("nonce") == nonce, "nonce")
        require(isinstance(c.get("sub"), str) and 0 < len(c["sub"]) <= 255 and c["sub"].isprintable(), "sub")
        require("acr" not in c or (isinstance(c["acr"], str) and c["acr"]), "acr")
        kid = decoded.header.get("kid")
        require(kid is None or kid in {k.get("kid") for k in self.jwks.get("keys", [])}, "kid not in the JWKS")
        return c

    def userinfo(self, access_token, how="get"):
        url = self.meta["userinfo_endpoint"]
        if how == "get":
            r = self.plain.get(url, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT)
        elif how == "header":
            r = self.plain.post(url, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT)
        else:
            r = self.plain.post(url, data={"access_token": access_token}, timeout=TIMEOUT)
        require(r.status_code == 200, f"userinfo ({how}): {show(r)}")
        require(r.headers.get("Content-Type", "").startswith("application/json"), "userinfo is not application/json")
        return r.json()

    def describe(self, outcome):
        if outcome.location:
            return outcome.location
        return show(outcome.page) if outcome.page is not None else "nothing"

    def error_redirect(self, outcome, params, allowed):
        require(outcome.location and outcome.location.startswith(REDIRECT_URI + "?"), f"no error redirect: {self.describe(outcome)}")
        q = outcome.query
        require(q.get("error") in allowed, f"error {q.get('error')!r}, expected one of {sorted(allowed)}")
        require("code" not in q, "a code came with the error")
        if "state" in params:
            require(q.get("state") == params["state"], "state not echoed intact")
        require(q.get("iss") in (None, self.meta["issuer"]), "iss")
        description = q.get("error_description", "")
        require(all(0x20 <= ord(ch) <= 0x7e and ch not in '"\\' for ch in description), "error_description has characters RFC 6749 forbids")
        return q

    # ------------------------------------------------------------------ Basic OP

    def t_oidcc_server(self):
        params = self.params()
        outcome, token, claims = self.code_flow(params)
        require(len(outcome.query["code"]) >= 22, "the code is shorter than 128 bits")
        warnings = []
        if "expires_in" not in token:
            warnings.append("no expires_in")
        if "name" in claims:
            warnings.append("name in the ID token")
        extra = set(claims) - OPENID_CLAIMS
        if extra:
            warnings.append(f"unrequested claims {sorted(extra)}")
        self.userinfo(token["access_token"])
        return ("passed with warnings", "; ".join(warnings)) if warnings else ("passed", "")

    def t_oidcc_response_type_missing(self):
        params = self.params(response_type=None)
        outcome = self.authorize(params)
        if outcome.page is not None:
            require(400 <= outcome.page.status_code < 500 and "response_type" in outcome.page.text, "neither a redirect nor an error page")
            return "passed", "error page"
        self.error_redirect(outcome, params, {"unsupported_response_type", "invalid_request"})
        return "passed", "invalid_request by redirect"

    def _userinfo_module(self, how):
        _, token, claims = self.code_flow(self.params())
        info = self.userinfo(token["access_token"], how)
        require(info.get("sub") == claims.get("sub"), "userinfo sub differs from the ID token's")
        return "passed", ""

    def t_oidcc_userinfo_get(self):
        return self._userinfo_module("get")

    def t_oidcc_userinfo_post_header(self):
        return self._userinfo_module("header")

    def t_oidcc_userinfo_post_body(self):
        return self._userinfo_module("body")

    def t_oidcc_ensure_request_without_nonce_succeeds_for_code_flow(self):
        params = self.params(nonce=None)
        outcome = self.authorize(params)
        if outcome.query.get("code"):
            return "passed", ""
        q = self.error_redirect(outcome, params, {"invalid_request"})
        require("nonce" in q.get("error_description", ""), "refused for another reason than the missing nonce")
        # The same request with PKCE, and no nonce, gets its code.
        from authlib.oauth2.rfc7636 import create_s256_code_challenge

        verifier = secrets.token_urlsafe(48)
        with_pkce = self.params(nonce=None, code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
        require(self.authorize(with_pkce).query.get("code"), "with PKCE and no nonce there must be a code")
        return "differs", "without PKCE the app must send a nonce (invalid_request); with PKCE a request without nonce gets its code"

    def _scope_module(self, scope, wanted, ordered=False):
        supported = set(self.meta.get("scopes_supported") or [])
        missing_scopes = [s for s in scope.split() if s not in supported]
        if missing_scopes:
            return "skipped", f"scopes_supported lacks {' '.join(missing_scopes)}"
        params = self.params(scope=scope)
        order = sorted(params.items(), reverse=True) if ordered else None
        _, token, claims = self.code_flow(params, ordered=order)
        info = self.userinfo(token["access_token"])
        warnings = [f"userinfo lacks {c}" for c in wanted if c not in info]
        if "email" in scope.split() and ("email" in claims or "name" in claims):
            warnings.append("email or name in the ID token")
        if "email" in scope.split() and "profile" not in scope.split() and "name" in info:
            warnings.append("name in userinfo")
        return ("passed with warnings", "; ".join(warnings)) if warnings else ("passed", "")

    def t_oidcc_scope_profile(self):
        return self._scope_module("openid profile", PROFILE_CLAIMS)

    def t_oidcc_scope_email(self):
        return self._scope_module("openid email", ["email", "email_verified"])

    def t_oidcc_scope_address(self):
        return self._scope_module("openid address", ["address"])

    def t_oidcc_scope_phone(self):
        return self._scope_module("openid phone", ["phone_number", "phone_number_verified"])

    def t_oidcc_scope_all(self):
        return self._scope_module("openid email phone address profile", [])

    def t_oidcc_alternate_happy_flow(self):
        return self._scope_module("email openid", ["email", "email_verified"], ordered=True)

    def _fresh_login_module(self, **extra):
        ua = self.user_agent()
        outcome, _, _ = self.code_flow(self.params(**extra), ua=ua)
        require(outcome.signed_in, "a browser without cookies must see the sign-in page")
        ua.close()
        return outcome

    def t_oidcc_display_page(self):
        self._fresh_login_module(display="page")
        return "passed", ""

    def t_oidcc_display_popup(self):
        self._fresh_login_module(display="popup")
        return "passed", ""

    def t_oidcc_prompt_login(self):
        _, _, first = self.code_flow(self.params())
        time.sleep(1)
        outcome, _, second = self.code_flow(self.params(prompt="login"))
        require(outcome.signed_in, "prompt=login must show the sign-in page")
        if "auth_time" in first and "auth_time" in second:
            require(second["auth_time"] > first["auth_time"], "auth_time of the second sign-in is not later")
        return "passed", ""

    def t_oidcc_prompt_none_not_logged_in(self):
        ua = self.user_agent()
        params = self.params(prompt="none", state=secrets.token_urlsafe(96)[:128])
        outcome = self.authorize(params, ua=ua)
        ua.close()
        self.error_redirect(outcome, params, {"login_required", "interaction_required", "account_selection_required", "consent_required"})
        return "passed", ""

    def t_oidcc_prompt_none_logged_in(self):
        _, _, first = self.code_flow(self.params())
        outcome, _, second = self.code_flow(self.params(prompt="none"))
        require(not outcome.signed_in, "prompt=none showed the sign-in page")
        require(second["sub"] == first["sub"], "sub differs")
        require(second.get("auth_time") == first.get("auth_time"), "auth_time differs")
        return "passed", ""

    def t_oidcc_max_age_1(self):
        _, _, first = self.code_flow(self.params())
        time.sleep(2)
        outcome, _, second = self.code_flow(self.params(max_age="1"))
        require(outcome.signed_in, "max_age=1 two seconds after the sign-in must ask for a new one")
        require("auth_time" in second, "no auth_time with max_age")
        require("auth_time" not in first or second["auth_time"] > first["auth_time"], "auth_time is not later")
        require(abs(time.time() - second["auth_time"]) < 301, "auth_time is not recent")
        return "passed", ""

    def t_oidcc_max_age_10000(self):
        _, _, first = self.code_flow(self.params(max_age="15000"))
        require("auth_time" in first, "no auth_time with max_age")
        outcome, _, second = self.code_flow(self.params(max_age="10000"))
        require(not outcome.signed_in, "max_age=10000 asked for a new sign-in")
        require(second.get("auth_time") == first["auth_time"] and second["sub"] == first["sub"], "auth_time or sub differ")
        return "passed", ""

    def t_oidcc_ensure_request_with_unknown_parameter_succeeds(self):
        self.code_flow(self.params(extra="foobar"))
        return "passed", ""

    def t_oidcc_id_token_hint(self):
        _, token, first = self.code_flow(self.params())
        outcome, _, second = self.code_flow(self.params(prompt="none", id_token_hint=token["id_token"]))
        require(not outcome.signed_in, "the hinted, signed-in user was asked to sign in")
        require(second["sub"] == first["sub"] and second.get("auth_time") == first.get("auth_time"), "sub or auth_time differ")
        return "passed", ""

    def t_oidcc_login_hint(self):
        ua = self.user_agent()
        outcome, _, _ = self.code_flow(self.params(login_hint=self.username), ua=ua)
        ua.close()
        require(outcome.signed_in, "a browser without cookies must see the sign-in page")
        require(outcome.login_hint_shown == self.username, "the sign-in page did not prefill the hinted username")
        return "passed", ""

    def t_oidcc_ui_locales(self):
        self._fresh_login_module(ui_locales="se")
        return "passed", ""

    def t_oidcc_claims_locales(self):
        self.code_flow(self.params(claims_locales="se"))
        return "passed", ""

    def t_oidcc_ensure_request_with_acr_values_succeeds(self):
        requested = self.meta.get("acr_values_supported") or ["1", "2"]
        _, _, claims = self.code_flow(self.params(acr_values=" ".join(requested)))
        if claims.get("acr") not in requested:
            return "passed with warnings", f"acr {claims.get('acr')!r} is not one of those requested"
        return "passed", ""

    def _reuse(self, wait):
        from authlib.integrations.base_client import OAuthError

        outcome = self.authorize(self.params())
        code = outcome.query.get("code")
        require(code, f"no code: {self.describe(outcome)}")
        token = self.exchange(code, self.client1)
        time.sleep(wait)
        try:
            self.exchange(code, self.client1)
            return "passed with warnings", "the code was accepted twice"
        except OAuthError as e:
            require(e.error == "invalid_grant", f"reuse answered {e.error}, not invalid_grant")
        r = self.plain.get(self.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=TIMEOUT)
        if wait and not 400 <= r.status_code < 500:
            return "passed with warnings", "the first access token still works after the reuse"
        return "passed", ""

    def t_oidcc_codereuse(self):
        return self._reuse(0)

    def t_oidcc_codereuse_30seconds(self):
        return self._reuse(30)

    def t_oidcc_ensure_registered_redirect_uri(self):
        params = self.params(redirect_uri=REDIRECT_URI + "/" + secrets.token_hex(5))
        outcome = self.authorize(params)
        require(outcome.location is None, f"the OP redirected: {outcome.location}")
        require(outcome.page is not None and 400 <= outcome.page.status_code < 500 and "redirect_uri" in outcome.page.text,
                "no error page naming redirect_uri")
        return "passed", "error page"

    def t_oidcc_ensure_post_request_succeeds(self):
        self.code_flow(self.params(), method="POST")
        return "passed", ""

    def t_oidcc_server_client_secret_post(self):
        require("client_secret_post" in (self.meta.get("token_endpoint_auth_methods_supported") or []), "client_secret_post not in discovery")
        self.code_flow(self.params(), auth="client_secret_post")
        return "passed", ""

    def _request_object(self, **claims):
        import base64
        import json

        def part(obj):
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

        return part({"alg": "none"}) + "." + part(claims) + "."

    def t_oidcc_unsigned_request_object_supported_correctly_or_rejected_as_unsupported(self):
        inner = self.params()
        obj = self._request_object(**inner, iss=self.client1["id"], aud=self.meta["issuer"])
        params = {"response_type": "code", "client_id": self.client1["id"], "scope": "openid", "redirect_uri": REDIRECT_URI, "request": obj}
        outcome = self.authorize(params)
        q = outcome.query
        if q.get("error") == "request_not_supported":
            require("code" not in q, "a code came with the error")
            return "skipped", "request_not_supported (the suite ends the module skipped)"
        require(q.get("code") and q.get("state") == inner["state"], f"neither processed nor request_not_supported: {self.describe(outcome)}")
        return "passed", ""

    def t_oidcc_claims_essential(self):
        params = self.params(claims='{"userinfo":{"name":{"essential":true}}}')
        _, token, claims = self.code_flow(params)
        info = self.userinfo(token["access_token"])
        warnings = []
        if "name" not in info:
            warnings.append("userinfo lacks name")
        if "name" in claims:
            warnings.append("name in the ID token")
        return ("passed with warnings", "; ".join(warnings)) if warnings else ("passed", "")

    def t_oidcc_ensure_request_object_with_redirect_uri(self):
        inner = self.params()
        obj = self._request_object(**inner, iss=self.client1["id"], aud=self.meta["issuer"])
        params = {"response_type": "code", "client_id": self.client1["id"], "scope": "openid", "redirect_uri": REDIRECT_URI + "_invalid",
                  "request": obj}
        outcome = self.authorize(params)
        if outcome.page is not None:
            require(400 <= outcome.page.status_code < 500 and "redirect_uri" in outcome.page.text, "no error page naming redirect_uri")
            return "passed", "error page for the query's redirect_uri"
        q = outcome.query
        require(q.get("error") != "request_not_supported", "request_not_supported sent to the request object's redirect_uri")
        require(q.get("code") and q.get("state") == inner["state"], f"unexpected outcome: {self.describe(outcome)}")
        return "passed", ""

    def t_oidcc_refresh_token(self):
        from authlib.integrations.base_client import OAuthError
        from authlib.integrations.requests_client import OAuth2Session

        scope = "openid offline_access" if "offline_access" in (self.meta.get("scopes_supported") or []) else "openid"
        _, token, claims = self.code_flow(self.params(scope=scope, prompt="consent"))
        if not token.get("refresh_token"):
            return "skipped", "no refresh token"
        require(re.fullmatch(r"[\x20-\x7e]+", token["refresh_token"]), "refresh token characters")
        session = OAuth2Session(client_id=self.client1["id"], client_secret=self.client1["secret"], default_timeout=TIMEOUT,
                                token_endpoint_auth_method="client_secret_basic")
        refreshed = session.refresh_token(self.meta["token_endpoint"], refresh_token=token["refresh_token"], scope=scope)
        require(str(refreshed.get("token_type", "")).lower() == "bearer" and refreshed.get("access_token"), "refresh response")
        warnings = [] if "expires_in" in refreshed else ["no expires_in on refresh"]
        if refreshed.get("id_token"):
            from joserfc import jwt
            from joserfc.jwk import KeySet

            again = jwt.decode(refreshed["id_token"], KeySet.import_key_set(self.jwks), algorithms=["RS256", "ES256", "EdDSA"]).claims
            for name in ("iss", "sub", "aud", "auth_time", "azp"):
                require(again.get(name) == claims.get(name), f"the refreshed ID token's {name} differs (OIDC Core §12.2)")
        self.userinfo(refreshed["access_token"])
        # The second client's refresh token is bound to it.
        _, other, _ = self.code_flow(self.params(client=self.client2, scope=scope, prompt="consent"), client=self.client2)
        try:
            session.refresh_token(self.meta["token_endpoint"], refresh_token=other["refresh_token"])
            raise ModuleFailed("client 1 refreshed client 2's token")
        except OAuthError as e:
            require(e.error == "invalid_grant", f"another client's refresh token answered {e.error}, not invalid_grant")
        return ("passed with warnings", "; ".join(warnings)) if warnings else ("passed", "")

    def t_oidcc_ensure_request_with_valid_pkce_succeeds(self):
        from authlib.oauth2.rfc7636 import create_s256_code_challenge

        verifier = secrets.token_urlsafe(48)
        params = self.params(code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
        params["code_verifier"] = verifier  # read by code_flow for the token request, not sent to authorize
        request = {k: v for k, v in params.items() if k != "code_verifier"}
        outcome = self.authorize(request)
        require(outcome.query.get("code"), f"no code: {self.describe(outcome)}")
        token = self.exchange(outcome.query["code"], self.client1, verifier)
        self.verify_id_token(token["id_token"], self.client1, params["nonce"])
        return "passed", ""

    # ------------------------------------------------------------------ Config OP

    def t_oidcc_discovery_endpoint_verification(self):
        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        require(r.status_code == 200 and r.headers.get("Content-Type", "").startswith("application/json"), "discovery status or type")
        m = r.json()
        require(any(set(v.split()) == {"code"} for v in m.get("response_types_supported", [])), "response_types_supported")
        require(m.get("issuer", "").rstrip("/") == self.base.rstrip("/"), "issuer is not the discovery URL's")
        issuer = urllib.parse.urlsplit(m["issuer"])
        require(issuer.hostname and not issuer.query and not issuer.fragment and not issuer.username, "issuer URL")
        require(set(m.get("subject_types_supported", [])) & {"public", "pairwise"}, "subject_types_supported")
        require("RS256" in m.get("id_token_signing_alg_values_supported", []), "RS256 missing")
        for key in [k for k in m if k.endswith("_endpoint")] + ["jwks_uri"]:
            u = urllib.parse.urlsplit(m[key])
            require(u.scheme in ("https", "http") and u.hostname, f"{key} is not a URL")
            # The suite wants https everywhere; this test server speaks http on loopback, where
            # the scheme is the only thing that differs.
            require(u.scheme == "https" or u.hostname in ("127.0.0.1", "localhost"), f"{key} is not https")
        require(isinstance(m.get("claims_supported"), list), "claims_supported")
        require("openid" in m.get("scopes_supported", []), "scopes_supported lacks openid")
        require(all(re.fullmatch(r"[\x21\x23-\x5b\x5d-\x7e]+", s) for s in m["scopes_supported"]), "a scope token is malformed")
        require(isinstance(m.get("grant_types_supported", []), list) and m.get("grant_types_supported", [1]), "grant_types_supported")
        require("S256" in m.get("code_challenge_methods_supported", ["S256"]), "code_challenge_methods_supported")
        for key in ("ui_locales_supported", "claims_locales_supported"):
            require(all(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", t) for t in m.get(key, [])), f"{key} tags")
        jwks = self.plain.get(m["jwks_uri"], timeout=TIMEOUT).json()
        keys = jwks.get("keys")
        require(isinstance(keys, list) and keys, "no keys")
        for k in keys:
            require(k.get("kty") in ("RSA", "EC", "OKP"), "kty")
            need = {"RSA": ("n", "e"), "EC": ("x", "y"), "OKP": ("x", "crv")}[k["kty"]]
            require(all(re.fullmatch(r"[A-Za-z0-9_-]+", k.get(n, "")) for n in need), "key members are not base64url")
            require(not any(p in k for p in ("d", "p", "q", "dp", "dq", "qi", "k")), "private key material")
            require(k.get("kid"), "a key without kid (OIDCC-10.1)")
        require(len({k["kid"] for k in keys}) == len(keys), "kid values repeat")
        return "passed", ""

    # ------------------------------------------------------------------ cleanup

    def cleanup(self):
        for org, app in self.apps:
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", headers=JSON_HEADERS, timeout=TIMEOUT)
            check("cleanup: DELETE the app -> 204", r.status_code == 204, show(r))
        for username, password in reversed(self.accounts):
            delete_account(self.base, f"cleanup: DELETE /auth/me for {username}", username, password)
        for s in (self.dev, self.plain, getattr(self, "ua", None)):
            if s is not None:
                s.close()


if __name__ == "__main__":
    sys.exit(main())
