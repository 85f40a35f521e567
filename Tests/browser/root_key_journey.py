#!/usr/bin/env python3
"""Real-browser acceptance journey of the user's root key (docs/keys.md), in headless Chromium
(selenium), through the hosted pages only:

 1. Setup through the management API (Run.setup of oauth_browser_flow.py): a developer, an
    organization, a public app whose redirect URI this script serves (scopes openid profile
    email offline_access), and an API key for the app's MAU.
 2. The app's authorization URL (authlib: PKCE S256, scope "openid email") -> the sign-in page ->
    "Create an account" -> sign-up with an email address -> the recovery code is shown once (24
    Crockford base32 characters in six groups of four); Continue without ticking #recovery-saved
    -> #recovery-error; ticked -> the consent page (the email box ticked) -> Allow -> the
    callback's code; authlib exchanges it (PKCE, public client) and reads userinfo: the email,
    email_verified false. GET /api/v1/apps/{app}/mau (API key) -> 1.
 3. /account: the history has the sign-up's sign-in and the consent, none unreadable. Neither the
    typed password nor the recovery code is in any request the browser sent (plain, encoded,
    base64, base64url, hex, inside decoded base64 fields: oauth_browser_flow.leaks() and, for a
    secret at the very end of a field, tail_leaks() here), checked again at the end with every
    password and both codes (as shown, normalized, as typed).
 4. The verification mail (`flowsta mail outbox`, FLOWSTA_BIN and FLOWSTA_DATA_DIR from run.sh)
    -> /verify-email#token=... -> #verify-status verified; /account #email-status "verified". A
    new authorization (the pass-through page: consent remembered) -> authlib: userinfo and the
    ID token (verified with the JWKS) say email_verified true.
 5. #password-form on /account -> #password-status; signed out, the app's link -> the old
    password fails on the sign-in page (#form-error), the new one goes back to the app; MAU
    still 1; every earlier history entry still readable.
 6. Signed out, #forgot-link -> /forgot -> #recovery-form with the code typed in lowercase with
    spaces and a new password -> /account, the history whole (plus the new sign-in); the
    previous password no longer signs in (opaque_snake).
 7. Signed out, /forgot -> #reset-request-form -> the neutral #reset-request-status; the "Reset
    your Flowsta password" mail's /reset#token=... link -> #reset-warning (what is deleted, what
    stays); #reset-form without #reset-understood -> #form-error and nothing sent; ticked -> a
    NEW recovery code -> /account: the old history gone (the page and GET /vault/entries: only
    the entries written after the reset). The newest password signs in through the app; MAU 1.
 8. Cleanup: the user (signed in again with opaque_snake), the API key, the app, the developer.

Every step also fails on a SEVERE browser console entry. Screenshots of the recovery code step,
/forgot, the /reset warning and its recovery code step, /verify-email and /account at 375 and
1440 px (no horizontal overflow) go to $FLOWSTA_ARTIFACTS (default .build/artifacts/root-key).

Usage: Tests/browser/run.sh PATH/TO/flowsta root_key_journey.py
       (or python3 root_key_journey.py BASE_URL with FLOWSTA_BIN and FLOWSTA_DATA_DIR set)
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import collections
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, run_checks, b64d, b64e, check, delete_account, json_of, must, opaque_sign_in,
    query_of, show,
)
from oauth_browser_flow import (  # noqa: E402
    OPAQUE_TIMEOUT, PAGE_TIMEOUT, REPO, TIMEOUT, VAULT_ENTRY_PATH, NetworkCapture, Run, leaks,
)
from dashboard_browser_flow import Journey as DashboardJourney  # noqa: E402

SCOPE = "openid email"
RECOVERY_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$")
MAIL_TIMEOUT = 20  # seconds; the reset mail is looked up and queued after the answer (in the background)
UNREADABLE = "cannot be read"
LOADING = "Loading"


def tail_leaks(capture, secrets_):
    """What oauth_browser_flow.leaks() misses: a secret's UTF-8 bytes at the end of a base64 or
    base64url field whose length is not a multiple of 4 (leaks() cuts every candidate to a
    multiple of 4 characters before decoding, so up to the last 2 bytes of the field are lost).
    Each field is decoded here at the 4 alignments without cutting more than a dangling
    character."""
    found = []
    token = re.compile(r"[A-Za-z0-9_\-+/]{12,}={0,2}")
    for where, text in capture.texts():
        for match in token.finditer(text):
            normal = match.group(0).replace("+", "-").replace("/", "_").rstrip("=")
            for secret in secrets_:
                raw = secret.encode("utf-8")
                for start in range(4):
                    piece = normal[start:]
                    if len(piece) % 4 == 1:
                        piece = piece[:-1]
                    try:
                        data = b64d(piece)
                    except (ValueError, TypeError):
                        continue
                    if raw in data:
                        found.append(f"a secret's bytes at the end of base64 field {match.group(0)[:24]}... in {where}")
                        break
    return found


def all_leaks(capture, secrets_):
    return leaks(capture, secrets_) + tail_leaks(capture, secrets_)


def secret_variants(passwords, codes):
    """The passwords, and each recovery code as shown, normalized (24 characters) and as a person
    may type it (lowercase, spaces for hyphens): leaks() then tries each one's encodings."""
    forms = set()
    for code in codes:
        for text in (code, code.replace("-", ""), code.replace("-", " ")):
            forms.update({text, text.lower()})
    return list(passwords) + sorted(forms)


def main():
    base = base_url("root_key_journey.py")
    if not base:
        return 2
    try:
        import selenium
    except ImportError:
        print("selenium is missing: run this with the interpreter printed by scripts/test-venv", file=sys.stderr)
        return 2
    print(f"server: {base}")
    print(f"browser: /usr/bin/chromium via /usr/bin/chromedriver, selenium {selenium.__version__}")
    started = time.monotonic()
    run = Journey(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    print(f"screenshots ({len(run.screenshots)}) in {run.artifacts}:")
    for path in run.screenshots:
        print(f"  {os.path.basename(path)}")
    return CHECKS.summary()


class Journey(Run):
    """oauth_browser_flow.Run's helpers (drain, wait, element, page_state, type_into, shoot,
    setup, open_browser, verify_id_token, api_key_request) with this journey's steps."""

    def __init__(self, base):
        super().__init__(base)
        self.username = f"rk-{self.tag}"
        self.email = f"{self.username}@example.com"
        self.display_name = f"Root Key {self.tag}"
        # Every password the user had (or was being given when a step stopped), oldest first.
        self.passwords = [f"First-Pa55word-{secrets.token_hex(6)}"]
        self.codes = []  # the recovery codes shown, as shown
        self.typed = []  # the recovery codes as typed back
        self.console_checked = 0
        self.history_seen = []  # /account's item texts, the last time they were read
        self.pre_reset_ids = set()
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS")
                                         or os.path.join(REPO, ".build", "artifacts", "root-key"))

    @property
    def password(self):
        return self.passwords[-1]

    @password.setter
    def password(self, value):  # Run.__init__ assigns one; this journey keeps its own list
        pass

    # ------------------------------------------------------------------ helpers

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def text(self, css):
        e = self.element(css)
        return e.text.strip() if e else None

    def console_check(self, label):
        """No SEVERE browser console entry since the last such check."""
        self.drain(label)
        new = self.console[self.console_checked:]
        self.console_checked = len(self.console)
        for step, e in new:
            if e.get("level") != "SEVERE":
                print(f"  (console {e.get('level')} during {step}: {e.get('message')})")
        severe = [f"[{step}] {e.get('message')}" for step, e in new if e.get("level") == "SEVERE"]
        check(f"{label}: no SEVERE browser console entry", not severe, "; ".join(severe))

    def new_flow(self):
        """A relying party's authorization request built by authlib: PKCE S256, state, nonce."""
        from authlib.common.security import generate_token
        from authlib.integrations.requests_client import OAuth2Session

        client = OAuth2Session(client_id=self.client_id, scope=SCOPE, redirect_uri=self.callback.url,
                               code_challenge_method="S256", token_endpoint_auth_method="none",
                               default_timeout=TIMEOUT)
        client.headers["Accept"] = "application/json"
        verifier, nonce = generate_token(64), generate_token(24)
        url, state = client.create_authorization_url(self.meta["authorization_endpoint"], code_verifier=verifier,
                                                     nonce=nonce)
        return {"client": client, "url": url, "state": state, "verifier": verifier, "nonce": nonce}

    def at_callback(self, flow, label):
        """The browser is on the app's redirect URI: checks state, iss and the code."""
        q = query_of(self.driver.current_url)
        check(f"{label}: the callback carries the state sent and iss == issuer (RFC 9207)",
              q.get("state") == flow["state"] and q.get("iss") == self.meta.get("issuer"), self.driver.current_url)
        must(f"{label}: the callback carries a code", q.get("code"), self.driver.current_url)
        flow["callback"] = self.driver.current_url

    def app_exchange(self, flow, label, verified):
        """The app's side with authlib: the code with its PKCE verifier (a public client) ->
        tokens; the ID token verified with the JWKS; userinfo. Both say the email address and
        whether it is verified."""
        from authlib.integrations.base_client import OAuthError

        client = flow["client"]
        try:
            token = client.fetch_token(self.meta["token_endpoint"], authorization_response=flow["callback"],
                                       code_verifier=flow["verifier"], state=flow["state"])
        except OAuthError as e:
            must(f"{label}: authlib fetch_token (authorization_code, PKCE S256, public client)", False,
                 f"{e.error}: {e.description}")
        must(f"{label}: authlib fetch_token -> access_token and id_token, scope has openid and email",
             token.get("access_token") and token.get("id_token")
             and {"openid", "email"} <= set(str(token.get("scope", "")).split()), repr(dict(token))[:400])
        claims = self.verify_id_token(token["id_token"], flow["nonce"], label) or {}
        r = client.get(self.meta["userinfo_endpoint"])
        info = json_of(r) or {}
        print(f"  ({label}: userinfo {info}; ID token email {claims.get('email')!r}, "
              f"email_verified {claims.get('email_verified')!r})")
        check(f"{label}: userinfo (authlib, bearer) -> 200, email {self.email!r}, email_verified {verified}, "
              f"sub == the ID token's",
              r.status_code == 200 and info.get("email") == self.email and info.get("email_verified") is verified
              and info.get("sub") == claims.get("sub"), show(r))
        check(f"{label}: the ID token's email {self.email!r} and email_verified {verified}",
              claims.get("email") == self.email and claims.get("email_verified") is verified, repr(claims))
        client.close()
        return info.get("sub")

    def mau(self, label):
        r = self.api_key_request("GET", f"/api/v1/apps/{self.app[1]}/mau")
        body = json_of(r) or {}
        check(f"{label}: GET /api/v1/apps/{{app}}/mau with the API key -> 200 mau 1", r.status_code == 200
              and body.get("app_id") == self.app[1] and body.get("mau") == 1, show(r))

    def activity(self, step):
        """/account's activity once loaded: (#history-status text, [item texts])."""
        def ready(d):
            status = self.element("#history-status")
            if status is None:
                return None
            text = status.text.strip()
            items = [li.text for li in d.find_elements("css selector", "#history-list > li")]
            if text.startswith(LOADING) or (text == "" and not items):
                return None
            return text, items

        found = self.wait(step, ready, PAGE_TIMEOUT, "#history-list to load")
        return found or (self.text("#history-status") or "", [])

    def open_account(self, step):
        self.driver.get(self.base + "/account")
        who = self.wait(step, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must(f"{step}: /account shows the signed-in username", who and who.text == self.username, self.page_state())

    def browser_session(self):
        import requests

        cookie = self.driver.get_cookie("flowsta_session")
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        if cookie:
            session.cookies.set(cookie["name"], cookie["value"])
        return session

    def server_vault(self):
        """The ids of the user's vault entries (GET /vault/entries with the browser's cookie)."""
        with self.browser_session() as session:
            r = session.get(self.base + "/vault/entries", params={"limit": 100}, timeout=TIMEOUT)
        items = (json_of(r) or {}).get("items")
        return r, ({item.get("id") for item in items} if isinstance(items, list) else None)

    def vault_put_ids(self):
        self.drain("vault")
        return [VAULT_ENTRY_PATH.match(urllib.parse.urlsplit(r["url"]).path).group(1) for r in self.capture.requests
                if r["method"] == "PUT" and VAULT_ENTRY_PATH.match(urllib.parse.urlsplit(r["url"]).path)]

    def sign_out_here(self, step):
        """Sign out from /account (which also forgets this browser's keys) -> the sign-in page."""
        self.driver.get(self.base + "/account")
        self.wait(step, lambda d: self.element("#signout") or self.element("form#signin-form"), PAGE_TIMEOUT,
                  "the account page")
        if self.element("#signout"):
            self.element("#signout").click()
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        cookies = [c["name"] for c in self.driver.get_cookies()]
        must(f"{step}: Sign out on /account -> the sign-in page, no flowsta_session cookie",
             form and "flowsta_session" not in cookies, f"{self.page_state()} cookies={cookies}")

    def sign_in(self, step, password):
        """Types the username and `password` into the sign-in page and submits: returns where the
        browser ends up: "callback", "consent", "account", "error" (with #form-error) or None."""
        self.type_into("#username", self.username)
        self.type_into("#password", password)
        self.driver.execute_script("window.__rkSamePage = 'yes'")
        started = time.monotonic()
        self.element("#signin-submit").click()

        def outcome(d):
            if d.current_url.startswith(self.callback.url + "?"):
                return "callback"
            if self.element("form#consent-form"):
                return "consent"
            if self.element("#account-username"):
                return "account"
            error = self.element("#form-error")
            if error is not None and error.text.strip():
                return "error"
            return None

        where = self.wait(step, outcome, OPAQUE_TIMEOUT, "the sign-in's outcome")
        self.timings.append((f"{step}: sign-in submit -> {where}", time.monotonic() - started))
        return where

    def outbox(self, subject, step, timeout=0):
        """The mails to the user's address whose subject starts with `subject` (polled for up to
        `timeout` seconds until there is one), from the operator's `flowsta mail outbox`."""
        binary, data = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        must(f"{step}: FLOWSTA_BIN and FLOWSTA_DATA_DIR name the server's binary and data directory (run.sh)",
             binary and data and os.path.isdir(data), f"FLOWSTA_BIN={binary!r} FLOWSTA_DATA_DIR={data!r}")
        deadline = time.monotonic() + timeout
        while True:
            out = subprocess.run([binary, "mail", "outbox", "--data-dir", data], cwd=REPO, capture_output=True,
                                 text=True, timeout=60)
            mails = DashboardJourney.parse_outbox(out.stdout)
            mine = [m for m in mails if m["to"] == self.email and (m["subject"] or "").startswith(subject)]
            if mine or out.returncode != 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        print(f"  (outbox: {len(mails)} mail(s): {[(m['to'], m['subject']) for m in mails]})")
        must(f"{step}: `flowsta mail outbox` -> exit 0", out.returncode == 0,
             f"exit {out.returncode}: {out.stderr.strip()[-300:]}")
        return mine

    def secrets_sent(self, label, passwords, codes):
        """The typed passwords and recovery codes (as shown, normalized, as typed) are in none of
        the requests the browser sent."""
        self.drain(label)
        found = all_leaks(self.capture, secret_variants(passwords, codes))
        check(f"{label}: the {len(passwords)} typed password(s) and {len(codes)} recovery code(s) (plain, encoded, "
              f"base64, base64url, hex, inside decoded base64 fields) are in none of the {len(self.capture.requests)} "
              f"requests the browser sent", not found and len(self.capture.requests) > 0, "; ".join(found[:10]))

    def detector_self_test(self):
        """The leak detector finds a recovery code in made-up requests that do carry it."""
        code = self.codes[0]
        normalized = code.replace("-", "").encode("ascii")
        samples = {
            "typed lowercase with spaces, in a JSON body": {"body": json.dumps({"c": code.replace("-", " ").lower()})},
            "normalized, inside a base64url field": {"body": json.dumps({"ke1": b64e(b"\x07" + normalized + b"\x01")})},
            "as shown, in the URL": {"url": "http://x/?c=" + code},
        }
        missed = []
        for what, fields in samples.items():
            probe = NetworkCapture(None)
            probe.requests.append({"id": "probe", "url": "http://x/", "method": "POST", "headers": {}, "body": None,
                                   **fields})
            if not all_leaks(probe, secret_variants([], [code])):
                missed.append(what)
        check("3 privacy: the leak detector finds the recovery code in made-up requests (typed lowercase with spaces, "
              "normalized inside a base64url field, as shown in a URL)", not missed, f"missed: {missed}")

    # ------------------------------------------------------------------ steps

    def checks(self):
        self.setup()
        self.api_key_setup()
        self.open_browser()
        self.sign_up()
        self.first_history()
        self.verification()
        self.password_change()
        self.recovery()
        self.reset()
        self.secrets_sent("8 privacy: the whole journey", self.passwords, self.codes)

    def api_key_setup(self):
        org = self.app[0]
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/keys", json={"name": f"root-key-{self.tag}"},
                          timeout=TIMEOUT)
        key = json_of(r) or {}
        must("1 setup: an organization API key (POST /api/v1/orgs/{org}/keys) -> 201 with its secret",
             r.status_code == 201 and key.get("secret") and (key.get("key") or {}).get("id"), show(r))
        self.api_key = (org, key["key"]["id"], key["secret"])

    def sign_up(self):
        step = "2 sign-up"
        self.first_flow = flow = self.new_flow()
        q = query_of(flow["url"])
        check("2 authlib built the authorization URL: PKCE S256, scope 'openid email', state, nonce",
              q.get("code_challenge_method") == "S256" and q.get("code_challenge") and q.get("scope") == SCOPE
              and q.get("state") == flow["state"] and q.get("nonce") == flow["nonce"], flow["url"])
        self.driver.get(flow["url"])
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
        must("2 the app's link -> the hosted sign-in page", form, self.page_state())
        check("2 the sign-in page has #forgot-link to /forgot with the continuation",
              self.element("#forgot-link") is not None
              and urllib.parse.urlsplit(self.element("#forgot-link").get_attribute("href")).path == "/forgot"
              and query_of(self.element("#forgot-link").get_attribute("href")).get("continue", "").startswith(
                  "/oauth/authorize?"), self.page_state())
        self.element("#signup-link").click()
        form = self.wait(step, lambda d: self.element("form#signup-form"), PAGE_TIMEOUT, "the sign-up form")
        must("2 'Create an account' -> the sign-up page (form#signup-form)", form, self.page_state())
        check("2 the sign-up page: #recovery-step is there and hidden", self.element("#recovery-step") is not None
              and not self.element("#recovery-step").is_displayed(), self.page_state())

        self.type_into("#username", self.username)
        self.type_into("#display_name", self.display_name)
        self.type_into("#email", self.email)
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        started = time.monotonic()
        self.element("#signup-submit").click()

        def outcome(d):
            step_ = self.element("#recovery-step")
            if step_ is not None and step_.is_displayed() and self.text("#recovery-code"):
                return "recovery"
            if self.element("form#consent-form"):
                return "consent"
            return "error" if self.text("#form-error") else None

        where = self.wait(step, outcome, OPAQUE_TIMEOUT, "the recovery code step")
        self.timings.append(("sign-up submit -> recovery code shown (OPAQUE register + login + recovery record)",
                             time.monotonic() - started))
        if where in ("recovery", "consent"):
            self.user_created = True
        must("2 sign-up (OPAQUE in the page) -> the recovery code step (#recovery-step shown, #recovery-code)",
             where == "recovery", f"outcome={where} " + self.page_state())
        code = self.text("#recovery-code")
        print(f"  (recovery code shown: {code[:4]}-…)")
        must("2 the recovery code: 24 Crockford base32 characters in 6 groups of 4 "
             "(^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$)", RECOVERY_CODE.fullmatch(code or ""),
             repr(code))
        self.codes.append(code)
        check("2 the recovery step replaces the sign-up form (form hidden), still on /signup",
              not self.element("form#signup-form").is_displayed() and self.path() == "/signup", self.page_state())
        check("2 the sign-up form's password fields were emptied",
              self.element("#password").get_attribute("value") == ""
              and self.element("#password_confirm").get_attribute("value") == "", self.page_state())
        check("2 #recovery-saved is not ticked", not self.element("#recovery-saved").is_selected(), self.page_state())
        self.shoot("recovery-step")

        self.driver.execute_script("window.__rkSamePage = 'yes'")
        self.element("#recovery-continue").click()
        error = self.wait(step, lambda d: self.text("#recovery-error"), 5, "#recovery-error")
        print(f"  (#recovery-error: {error!r})")
        time.sleep(0.5)
        check("2 Continue without ticking #recovery-saved -> #recovery-error says so, no navigation "
              "(same document), #recovery-saved aria-invalid",
              error and self.driver.execute_script("return window.__rkSamePage || null") == "yes"
              and self.path() == "/signup" and self.element("#recovery-saved").get_attribute("aria-invalid") == "true",
              self.page_state())
        self.element("#recovery-saved").click()
        self.element("#recovery-continue").click()
        form = self.wait(step, lambda d: self.element("form#consent-form"), PAGE_TIMEOUT, "the consent page")
        must("2 ticked, Continue -> the consent page of the app", form and self.path() == "/oauth/authorize"
             and query_of(self.driver.current_url).get("state") == flow["state"], self.page_state())
        check("2 consent page: 'Signed in as' the new username, the app's name, an email box (unticked)",
              self.username in (self.text("p.lead") or "") and self.app_name in (self.text("p.lead") or "")
              and self.element("#share_email") is not None and not self.element("#share_email").is_selected(),
              self.page_state())
        self.element("#share_email").click()
        self.element("#consent-allow").click()
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT,
                           "the callback")
        must("2 email box ticked, Allow -> the app's redirect URI", landed, self.page_state())
        self.at_callback(flow, "2 callback")
        self.sub = self.app_exchange(flow, "2 app", verified=False)
        self.mau("2 MAU")
        self.console_check("2 sign-up")

    def first_history(self):
        step = "3 account"
        self.open_account(step)
        status, items = self.activity(step)
        print(f"  (#history-status {status!r}; #history-list {items!r})")
        app = self.app_name
        check(f"3 /account history: 2 entries, newest first: 'Allowed {app}: <openid and email>' (the consent), "
              f"'Signed in' (the sign-up), none unreadable",
              status == "" and len(items) == 2 and items[0].startswith(f"Allowed {app}: ")
              and {"email", "openid"} <= set(items[0].split(" — ")[0].split(": ", 1)[-1].split(", "))
              and items[1].startswith("Signed in — ") and not any(UNREADABLE in i for i in items), repr(items))
        self.history_seen = items
        check("3 /account: the address 'not verified' (#email-status) and a resend button",
              self.text("#account-email") == self.email and self.text("#email-status") == "not verified"
              and self.element("#resend-verification") is not None, self.page_state())
        check("3 /account: #recovery-state says the account has a recovery code",
              (self.text("#recovery-state") or "").startswith("You have a recovery code."), self.page_state())
        sessions = self.wait(step, lambda d: [li.text for li in d.find_elements("css selector", "#sessions-list > li")],
                             PAGE_TIMEOUT, "#sessions-list")
        print(f"  (#sessions-list {sessions!r}; #sessions-status {self.text('#sessions-status')!r})")
        check("3 /account: #sessions-list shows this browser's session", sessions
              and any("this browser" in s for s in sessions), repr(sessions))
        self.detector_self_test()
        self.secrets_sent("3 privacy", self.passwords, self.codes)
        self.console_check("3 account")

    def verification(self):
        step = "4 verification"
        mails = self.outbox("Verify your email address", step, timeout=MAIL_TIMEOUT)
        must(f"4 the outbox holds one 'Verify your email address…' mail to {self.email}", len(mails) == 1,
             repr(mails))
        print(f"  (subject: {mails[0]['subject']!r})")
        links = re.findall(r"\S+/verify-email#token=\S+", mails[0]["text"])
        must("4 the mail carries one link <issuer>/verify-email#token=<token>",
             len(links) == 1 and links[0].startswith(self.base + "/verify-email#token="), repr(mails[0]["text"]))
        self.driver.get(links[0])
        status = self.wait(step, lambda d: (self.text("#verify-status") or "").startswith("Verifying") is False
                           and self.text("#verify-status"), PAGE_TIMEOUT, "#verify-status")
        print(f"  (#verify-status: {status!r})")
        check("4 /verify-email#token=… -> #verify-status says the address is verified",
              status and "verified" in status and "not" not in status.lower().split(), self.page_state())
        check("4 /verify-email dropped the token from the address bar", "token" not in self.driver.current_url,
              self.driver.current_url)
        self.shoot("verify-email")
        self.open_account(step)
        check("4 /account: #email-status 'verified', no resend button",
              self.text("#email-status") == "verified" and self.element("#resend-verification") is None,
              self.page_state())
        self.activity(step)
        self.shoot("account")

        flow = self.new_flow()
        started = time.monotonic()
        self.driver.get(flow["url"])
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT,
                           "the callback through the pass-through page")
        self.timings.append(("signed in, app link -> callback (pass-through page)", time.monotonic() - started))
        must("4 a new authorization, signed in -> straight back to the app (pass-through page: consent remembered)",
             landed, self.page_state())
        self.drain(step)
        documents = [urllib.parse.urlsplit(r["url"]).path for r in self.capture.requests if r["type"] == "Document"]
        check("4 the way back went through the pass-through page's POST /oauth/consent",
              any(r["method"] == "POST" and urllib.parse.urlsplit(r["url"]).path == "/oauth/consent"
                  for r in self.capture.requests[-12:]), repr(documents[-5:]))
        self.at_callback(flow, "4 callback")
        sub = self.app_exchange(flow, "4 app", verified=True)
        check("4 the same sub as the first sign-in", sub == self.sub, f"{sub} vs {self.sub}")
        self.mau("4 MAU")
        self.console_check("4 verification")

    def password_change(self):
        step = "5 password change"
        self.open_account(step)
        _, before = self.activity(step)
        self.passwords.append(f"Second-Pa55word-{secrets.token_hex(6)}")
        old, new = self.passwords[-2], self.passwords[-1]
        self.type_into("#current_password", old)
        self.type_into("#new_password", new)
        self.type_into("#new_password_confirm", new)
        started = time.monotonic()
        self.element("#password-submit").click()
        outcome = self.wait(step, lambda d: ("ok" if self.text("#password-status") else None)
                            or ("error" if self.text("#password-error") else None), OPAQUE_TIMEOUT,
                            "#password-status")
        self.timings.append(("#password-form submit -> #password-status", time.monotonic() - started))
        print(f"  (#password-status: {self.text('#password-status')!r}; #password-error: "
              f"{self.text('#password-error')!r})")
        must("5 #password-form (current, new, repeated) -> #password-status says the password is changed",
             outcome == "ok" and "changed" in self.text("#password-status"), self.page_state())
        fields = ("#current_password", "#new_password", "#new_password_confirm")
        check("5 the password fields are emptied", all(self.element(c).get_attribute("value") == "" for c in fields),
              self.page_state())
        self.drain(step)
        check("5 the change went through POST /auth/password", self.capture.posts_to("/auth/password"),
              "no POST /auth/password captured")
        self.history_seen = before

        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
        must("5 signed out, the app's link -> the sign-in page", form, self.page_state())
        at = self.driver.current_url
        where = self.sign_in(step, old)
        message = self.text("#form-error")
        print(f"  (old password: {where}; #form-error {message!r})")
        time.sleep(0.5)
        check("5 the old password no longer signs in: a wrong-password error in #form-error, same page",
              where == "error" and "not right" in (message or "")
              and self.driver.execute_script("return window.__rkSamePage || null") == "yes"
              and self.driver.current_url == at, self.page_state())
        where = self.sign_in(step, new)
        must("5 the new password on the sign-in page -> back to the app (consent remembered)", where == "callback",
             f"outcome={where} " + self.page_state())
        self.at_callback(flow, "5 callback")
        self.app_exchange(flow, "5 app", verified=True)
        self.mau("5 MAU")

        self.open_account(step)
        status, items = self.activity(step)
        print(f"  (#history-list after the change: {items!r})")
        check(f"5 /account history after the change: every earlier entry still there and readable "
              f"({len(before)} before, +2 sign-ins), none unreadable",
              status == "" and len(items) >= len(before) + 2
              and not collections.Counter(before) - collections.Counter(items)
              and not any(UNREADABLE in i for i in items), f"before={before!r} after={items!r}")
        self.history_seen = items
        self.console_check("5 password change")

    def recovery(self):
        step = "6 recovery"
        before = self.history_seen
        self.sign_out_here(step)
        link = self.element("#forgot-link")
        must("6 the sign-in page has #forgot-link", link, self.page_state())
        link.click()
        form = self.wait(step, lambda d: self.element("form#recovery-form"), PAGE_TIMEOUT, "/forgot")
        must("6 #forgot-link -> /forgot with #recovery-form and #reset-request-form",
             form and self.path() == "/forgot" and self.element("form#reset-request-form"), self.page_state())
        self.shoot("forgot")
        self.passwords.append(f"Third-Pa55word-{secrets.token_hex(6)}")
        typed = self.codes[0].replace("-", " ").lower()
        self.typed.append(typed)
        self.type_into("#username", self.username)
        self.type_into("#recovery_code", typed)
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        started = time.monotonic()
        self.element("#recovery-submit").click()
        outcome = self.wait(step, lambda d: ("account" if self.element("#account-username") else None)
                            or ("error" if self.text("#form-error") else None), OPAQUE_TIMEOUT, "/account")
        self.timings.append(("#recovery-form submit -> /account", time.monotonic() - started))
        must("6 'I have my recovery code': the username, the code in lowercase with spaces, a new password -> "
             "/account, signed in", outcome == "account" and self.text("#account-username") == self.username,
             self.page_state())
        status, items = self.activity(step)
        print(f"  (#history-list after the recovery: {items!r})")
        check(f"6 /account history after the recovery: the {len(before)} earlier entries plus the new sign-in, "
              f"none unreadable",
              status == "" and len(items) == len(before) + 1
              and not collections.Counter(before) - collections.Counter(items)
              and items[0].startswith("Signed in — ") and not any(UNREADABLE in i for i in items),
              f"before={before!r} after={items!r}")
        self.history_seen = items
        session, _, why = opaque_sign_in(self.base, self.username, self.passwords[-2])
        if session is not None:
            session.close()
        check("6 the previous password no longer signs in (opaque_snake)", session is None, why)
        self.console_check("6 recovery")

    def reset(self):
        step = "7 reset"
        self.pre_reset_ids = set(self.vault_put_ids())
        r, listed = self.server_vault()
        check(f"7 before the reset GET /vault/entries (session cookie) lists the {len(self.history_seen)} entries "
              f"the page showed, all written by this browser",
              listed is not None and len(listed) == len(self.history_seen) and listed <= self.pre_reset_ids, show(r))
        self.sign_out_here(step)
        self.driver.get(self.base + "/forgot")
        self.wait(step, lambda d: self.element("form#reset-request-form"), PAGE_TIMEOUT, "/forgot")
        self.type_into("#reset_email", self.email)
        self.element("#reset-request-submit").click()
        status = self.wait(step, lambda d: self.text("#reset-request-status") or None, PAGE_TIMEOUT,
                           "#reset-request-status")
        print(f"  (#reset-request-status: {status!r})")
        check("7 #reset-request-form -> the neutral #reset-request-status (never says whether the address has an "
              "account)", status and status.startswith("If this address") and not self.text("#reset-request-error"),
              self.page_state())
        mails = self.outbox("Reset your Flowsta password", step, timeout=MAIL_TIMEOUT)
        must(f"7 the outbox holds one 'Reset your Flowsta password' mail to {self.email} (within {MAIL_TIMEOUT} s)",
             len(mails) == 1, repr(mails))
        links = re.findall(r"\S+/reset#token=\S+", mails[0]["text"])
        must("7 the mail carries one link <issuer>/reset#token=<token>",
             len(links) == 1 and links[0].startswith(self.base + "/reset#token="), repr(mails[0]["text"]))
        self.driver.get(links[0])
        form = self.wait(step, lambda d: self.element("form#reset-form"), PAGE_TIMEOUT, "/reset")
        must("7 the link -> /reset with #reset-form", form and self.path() == "/reset", self.page_state())
        warning = self.element("#reset-warning")
        words = warning.text if warning else ""
        print(f"  (#reset-warning: {words!r})")
        check("7 #reset-warning is visible and says the activity history will be deleted",
              warning is not None and warning.is_displayed() and "activity history" in words and "deleted" in words,
              repr(words))
        check("7 #reset-warning says what stays: username, email address, connected apps, consents, organizations",
              all(w in words for w in ("What stays", "username", "email address", "connected apps", "consents",
                                        "organizations")), repr(words))
        check("7 /reset dropped the token from the address bar", "token" not in self.driver.current_url,
              self.driver.current_url)
        check("7 /reset: the form is enabled (the token was read) and #reset-understood unticked",
              self.element("#reset-submit").is_enabled() and not self.element("#reset-understood").is_selected()
              and not self.text("#form-error"), self.page_state())
        self.shoot("reset-warning")

        self.passwords.append(f"Fourth-Pa55word-{secrets.token_hex(6)}")
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        self.drain(step)
        sent_before = len(self.capture.requests)
        self.element("#reset-submit").click()
        error = self.wait(step, lambda d: self.text("#form-error"), 5, "#form-error")
        time.sleep(0.5)
        self.drain(step)
        sent = [f"{r['method']} {urllib.parse.urlsplit(r['url']).path}" for r in self.capture.requests[sent_before:]]
        print(f"  (without #reset-understood: #form-error {error!r}; requests {sent!r})")
        check("7 #reset-form without ticking #reset-understood -> #form-error, nothing sent, the form still there",
              error and "Tick" in error and not sent and self.element("form#reset-form").is_displayed(),
              f"{self.page_state()} requests={sent}")
        self.element("#reset-understood").click()
        started = time.monotonic()
        self.element("#reset-submit").click()

        def outcome(d):
            shown = self.element("#recovery-step")
            if shown is not None and shown.is_displayed() and self.text("#recovery-code"):
                return "recovery"
            return "error" if self.text("#form-error") and self.text("#form-error") != error else None

        where = self.wait(step, outcome, OPAQUE_TIMEOUT, "the new recovery code")
        self.timings.append(("#reset-form submit -> new recovery code (2 OPAQUE registrations)",
                             time.monotonic() - started))
        must("7 ticked -> the new recovery code step", where == "recovery", f"outcome={where} " + self.page_state())
        code = self.text("#recovery-code")
        check("7 the new recovery code: 24 Crockford base32 characters in 6 groups of 4, different from the first",
              RECOVERY_CODE.fullmatch(code or "") and code != self.codes[0], repr(code))
        self.codes.append(code)
        check("7 the recovery step replaces the form and the warning",
              not self.element("form#reset-form").is_displayed()
              and not self.element("#reset-warning").is_displayed(), self.page_state())
        self.shoot("reset-recovery-step")
        self.element("#recovery-saved").click()
        self.element("#recovery-continue").click()
        self.wait(step, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "/account")
        must("7 ticked, Continue -> /account, signed in", self.text("#account-username") == self.username,
             self.page_state())
        status, items = self.activity(step)
        print(f"  (#history-status {status!r}; #history-list after the reset: {items!r})")
        check("7 /account history after the reset: the old entries are gone; only the reset's own sign-in "
              "(or none), nothing unreadable",
              (status == "" and len(items) == 1 and items[0].startswith("Signed in — "))
              or (status.startswith("No activity") and not items), f"status={status!r} items={items!r}")
        written = set(self.vault_put_ids()) - self.pre_reset_ids
        r, listed = self.server_vault()
        check("7 GET /vault/entries after the reset: none of the entries from before, only those written since",
              listed is not None and not (listed & self.pre_reset_ids) and listed <= written
              and len(listed) == len(items), f"{show(r)} written since: {written}")
        check("7 /account: still verified, still a recovery code",
              self.text("#email-status") == "verified"
              and (self.text("#recovery-state") or "").startswith("You have a recovery code."), self.page_state())
        self.history_seen = items

        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
        where = self.sign_in(step, self.password)
        must("7 the newest password on the sign-in page -> back to the app (the consent stayed)", where == "callback",
             f"outcome={where} " + self.page_state())
        self.at_callback(flow, "7 callback")
        sub = self.app_exchange(flow, "7 app", verified=True)
        check("7 the same sub as before the reset", sub == self.sub, f"{sub} vs {self.sub}")
        self.mau("7 MAU (one account counts once a month, whatever its new analytics id)")
        for old in self.passwords[:-1]:
            session, _, why = opaque_sign_in(self.base, self.username, old)
            if session is not None:
                session.close()
                check("7 no earlier password signs in any more (opaque_snake)", False, f"{old[:6]}… still works")
                break
        else:
            check("7 no earlier password signs in any more (opaque_snake)", True)
        self.console_check("7 reset")

    # ------------------------------------------------------------------ cleanup

    def cleanup(self):
        try:
            if self.driver is not None:
                self.drain("cleanup")
                self.driver.quit()
                self.driver = None
        finally:
            if self.user_created:
                self.delete_user()
            if self.api_key:
                org, key, _ = self.api_key
                r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/keys/{key}", headers=JSON_HEADERS, timeout=TIMEOUT)
                check("cleanup: revoke the API key -> 204", r.status_code == 204, show(r))
            if self.app:
                org, app = self.app
                r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", headers=JSON_HEADERS,
                                    timeout=TIMEOUT)
                check("cleanup: DELETE the app -> 204", r.status_code == 204, show(r))
            if self.dev_created:
                delete_account(self.base, "cleanup: DELETE /auth/me for the developer (signed in again) -> 204",
                               self.dev_name, self.dev_password)
            if self.callback:
                self.callback.close()
            for s in (self.dev, self.plain):
                s.close()

    def delete_user(self):
        """DELETE /auth/me after a fresh sign-in (opaque_snake), with the newest password that
        still signs in (a step may have stopped halfway through a change)."""
        for password in reversed(self.passwords):
            session, _, why = opaque_sign_in(self.base, self.username, password)
            if session is None:
                continue
            with session:
                r = session.delete(self.base + "/auth/me", headers=JSON_HEADERS, timeout=TIMEOUT)
                return check("cleanup: DELETE /auth/me for the user (signed in again) -> 204", r.status_code == 204,
                             show(r))
        return check("cleanup: DELETE /auth/me for the user (signed in again) -> 204", False,
                     "no known password signs in")


if __name__ == "__main__":
    sys.exit(main())
