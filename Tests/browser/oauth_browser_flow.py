#!/usr/bin/env python3
"""Real-browser end-to-end test of the hosted pages: an app's link -> sign-up -> consent ->
redirect back with a code -> token exchange, then sign-out and sign-in with the typed password
(a wrong one first) -> remembered consent -> straight back to the app.

Headless Chromium (selenium, /usr/bin/chromium, /usr/bin/chromedriver) runs the pages' own
JavaScript: OPAQUE registration and login with Argon2id, in the page; the sign-up page then makes
the account's root key and recovery code (docs/keys.md) and shows the code once, before the
consent page (it must be ticked as saved; screenshots "recovery-code"). Every request the page
sends is recorded through the DevTools network events (URL, headers, body) and the test fails
if the typed password, or its UTF-8 bytes as base64, base64url or hex, appears in any of them,
or inside any base64url field of a body once decoded. It also fails on a SEVERE console entry
and takes screenshots of the sign-in, sign-up, consent and callback pages at 375 px and 1440 px
into $FLOWSTA_ARTIFACTS (default: .build/artifacts/browser under the repository).

Setup (developer account, organization, public app with a loopback redirect URI) goes through
the management API with requests and the third-party OPAQUE client opaque_snake. The app's
redirect URI is served by this script (http.server on 127.0.0.1), so the browser lands on a
real page; the code is then exchanged at the token endpoint as a public client (PKCE S256).

Step 10 is the zero-knowledge monthly active users acceptance, as a new user would see it: on a
fresh app (the organization moves to the pro plan for a second app) three users sign up in the
browser, two of them come back (the remembered-consent pass-through page, no clicks) and one a
third time; each authorization POST carries the analytics id the page derived from the key it
keeps in IndexedDB (checked against the same derivation from the root key, which an independent
OPAQUE client opens from the password envelope of its own sign-in), signing out from /account
deletes that key, the MAU endpoint says 3, and
the usage export (CSV and JSON, polled until the 10-second flush) shows the app's token and
userinfo calls, one failed token call included, with their error rate and latency percentiles.

Step 9b is the user vault (privacy invariant P4): the four PUT /vault/entries/{id} the pages sent
(signin at sign-up, consent on Allow, signin at sign-in, signin to the app on the pass-through page)
carry only kind and a format-2 ciphertext (0x02 || nonce || ciphertext || tag) with nothing
readable in it; they open outside the browser under the vault key of the user's root key, which an
independent OPAQUE client (opaque_snake) gets by opening the password envelope of its own
login/finish with its export key (Tests/support/root_key_vectors.py; the AAD binds id and kind);
/account lists them decrypted, newest first (screenshots "account"); GET /vault/entries and
GET /auth/me/export (session cookie) return the same sealed entries; signing out deletes the vault
key from IndexedDB and signing in again on the hosted page opens the root key again, so /account
reads the history again. Step 9c is the rest of the root key's journey in the browser: the
account page's sessions (sign out everywhere else), a password change that keeps the history (the
new password's envelope opens to the same root key, outside the browser), "forgot password" with
the recovery code shown at sign-up, typed in lowercase with spaces (same root key, the history
still reads), the email verification link (from `flowsta mail outbox`; the token leaves the URL),
and a reset link for the verified address: a new root key and recovery code (screenshots
"reset-code"), the old history gone. In step 10 user 3 also denies the first app: a sealed
"consent" entry, decision=deny without an analytics id, and "Denied <app>" on /account.

The sign-up page solves the server's sign-up proof of work itself (GET /auth/signup-challenge);
step 9 checks its register/finish's signup_proof independently. The cleanup deletes the accounts
after a fresh sign-in (DELETE /auth/me needs one within 5 minutes): the end user's from the
browser, signed in again on /signin, with a same-origin fetch that must be application/json even
without a body (the same fetch without it is refused: 403 cross_site_request); the others with
opaque_snake (flowsta_checks.delete_account).

Usage: python3 oauth_browser_flow.py BASE_URL      (or env FLOWSTA_URL)
The server's issuer must be BASE_URL and it must serve Public/ under /static.
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import base64
import csv
import hashlib
import http.server
import io
import json
import os
import re
import secrets
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../support"))
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, run_checks, b64d, b64e, check, delete_account, json_of, leading_zero_bits, must,
    opaque_sign_in_with_body, opaque_sign_up_and_in, query_of, show, signup_challenge, signup_proof_digest,
)
from analytics_vectors import analytics_id  # noqa: E402
from root_key_vectors import (  # noqa: E402
    analytics_root_v2, normalize_recovery_code, open_entry, open_envelope, vault_key_v2,
)

TIMEOUT = 30  # seconds, HTTP calls of the test itself
PAGE_TIMEOUT = 20  # a page to appear after a click
OPAQUE_TIMEOUT = 120  # sign-up runs Argon2id twice in the page (~0.5 s each here; CI may be slower)
SCOPE = "openid profile offline_access"
APP_SCOPES = ["openid", "profile", "email", "offline_access"]
WIDTHS = (375, 1440)
USAGE_TIMEOUT = 25  # usage counters reach the database every 10 s (MeteringFlushService)
MAU_USERS = 3
ANALYTICS_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")  # 16 bytes, base64url without padding
USAGE_HEADER = ["period_start", "route_group", "requests", "client_errors", "server_errors", "error_rate", "p50_ms",
                "p95_ms", "p99_ms"]

# Reports the analytics root this origin keeps (Public/js/analytics.js: database "flowsta", store
# "keys", key "analytics_root"; or the record named by the script's first argument, e.g.
# "vault_key_v2" of Public/js/vault.js) without creating the database when there is none.
ANALYTICS_KEY_PROBE = """
const done = arguments[arguments.length - 1];
const record = arguments.length > 1 ? arguments[0] : 'analytics_root';
let request;
try { request = indexedDB.open('flowsta'); } catch (e) { done({error: String(e)}); return; }
request.onupgradeneeded = () => request.transaction.abort();
request.onerror = (event) => { event.preventDefault(); done({present: false, database: false}); };
request.onsuccess = () => {
  const db = request.result;
  if (!db.objectStoreNames.contains('keys')) { db.close(); done({present: false, database: true}); return; }
  const get = db.transaction('keys', 'readonly').objectStore('keys').get(record);
  get.onsuccess = () => {
    const key = get.result;
    db.close();
    done(key ? {present: true, type: key.type, algorithm: key.algorithm && key.algorithm.name,
                hash: key.algorithm && key.algorithm.hash && key.algorithm.hash.name,
                extractable: key.extractable, usages: Array.from(key.usages || [])}
             : {present: false, database: true});
  };
  get.onerror = (event) => { event.preventDefault(); db.close(); done({error: String(get.error)}); };
};
"""
FORGET_BROWSER_DATABASE = """
const done = arguments[arguments.length - 1];
const request = indexedDB.deleteDatabase('flowsta');
request.onsuccess = () => done('deleted');
request.onerror = () => done('error: ' + request.error);
request.onblocked = () => done('blocked');
"""
RECOVERY_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$")
MAIL_LINK = re.compile(r"(/(?:verify-email|reset))#token=([A-Za-z0-9_-]+)")
VAULT_ENTRY_PATH = re.compile(r"^/vault/entries/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# --------------------------------------------------------------------------- checks


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


# --------------------------------------------------------------------------- the app's redirect URI


class CallbackServer:
    """The relying party's redirect URI: 200 "signed in" at /callback, recording each query."""

    def __init__(self):
        self.queries = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                if parts.path == "/callback":
                    outer.queries.append(dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)))
                    body = (b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            b"<title>Example app</title></head><body><h1 id=\"callback\">signed in</h1>"
                            b"<p>The example app received an authorization code.</p></body></html>")
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Cache-Control", "no-store")
                    self.end_headers()
                    self.wfile.write(body)
                elif parts.path == "/favicon.ico":
                    self.send_response(204)
                    self.end_headers()
                else:
                    self.send_error(404)

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/callback"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------------------- OPAQUE (developer)


# --------------------------------------------------------------------------- network capture


class NetworkCapture:
    """Every request the browser's page sent, from the DevTools events in chromedriver's
    performance log: URL, method, headers (also the final ones from ...ExtraInfo) and body."""

    def __init__(self, driver):
        self.driver = driver
        self.requests = []  # dicts: id, url, method, headers, body, has_body, body_error
        self.by_id = {}  # requestId -> the latest record with that id (redirects reuse the id)
        self.extra_headers = []  # (requestId, headers) from Network.requestWillBeSentExtraInfo
        self.events = 0

    def drain(self):
        for entry in self.driver.get_log("performance"):
            try:
                message = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            method, params = message.get("method"), message.get("params") or {}
            if method == "Network.requestWillBeSent":
                self.events += 1
                self.add(params)
            elif method == "Network.requestWillBeSentExtraInfo":
                self.extra_headers.append((params.get("requestId"), params.get("headers") or {}))

    def add(self, params):
        request = params.get("request") or {}
        body = request.get("postData")
        if body is None and request.get("postDataEntries"):
            try:
                body = b"".join(base64.b64decode(e.get("bytes", "")) for e in request["postDataEntries"]).decode(
                    "utf-8", "replace")
            except ValueError:
                body = None
        record = {
            "id": params.get("requestId"), "url": request.get("url", ""), "method": request.get("method", ""),
            "headers": request.get("headers") or {}, "body": body, "has_body": bool(request.get("hasPostData")),
            "body_error": None, "type": params.get("type"),
        }
        if record["has_body"] and body is None:
            # Bodies above the inline limit: ask the browser while the request is still known.
            try:
                record["body"] = self.driver.execute_cdp_cmd(
                    "Network.getRequestPostData", {"requestId": record["id"]}).get("postData")
            except Exception as e:  # reported by the "every body was captured" check
                record["body_error"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        self.requests.append(record)
        self.by_id[record["id"]] = record

    def posts_to(self, path):
        return [r for r in self.requests if r["method"] == "POST" and urllib.parse.urlsplit(r["url"]).path == path]

    def texts(self):
        """(where, text) for every URL, header and body that was sent."""
        for r in self.requests:
            where = f"{r['method']} {r['url'][:100]}"
            yield where + " (URL)", r["url"]
            for k, v in r["headers"].items():
                yield where + f" (header {k})", f"{k}: {v}"
            if r["body"] is not None:
                yield where + " (body)", r["body"]
        for request_id, headers in self.extra_headers:
            record = self.by_id.get(request_id)
            where = f"{record['method']} {record['url'][:100]}" if record else f"request {request_id}"
            for k, v in headers.items():
                yield where + f" (sent header {k})", f"{k}: {v}"


def secret_forms(password):
    """The typed password as it could travel: plain, percent-encoded, and its UTF-8 bytes as
    base64 (padded or not), base64url and hex."""
    raw = password.encode("utf-8")
    forms = {
        "plain": password,
        "percent-encoded": urllib.parse.quote(password, safe=""),
        "form-encoded": urllib.parse.quote_plus(password),
        "base64": base64.b64encode(raw).decode(),
        "base64 unpadded": base64.b64encode(raw).decode().rstrip("="),
        "base64url": base64.urlsafe_b64encode(raw).decode(),
        "base64url unpadded": b64e(raw),
        "hex": raw.hex(),
        "json-escaped": json.dumps(password)[1:-1],
    }
    return forms


def leaks(capture, passwords):
    """Every place where one of `passwords` shows up in what the page sent."""
    found = []
    token = re.compile(r"[A-Za-z0-9_\-+/]{12,}={0,2}")
    for where, text in capture.texts():
        lowered = text.lower()
        for password in passwords:
            for form, value in secret_forms(password).items():
                hit = value.lower() in lowered if form == "hex" else value in text
                if hit:
                    found.append(f"{form} of the password in {where}")
            # The password's bytes inside any base64/base64url field, at any alignment.
            raw = password.encode("utf-8")
            for match in token.finditer(text):
                piece = match.group(0)
                normal = piece.replace("+", "-").replace("/", "_").rstrip("=")
                for start in range(4):  # the field may start mid-quantum inside a longer token
                    try:
                        data = b64d(normal[start:][: len(normal[start:]) // 4 * 4 or None])
                    except (ValueError, TypeError):
                        continue
                    if raw in data:
                        found.append(f"password bytes inside base64 field {piece[:24]}... in {where}")
                        break
    return found


def byte_leaks(capture, secrets_by_name):
    """Every place where one of the named byte strings shows up in what the page sent: as hex,
    base64 or base64url (padded or not), or inside any base64/base64url field once decoded."""
    found = []
    token = re.compile(r"[A-Za-z0-9_\-+/]{12,}={0,2}")
    for where, text in capture.texts():
        lowered = text.lower()
        for name, raw in secrets_by_name.items():
            forms = {"hex": raw.hex(), "base64": base64.b64encode(raw).decode().rstrip("="),
                     "base64url": b64e(raw)}
            for form, value in forms.items():
                if (value in lowered) if form == "hex" else (value in text):
                    found.append(f"{form} of {name} in {where}")
            for match in token.finditer(text):
                normal = match.group(0).replace("+", "-").replace("/", "_").rstrip("=")
                for start in range(4):
                    try:
                        data = b64d(normal[start:][: len(normal[start:]) // 4 * 4 or None])
                    except (ValueError, TypeError):
                        continue
                    if raw in data:
                        found.append(f"{name} inside base64 field {match.group(0)[:24]}... in {where}")
                        break
    return found


def usage_table(text):
    """The CSV export as (header, {route_group: row dict}, rows)."""
    lines = [line for line in csv.reader(io.StringIO(text)) if line]
    if not lines:
        return [], {}, []
    header, rows = lines[0], [dict(zip(lines[0], line)) for line in lines[1:]]
    return header, {row.get("route_group"): row for row in rows}, rows


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def latency_ok(row):
    """p50, p95 and p99 are numbers above zero, in order."""
    values = [number(row.get(k)) for k in ("p50_ms", "p95_ms", "p99_ms")]
    return all(v is not None and v > 0 for v in values) and values[0] <= values[1] <= values[2]


# --------------------------------------------------------------------------- browser


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--password-store=basic", "--no-first-run", "--disable-features=Translate"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Bodies inline in Network.requestWillBeSent (fetch bodies here are a few hundred bytes).
    driver.execute_cdp_cmd("Network.enable", {"maxPostDataSize": 1 << 20, "maxTotalBufferSize": 64 << 20,
                                              "maxResourceBufferSize": 16 << 20})
    return driver


# --------------------------------------------------------------------------- main


def main():
    base = base_url("oauth_browser_flow.py")
    if not base:
        return 2
    try:
        import selenium
    except ImportError:
        print("selenium is missing: run this with the interpreter printed by scripts/test-venv", file=sys.stderr)
        return 2
    print(f"server: {base}")
    print(f"browser: /usr/bin/chromium via /usr/bin/chromedriver, selenium {selenium.__version__}")
    run = Run(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"screenshots: {run.artifacts}")
    return CHECKS.summary()


class Run:
    def __init__(self, base):
        import requests

        self.requests = requests
        self.base = base
        self.tag = secrets.token_hex(4)
        self.dev = requests.Session()
        self.plain = requests.Session()
        for s in (self.dev, self.plain):
            s.headers["Accept"] = "application/json"
        self.app = None  # (org_id, app_id)
        self.dev_created = False
        self.driver = None
        self.capture = None
        self.callback = None
        self.user_created = False
        self.console = []  # (step, entry) of every browser console entry
        self.timings = []
        self.username = f"e2e-{self.tag}"
        self.display_name = f"E2E Browser {self.tag}"
        self.email = f"{self.username}@example.com"
        self.password = f"Marker-Pa55word-{secrets.token_hex(6)}"
        self.wrong_password = f"Wrong-Pa55word-{secrets.token_hex(6)}"
        self.recovery_code = None  # shown once by the sign-up page (step 4)
        self.root_key = None  # opened outside the browser in step 9b
        self.used_tokens = set()  # mailed links step 9c followed
        # Step 10 (monthly active users): the fresh app, the org API key and the three users.
        self.mau_app = None  # (org_id, app_id)
        self.mau_client_id = None
        self.api_key = None  # (org_id, key_id, secret)
        self.mau_users = [{"name": f"user {i + 1}", "username": f"mau{i + 1}-{self.tag}",
                           "password": f"Mau{i + 1}-Pa55word-{secrets.token_hex(6)}", "created": False,
                           "session": None, "flows": []} for i in range(MAU_USERS)]
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS") or os.path.join(REPO, ".build", "artifacts",
                                                                                             "browser"))
        self.screenshots = []

    # ------------------------------------------------------------------ helpers

    def drain(self, step):
        """Collects the network events and console entries so far (call often: the browser
        keeps request bodies for getRequestPostData only while the page lives)."""
        if self.capture:
            self.capture.drain()
        if self.driver:
            for entry in self.driver.get_log("browser"):
                self.console.append((step, entry))

    def wait(self, step, condition, timeout, what):
        """Polls `condition(driver)` (draining the logs each time) until it returns a truthy
        value; returns it, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            self.drain(step)
            try:
                value = condition(self.driver)
            except Exception:
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                print(f"  (waited {timeout} s for {what}; at {self.driver.current_url})")
                return None
            time.sleep(0.1)

    def element(self, css):
        from selenium.webdriver.common.by import By

        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        return found[0] if found else None

    def page_state(self):
        """A short description of the current page for failure messages."""
        try:
            error = self.element("#form-error")
            heading = self.element("h1")
            code, description = self.element("#error-code"), self.element("#error-description")
            page_error = f" error-code={code.text!r} error-description={description.text if description else None!r}" if code else ""
            return (f"url={self.driver.current_url} title={self.driver.title!r} "
                    f"h1={heading.text if heading else None!r} form-error={error.text if error else None!r}{page_error}")
        except Exception as e:
            return f"(page state unavailable: {e})"

    def type_into(self, css, text):
        field = self.element(css)
        field.clear()
        field.send_keys(text)

    def shoot(self, name):
        """Screenshots of the current page at each width (full page height), checking the size
        and that nothing overflows horizontally."""
        os.makedirs(self.artifacts, exist_ok=True)
        for width in WIDTHS:
            metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            height = self.driver.execute_script(
                "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))")
            metrics["height"] = max(600, min(int(height or 800), 4000))
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            overflow = self.driver.execute_script("return document.documentElement.scrollWidth")
            path = os.path.join(self.artifacts, f"{name}-{width}.png")
            ok = self.driver.save_screenshot(path)
            size = png_size(path) if ok else None
            self.screenshots.append(path)
            check(f"screenshot {name} at {width} px: {os.path.relpath(path, REPO)}", ok and size and size[0] == width,
                  f"saved={ok} size={size}")
            check(f"{name} at {width} px: no horizontal overflow (scrollWidth {overflow})",
                  isinstance(overflow, int) and overflow <= width, f"scrollWidth={overflow}")
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def authorization_url(self, client_id=None):
        verifier = b64e(secrets.token_bytes(48))
        challenge = b64e(hashlib.sha256(verifier.encode("ascii")).digest())
        state, nonce = b64e(secrets.token_bytes(16)), b64e(secrets.token_bytes(16))
        query = urllib.parse.urlencode({
            "response_type": "code", "client_id": client_id or self.client_id, "redirect_uri": self.callback.url,
            "scope": SCOPE,
            "state": state, "nonce": nonce, "code_challenge": challenge, "code_challenge_method": "S256",
        })
        return f"{self.meta['authorization_endpoint']}?{query}", verifier, state, nonce

    def shown(self, css):
        """The element when it is on the page and displayed (not [hidden]), else None."""
        found = self.element(css)
        return found if found is not None and found.is_displayed() else None

    def recovery_step(self, step, screenshot=None):
        """The recovery step the sign-up and reset pages show in place of their form: the code,
        once, in six groups of four; Continue only once "I have saved my recovery code" is ticked
        (then the page goes on: the caller waits for where). Returns the code shown."""
        # Two halves of three groups, which may wrap as units on a narrow window.
        code = "".join((self.element("#recovery-code").text or "").split()) if self.shown("#recovery-step") else ""
        check(f"{step}: #recovery-code shows a recovery code: 24 characters of Crockford's base32 in six groups of four",
              RECOVERY_CODE.match(code), repr(code))
        form = self.element("#signup-form") or self.element("#reset-form")
        check(f"{step}: the form is hidden while the code is shown", form is not None and not form.is_displayed(),
              self.page_state())
        if screenshot:
            self.shoot(screenshot)
        at = self.driver.current_url
        self.element("#recovery-continue").click()
        error = self.wait(step, lambda d: (self.element("#recovery-error").text.strip() or None), PAGE_TIMEOUT,
                          "#recovery-error")
        check(f"{step}: Continue without ticking 'I have saved my recovery code' -> a message in #recovery-error, "
              f"the code still shown", error and self.shown("#recovery-step") and self.driver.current_url == at,
              f"error={error!r} " + self.page_state())
        self.element("#recovery-saved").click()
        self.element("#recovery-continue").click()
        return code

    # ------------------------------------------------------------------ steps

    def checks(self):
        self.setup()
        self.open_browser()
        self.first_authorization()
        self.exchange(self.first, "5 token")
        self.other_client()
        self.sign_out()
        self.second_authorization()
        self.exchange(self.second, "8 token (second authorization)")
        self.privacy()
        self.vault_history()
        self.keys_journey()
        self.monthly_active_users()

    def setup(self):
        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        self.meta = json_of(r) or {}
        must("1 setup: discovery -> 200 with the authorization, token and userinfo endpoints",
             r.status_code == 200 and all(self.meta.get(k) for k in
                                          ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")),
             show(r))
        check("1 setup: issuer == base URL", self.meta.get("issuer") == self.base, repr(self.meta.get("issuer")))
        dev_name = f"dev-{self.tag}"
        self.dev_name, self.dev_password = dev_name, "dev password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.dev, self.base, f"1 setup: developer {dev_name} (opaque_snake)", dev_name,
                              self.dev_password, f"{dev_name}@example.com")
        self.dev_created = True
        self.callback = CallbackServer()
        r = self.dev.post(self.base + "/api/v1/orgs", json={"name": f"Browser E2E {self.tag}",
                                                           "contact_email": "dev@example.com"}, timeout=TIMEOUT)
        org = json_of(r) or {}
        must("1 setup: POST /api/v1/orgs -> 201", r.status_code == 201 and org.get("id"), show(r))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org['id']}/apps", timeout=TIMEOUT, json={
            "name": f"Example app {self.tag}", "type": "web", "redirect_uris": [self.callback.url],
            "allowed_scopes": APP_SCOPES})
        app = json_of(r) or {}
        must(f"1 setup: POST /api/v1/orgs/{{org}}/apps -> 201 public app (no secret), redirect URI {self.callback.url}",
             r.status_code == 201 and app.get("client_id") and app.get("confidential") is False
             and app.get("redirect_uris") == [self.callback.url], show(r))
        self.app = (org["id"], app["id"])
        self.app_name = app.get("name")
        self.client_id = app["client_id"]

    def open_browser(self):
        self.driver = browser()
        self.capture = NetworkCapture(self.driver)
        check("2 browser: headless Chromium started with DevTools network capture",
              self.driver.capabilities.get("browserName") in ("chrome", "chromium"), repr(self.driver.capabilities))

    def first_authorization(self):
        url, verifier, state, nonce = self.authorization_url()
        self.first = {"verifier": verifier, "state": state, "nonce": nonce}
        self.driver.get(url)
        form = self.wait("3 sign-in page", lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
        must("3 app link -> the hosted sign-in page (form#signin-form)", form, self.page_state())
        lead = self.element("p.lead")
        check("3 sign-in page names the app", lead is not None and self.app_name in lead.text,
              lead.text if lead else "no p.lead")
        check("3 sign-in page has #username, #password (type=password), #signin-submit, #form-error",
              all(self.element(c) for c in ("#username", "#signin-submit", "#form-error"))
              and (self.element("#password") or None) is not None
              and self.element("#password").get_attribute("type") == "password", self.page_state())
        self.shoot("signin")

        link = self.element("#signup-link")
        must("3 sign-in page has #signup-link", link, self.page_state())
        link.click()
        form = self.wait("3 sign-up page", lambda d: self.element("form#signup-form"), PAGE_TIMEOUT, "the sign-up form")
        must("3 #signup-link -> the sign-up page (form#signup-form)", form, self.page_state())
        here = urllib.parse.urlsplit(self.driver.current_url)
        target = query_of(self.driver.current_url).get("continue", "")
        check("3 sign-up page URL is /signup?continue=<the authorization request>",
              here.path == "/signup" and target.startswith("/oauth/authorize?")
              and query_of(target).get("state") == state and query_of(target).get("client_id") == self.client_id,
              self.driver.current_url)
        self.shoot("signup")

        self.type_into("#username", self.username)
        self.type_into("#display_name", self.display_name)
        self.type_into("#email", self.email)
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        started = time.monotonic()
        self.element("#signup-submit").click()
        outcome = self.wait("4 sign-up", lambda d: ("recovery" if self.shown("#recovery-step") else None)
                            or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                else None), OPAQUE_TIMEOUT, "the recovery code")
        self.timings.append(("sign-up submit -> recovery code (OPAQUE register + login + recovery record, 3x Argon2id)",
                             time.monotonic() - started))
        must("4 sign-up (OPAQUE register + login, root key and recovery code in the page) -> the recovery code step",
             outcome == "recovery", self.page_state())
        self.user_created = True
        self.recovery_code = self.recovery_step("4 sign-up", screenshot="recovery-code")
        outcome = self.wait("4 sign-up", lambda d: "consent" if self.element("form#consent-form") else None, PAGE_TIMEOUT,
                            "the consent page")
        must("4 recovery code saved -> Continue -> the consent page", outcome == "consent", self.page_state())
        check("4 consent page: URL is the authorization request", urllib.parse.urlsplit(self.driver.current_url).path
              == "/oauth/authorize" and query_of(self.driver.current_url).get("state") == state, self.driver.current_url)
        lead = self.element("p.lead")
        check("4 consent page: 'Signed in as' the new username and the app's name",
              lead is not None and self.username in lead.text and self.app_name in lead.text,
              lead.text if lead else "no p.lead")
        check("4 consent page: #consent-allow and #consent-deny buttons",
              self.element("#consent-allow") and self.element("#consent-deny"), self.page_state())
        check("4 consent page: no #share_email box (email not requested)", self.element("#share_email") is None,
              self.page_state())
        self.shoot("consent")

        started = time.monotonic()
        self.element("#consent-allow").click()
        landed = self.wait("4 consent", lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT,
                           "the callback")
        self.timings.append(("Allow -> callback page", time.monotonic() - started))
        must("4 Allow -> the browser lands on the app's redirect URI", landed, self.page_state())
        heading = self.element("#callback")
        check("4 callback page shows 'signed in' (HTTP 200 from the app)", heading is not None
              and heading.text == "signed in", self.page_state())
        q = query_of(self.driver.current_url)
        check("4 callback: state is the one sent", q.get("state") == state, self.driver.current_url)
        check("4 callback: iss == issuer (RFC 9207)", q.get("iss") == self.meta.get("issuer"), self.driver.current_url)
        must("4 callback: a code", q.get("code"), self.driver.current_url)
        check("4 callback server recorded the same query", self.callback.queries and self.callback.queries[-1] == q,
              repr(self.callback.queries))
        self.first["code"] = q["code"]
        self.shoot("callback")
        self.drain("4 consent")  # the POST's event may be logged after the wait saw the callback
        consent = self.capture.posts_to("/oauth/consent")
        check("4 the consent POST (decision=allow, csrf_token) was captured with its body",
              consent and consent[-1]["body"] and "decision=allow" in consent[-1]["body"]
              and "csrf_token=" in consent[-1]["body"], repr(consent[-1:]))

    def exchange(self, flow, label):
        r = self.plain.post(self.meta["token_endpoint"], timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": flow["code"], "redirect_uri": self.callback.url,
            "client_id": self.client_id, "code_verifier": flow["verifier"]})
        token = json_of(r) or {}
        must(f"{label}: code + code_verifier as a public client -> 200 access_token, id_token",
             r.status_code == 200 and token.get("access_token") and token.get("id_token"), show(r))
        check(f"{label}: token_type Bearer, scope has openid profile",
              str(token.get("token_type", "")).lower() == "bearer"
              and {"openid", "profile"} <= set(str(token.get("scope", "")).split()), repr(token.get("scope")))
        print(f"  ({label}: granted scope {token.get('scope')!r}, refresh_token "
              f"{'issued' if token.get('refresh_token') else 'not issued'})")
        claims = self.verify_id_token(token["id_token"], flow["nonce"], label)
        r = self.plain.get(self.meta["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"},
                           timeout=TIMEOUT)
        info = json_of(r) or {}
        check(f"{label}: userinfo -> preferred_username == the typed username {self.username!r}",
              r.status_code == 200 and info.get("preferred_username") == self.username, show(r))
        check(f"{label}: userinfo sub == ID token sub", claims is not None and info.get("sub") == claims.get("sub"),
              f"{info.get('sub')} vs {claims and claims.get('sub')}")
        check(f"{label}: userinfo has no email (not requested)", "email" not in info, repr(info))
        flow["sub"] = info.get("sub")
        r = self.plain.post(self.meta["token_endpoint"], timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": flow["code"], "redirect_uri": self.callback.url,
            "client_id": self.client_id, "code_verifier": flow["verifier"]})
        check(f"{label}: the same code again -> 400 invalid_grant",
              r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_grant", show(r))

    def verify_id_token(self, id_token, nonce, label, client_id=None):
        from joserfc import jwt
        from joserfc.jwk import KeySet

        try:
            keys = KeySet.import_key_set(self.plain.get(self.meta["jwks_uri"], timeout=TIMEOUT).json())
            claims = jwt.decode(id_token, keys, algorithms=["RS256", "ES256"]).claims
        except Exception as e:
            check(f"{label}: ID token signature verifies against the JWKS", False, f"{type(e).__name__}: {e}")
            return None
        client_id = client_id or self.client_id
        check(f"{label}: ID token verifies; iss, aud == client_id, nonce as sent",
              claims.get("iss") == self.meta.get("issuer") and claims.get("aud") in (client_id, [client_id])
              and claims.get("nonce") == nonce, repr(claims))
        return claims

    def other_client(self):
        """DESIGN §4: OPAQUE clients are interchangeable. The account the page registered signs
        in from a third-party client (opaque-ke via opaque_snake) with the same password."""
        import opaque_snake
        import requests

        session = requests.Session()
        client = opaque_snake.OpaqueClient()
        ke1, state = client.start_login(self.password)
        r = session.post(self.base + "/auth/opaque/login/start", json={"username": self.username, "ke1": b64e(ke1.to_bytes())}, timeout=TIMEOUT)
        must("5 interchangeable: login/start for the browser-registered account -> 200", r.status_code == 200, show(r))
        finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, self.password)
        r = session.post(self.base + "/auth/opaque/login/finish",
                         json={"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())}, timeout=TIMEOUT)
        check("5 interchangeable: opaque-ke signs in to the account the browser registered",
              r.status_code == 200 and ((json_of(r) or {}).get("user") or {}).get("username") == self.username, show(r))

    def sign_out(self):
        self.driver.get(self.base + "/account")
        who = self.wait("6 account", lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must("6 /account shows the signed-in username", who and who.text == self.username, self.page_state())
        self.element("#signout").click()
        form = self.wait("6 sign-out", lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        check("6 Sign out -> the sign-in page", form, self.page_state())
        cookies = [c["name"] for c in self.driver.get_cookies()]
        must("6 after sign-out the browser has no flowsta_session cookie", "flowsta_session" not in cookies,
             repr(cookies))

    def second_authorization(self):
        url, verifier, state, nonce = self.authorization_url()
        self.second = {"verifier": verifier, "state": state, "nonce": nonce}
        self.driver.get(url)
        form = self.wait("7 sign-in page", lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
        must("7 signed out, the app link -> the sign-in page", form, self.page_state())
        at = self.driver.current_url

        # A wrong password first: an error next to the form, no navigation.
        self.type_into("#username", self.username)
        self.type_into("#password", self.wrong_password)
        self.driver.execute_script("window.__e2eSamePage = 'yes'")
        started = time.monotonic()
        self.element("#signin-submit").click()
        message = self.wait("7 wrong password", lambda d: (self.element("#form-error").text.strip() or None)
                            if self.element("#form-error") else None, OPAQUE_TIMEOUT, "#form-error")
        self.timings.append(("wrong password submit -> #form-error", time.monotonic() - started))
        check("7 wrong password: #form-error shows a message", message, self.page_state())
        print(f"  (#form-error: {message!r})")
        time.sleep(1.0)  # a late navigation would show up now
        self.drain("7 wrong password")
        same = self.driver.execute_script("return window.__e2eSamePage || null")
        check("7 wrong password: no navigation (same document, same URL, form still there)",
              same == "yes" and self.driver.current_url == at and self.element("form#signin-form"), self.page_state())
        check("7 wrong password: the submit button is enabled again",
              self.element("#signin-submit") and self.element("#signin-submit").is_enabled(), self.page_state())
        self.shoot("signin-error")

        # The right password: consent is remembered, so straight back to the app.
        self.type_into("#password", self.password)
        started = time.monotonic()
        self.element("#signin-submit").click()
        outcome = self.wait("7 sign-in", lambda d: ("callback" if d.current_url.startswith(self.callback.url + "?")
                                                    else None) or ("consent" if self.element("form#consent-form")
                                                                   else None), OPAQUE_TIMEOUT, "the callback")
        self.timings.append(("sign-in submit -> callback (OPAQUE login, 1x Argon2id, remembered consent)",
                             time.monotonic() - started))
        must("7 sign-in with the typed password -> straight to the callback (consent remembered, no consent page)",
             outcome == "callback", f"outcome={outcome} " + self.page_state())
        q = query_of(self.driver.current_url)
        check("7 callback: state is the second one", q.get("state") == state, self.driver.current_url)
        check("7 callback: iss == issuer", q.get("iss") == self.meta.get("issuer"), self.driver.current_url)
        must("7 callback: a code", q.get("code"), self.driver.current_url)
        self.second["code"] = q["code"]

    def privacy(self):
        self.drain("9 privacy")
        opaque = {path: self.capture.posts_to(path) for path in (
            "/auth/opaque/register/start", "/auth/opaque/register/finish", "/auth/opaque/login/start",
            "/auth/opaque/login/finish")}
        counts = {path.rsplit("/opaque/", 1)[1]: len(found) for path, found in opaque.items()}
        print(f"  (captured {len(self.capture.requests)} requests from {self.capture.events} DevTools events; "
              f"OPAQUE POSTs: {counts})")
        fields = {"/auth/opaque/register/start": "registration_request", "/auth/opaque/register/finish":
                  "registration_record", "/auth/opaque/login/start": "ke1", "/auth/opaque/login/finish": "ke3"}
        for path, found in opaque.items():
            bodies = []
            for r in found:
                try:
                    bodies.append(json.loads(r["body"] or ""))
                except ValueError:
                    bodies.append(None)
            check(f"9 capture: POST {path} sent and captured with its JSON body ({fields[path]})",
                  found and all(isinstance(b, dict) and b.get(fields[path]) for b in bodies),
                  repr([(r["body"], r["body_error"]) for r in found]))
        check("9 capture: register 1x; login/start 3x (sign-up, wrong and right password)",
              counts["register/start"] == 1 and counts["register/finish"] == 1 and counts["login/start"] == 3, counts)
        self.signup_proof_checks(opaque["/auth/opaque/register/finish"])
        self.key_setup_checks()
        missing = [f"{r['method']} {r['url']} ({r['body_error']})" for r in self.capture.requests
                   if r["has_body"] and not r["body"]]
        check("9 capture: every request that had a body was captured with it", not missing, repr(missing))
        total = sum(1 for r in self.capture.requests if r["body"])
        must("9 capture: at least the 4 OPAQUE register/login requests with non-empty bodies",
             sum(1 for found in opaque.values() for r in found if r["body"]) >= 4 and total >= 4, repr(counts))

        # The detector itself, on made-up requests that do carry the password.
        raw = self.password.encode("utf-8")
        samples = {
            "plain in a JSON body": {"body": json.dumps({"password": self.password})},
            "base64url at an odd offset inside a field": {"body": json.dumps({"ke1": b64e(b"\x01" + raw + b"\x02\x03")})},
            "upper-case hex in the URL": {"url": "http://x/?p=" + raw.hex().upper()},
            "standard base64 in a header": {"headers": {"X-P": base64.b64encode(b"ab" + raw).decode()}},
            "form-encoded in a body": {"body": "u=a&p=" + urllib.parse.quote_plus(self.password)},
        }
        missed = []
        for what, fields in samples.items():
            probe = NetworkCapture(None)
            probe.requests.append({"id": "probe", "url": "http://x/", "method": "POST", "headers": {}, "body": None,
                                   **fields})
            if not leaks(probe, [self.password]):
                missed.append(what)
        check("9 privacy: the leak detector finds the password in made-up requests (plain, base64url at an odd "
              "offset, hex, base64, form-encoded)", not missed, f"missed: {missed}")

        found = leaks(self.capture, [self.password, self.wrong_password])
        check(f"9 privacy: the typed passwords (plain, percent-, JSON-escaped, base64, base64url, hex, and inside "
              f"decoded base64 fields) appear in none of the {len(self.capture.requests)} request URLs, headers "
              f"or {total} bodies", not found, "; ".join(found[:10]))
        codes = [self.recovery_code, normalize_recovery_code(self.recovery_code)] if self.recovery_code else []
        found = leaks(self.capture, codes)
        check("9 privacy: the recovery code the page showed (as shown, and its 24 normalized characters) appears in "
              "none of the requests", codes and not found, "; ".join(found[:10]))
        stored = self.driver.execute_script(
            "return JSON.stringify([document.cookie, Object.entries(localStorage), Object.entries(sessionStorage)])")
        check("9 privacy: nothing of the password in the app page's cookies or web storage",
              self.password not in stored, stored[:200])

        severe = [(step, e) for step, e in self.console if e.get("level") == "SEVERE"]
        for step, e in self.console:
            if e.get("level") != "SEVERE":
                print(f"  (console {e.get('level')} during {step}: {e.get('message')})")
        check("9 console: no SEVERE entries", not severe,
              "; ".join(f"[{step}] {e.get('message')}" for step, e in severe))

    def key_setup_checks(self):
        """The sign-up page stored the root key's first envelopes itself: one recovery record
        registration (POST /auth/recovery/register/start) and one POST /auth/keys with the
        password envelope and the recovery record with its envelope (61-byte envelopes of
        format 1, 82 base64url characters)."""
        def bodies(path):
            out = []
            for r in self.capture.posts_to(path):
                try:
                    out.append(json.loads(r["body"] or ""))
                except ValueError:
                    out.append(None)
            return out

        def envelope(value):
            return isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_-]{82}", value) and b64d(value)[:1] == b"\x01"

        starts = bodies("/auth/recovery/register/start")
        check("9 capture: one POST /auth/recovery/register/start with a registration_request (32 bytes)",
              len(starts) == 1 and isinstance(starts[0], dict) and set(starts[0]) == {"registration_request"}
              and len(b64d(starts[0]["registration_request"])) == 32, repr(starts))
        keys = bodies("/auth/keys")
        body = keys[0] if len(keys) == 1 and isinstance(keys[0], dict) else {}
        recovery = body.get("recovery") if isinstance(body.get("recovery"), dict) else {}
        check("9 capture: one POST /auth/keys: envelopes [password] (61 bytes, 0x01 ...) and recovery "
              "{registration_record (192 bytes), envelope}",
              len(keys) == 1 and [e.get("kind") for e in body.get("envelopes") or []] == ["password"]
              and envelope((body.get("envelopes") or [{}])[0].get("envelope"))
              and set(recovery) == {"registration_record", "envelope"} and envelope(recovery.get("envelope"))
              and len(b64d(recovery.get("registration_record") or "")) == 192, repr(keys)[:600])

    def signup_proof_checks(self, finishes):
        """The sign-up page did the proof of work itself: one GET /auth/signup-challenge, and its
        register/finish carried a signup_proof whose nonce, checked here independently (SHA-256
        in Python), gives the server's difficulty in leading zero bits for the typed username."""
        challenges = [r for r in self.capture.requests if r["method"] == "GET"
                      and urllib.parse.urlsplit(r["url"]).path == "/auth/signup-challenge"]
        check("9 capture: the sign-up page fetched one sign-up challenge (GET /auth/signup-challenge)",
              len(challenges) == 1, repr([r["url"] for r in challenges]))
        try:
            proof = json.loads(finishes[0]["body"] or "").get("signup_proof") if len(finishes) == 1 else None
        except (ValueError, AttributeError):
            proof = None
        r, current = signup_challenge(self.plain, self.base)
        difficulty = (current or {}).get("difficulty")
        valid = (isinstance(proof, dict) and set(proof) == {"challenge", "nonce"} and isinstance(proof["challenge"], str)
                 and isinstance(proof["nonce"], str) and re.fullmatch(r"[0-9]{1,20}", proof["nonce"])
                 and isinstance(difficulty, int) and difficulty > 0
                 and leading_zero_bits(signup_proof_digest(proof["challenge"], self.username, proof["nonce"])) >= difficulty)
        check(f"9 capture: register/finish carried signup_proof {{challenge, nonce}} solved in the page: SHA-256 of "
              f"'flowsta-signup-v1:challenge:{self.username}:nonce' has >= {difficulty} leading zero bits (checked here)",
              valid, f"proof={proof!r} difficulty={difficulty!r} " + (show(r) if current is None else ""))

    # ------------------------------------------------------------------ step 9b: the user vault (P4)

    def stored_key(self, record):
        """What this origin's IndexedDB holds under `record` in the "keys" store (the current
        page must be on the server's origin)."""
        try:
            return self.driver.execute_async_script(ANALYTICS_KEY_PROBE, record) or {}
        except Exception as e:
            return {"error": f"{type(e).__name__}: {e}"}

    def vault_puts(self):
        """The captured PUT /vault/entries/{id} requests as (id, parsed JSON body or None, request)."""
        found = []
        for r in self.capture.requests:
            match = VAULT_ENTRY_PATH.match(urllib.parse.urlsplit(r["url"]).path)
            if r["method"] == "PUT" and match:
                try:
                    body = json.loads(r["body"] or "")
                except ValueError:
                    body = None
                found.append((match.group(1), body, r))
        return found

    def history(self, step, count):
        """The texts of /account's #history-list once it shows `count` items and
        #history-status is empty (the entries were opened in the page), or what it shows then."""
        def ready(d):
            status = self.element("#history-status")
            items = [li.text for li in d.find_elements("css selector", "#history-list > li")]
            return items if len(items) == count and status is not None and status.text.strip() == "" else None

        items = self.wait(step, ready, PAGE_TIMEOUT, f"{count} items in #history-list")
        if items is None:
            status = self.element("#history-status")
            print(f"  (#history-status: {status.text if status else None!r}; items: "
                  f"{[li.text for li in self.driver.find_elements('css selector', '#history-list > li')]!r})")
        return items or []

    def vault_history(self):
        """P4: the first user's activity (the sign-up's sign-in, the consent, the sign-in and the
        app sign-in through the pass-through page) went to the vault sealed in the browser; the
        server and the export only ever hold ciphertext, which opens under the vault key of the
        user's root key, opened outside the browser by an independent OPAQUE client; /account
        shows it decrypted, and after sign-out (key deleted) a new sign-in on the hosted page
        opens the root key again."""
        step = "9b vault"
        self.drain(step)
        puts = self.vault_puts()
        ids = [entry_id for entry_id, _, _ in puts]
        bodies = [body if isinstance(body, dict) else {} for _, body, _ in puts]
        kinds = [body.get("kind") for body in bodies]
        print(f"  (vault PUTs: {list(zip(ids, kinds))})")
        must(f"{step}: capture: 4 PUT /vault/entries/{{uuid}}, kinds signin (sign-up), consent (Allow), signin "
             f"(sign-in page), signin (pass-through page), distinct lowercase UUIDs",
             kinds == ["signin", "consent", "signin", "signin"] and len(set(ids)) == 4,
             repr([(r["url"], r["body"], r["body_error"]) for _, _, r in puts]))
        sealed = {}
        for entry_id, body in zip(ids, bodies):
            text = body.get("ciphertext")
            try:
                sealed[entry_id] = b64d(text) if isinstance(text, str) and re.fullmatch(r"[A-Za-z0-9_-]+", text) else None
            except ValueError:
                sealed[entry_id] = None
        check(f"{step}: capture: each PUT body is JSON with only kind and ciphertext; ciphertext is base64url "
              f"(no padding) of 0x02 || 12-byte nonce || ciphertext || 16-byte tag (format 2)",
              all(set(body) == {"kind", "ciphertext"} for body in bodies)
              and all(raw is not None and raw[:1] == b"\x02" and len(raw) >= 1 + 12 + 16 for raw in sealed.values()),
              repr(bodies))
        words = [self.app_name, self.client_id, self.username, self.display_name, "allow", "decision", "openid",
                 "profile", '"type"', "scopes", "client_id"]
        plain = [f"{w!r} in {r['method']} {r['url']}" for w in words for _, _, r in puts
                 if w in r["url"] + (r["body"] or "")]
        plain += [f"{w!r} inside the ciphertext of {entry_id}" for w in words for entry_id, raw in sealed.items()
                  if raw is not None and w.lower().encode() in raw.lower()]
        probe = NetworkCapture(None)
        probe.requests = [r for _, _, r in puts]
        plain += leaks(probe, [self.password])
        check(f"{step}: capture: no plaintext in the vault PUTs (URL, body, decoded ciphertext): not the app's name, "
              f"client id, username, display name, 'allow', 'decision', scopes, nor the password", not plain,
              "; ".join(plain[:10]))

        # Independently: the root key an OPAQUE client of another implementation opens from the
        # password envelope of its own sign-in, with its own export key.
        root, body = self.open_root_key(step, self.username, self.password)
        check(f"{step}: login/finish hands the account's envelopes to the sign-in: only 'password' (an account "
              f"made by the current sign-up page has no legacy-vault envelope)",
              [e.get("kind") for e in body.get("envelopes") or []] == ["password"], repr(body.get("envelopes")))
        self.root_key = root
        key = vault_key_v2(root) if root else b"\0" * 32
        values = []
        for entry_id, kind in zip(ids, kinds):
            try:
                values.append(json.loads(open_entry(key, entry_id, kind, sealed[entry_id])))
            except Exception as e:
                values.append({"error": f"{type(e).__name__}: {e}"})
        print(f"  (opened outside the browser: {values})")
        signup, consent, signin, passthrough = values
        check(f"{step}: every entry opens outside the browser under HKDF-SHA512(root key, 'flowsta vault v2') "
              f"with AAD 'flowsta vault v2:kind:id' (Tests/support/root_key_vectors.py)",
              all("error" not in value for value in values), repr(values))
        check(f"{step}: the entries say: signin (no app), consent allow of the app with its client id and scopes "
              f"openid profile, signin (no app), signin to the app (pass-through)",
              signup.get("type") == "signin" and "app" not in signup and "client_id" not in signup
              and consent.get("type") == "consent" and consent.get("decision") == "allow"
              and consent.get("app") == self.app_name and consent.get("client_id") == self.client_id
              and {"openid", "profile"} <= set(consent.get("scopes") or [])
              and signin.get("type") == "signin" and "app" not in signin
              and passthrough.get("type") == "signin" and passthrough.get("app") == self.app_name
              and passthrough.get("client_id") == self.client_id
              and all(isinstance(value.get("at"), str) for value in values), repr(values))
        moved = []
        for other in ids[1:]:
            try:
                open_entry(key, other, kinds[0], sealed[ids[0]])
                moved.append(other)
            except Exception:
                pass
        try:
            open_entry(key, ids[1], "signin", sealed[ids[1]])
            moved.append("consent relabelled signin")
        except Exception:
            pass
        check(f"{step}: an entry does not open under another entry's id or another kind (AAD binding)", not moved,
              repr(moved))

        # The account page opens them in the browser, with the key kept since sign-in.
        self.driver.get(self.base + "/account")
        who = self.wait(step, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must(f"{step}: /account shows the signed-in username", who and who.text == self.username, self.page_state())
        stored = self.stored_key("vault_key_v2")
        check(f"{step}: IndexedDB holds vault_key_v2: a non-extractable AES-GCM key for encrypt and decrypt (and no "
              f"format-1 vault_key_v1: the account is not older than the root key)",
              stored.get("present") is True and stored.get("type") == "secret" and stored.get("algorithm") == "AES-GCM"
              and stored.get("extractable") is False and sorted(stored.get("usages") or []) == ["decrypt", "encrypt"]
              and self.stored_key("vault_key_v1").get("present") is False, repr(stored))
        items = self.history(step, len(puts))
        print(f"  (#history-list: {items!r})")
        app = self.app_name
        check(f"{step}: /account #history-list shows the 4 entries, newest first: 'Signed in to {app}', "
              f"'Signed in', 'Allowed {app}: ... openid, profile ...', 'Signed in', each with its time",
              len(items) == 4 and items[0].startswith(f"Signed in to {app} — ")
              and items[1].startswith("Signed in — ") and items[2].startswith(f"Allowed {app}: ")
              and {"openid", "profile"} <= set(items[2].split(" — ")[0].split(": ", 1)[-1].split(", "))
              and items[3].startswith("Signed in — ") and all(re.search(r" — \d{1,2} \w+ \d{4}, \d{2}:\d{2}$", i)
                                                               for i in items), repr(items))
        self.shoot("account")

        # The server's view with the session cookie: ciphertext only.
        import requests

        cookie = self.driver.get_cookie("flowsta_session")
        must(f"{step}: the browser has its flowsta_session cookie", cookie and cookie.get("value"), repr(cookie))
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        session.cookies.set(cookie["name"], cookie["value"])
        try:
            r = self.plain.get(self.base + "/vault/entries", timeout=TIMEOUT)
            check(f"{step}: GET /vault/entries without a session cookie -> 401", r.status_code == 401, show(r))
            r = session.get(self.base + "/vault/entries", params={"limit": 100}, timeout=TIMEOUT)
            page = json_of(r) or {}
            listed = page.get("items") if isinstance(page.get("items"), list) else []
            by_id = {item.get("id"): item for item in listed}
            check(f"{step}: GET /vault/entries (session cookie) -> 200, the same {len(puts)} entries, next_cursor null",
                  r.status_code == 200 and len(listed) == len(puts) and set(by_id) == set(ids)
                  and page.get("next_cursor") is None, show(r))
            check(f"{step}: each listed entry has only id, kind, ciphertext, size: the kind and the ciphertext the "
                  f"browser sent, size its length in bytes",
                  all(set(item) == {"id", "kind", "ciphertext", "size"} for item in listed)
                  and all(by_id.get(i, {}).get("kind") == body.get("kind")
                          and by_id.get(i, {}).get("ciphertext") == body.get("ciphertext")
                          and by_id.get(i, {}).get("size") == len(sealed[i] or b"") for i, body in zip(ids, bodies)),
                  repr(listed)[:600])
            clear = [w for w in words if w in r.text]
            check(f"{step}: GET /vault/entries: no plaintext (app name, client id, username, 'allow', scopes)",
                  not clear, repr(clear))

            r = session.get(self.base + "/auth/me/export", timeout=TIMEOUT)
            document = json_of(r) or {}
            vault = document.get("vault") if isinstance(document.get("vault"), list) else []
            check(f"{step}: GET /auth/me/export -> 200 JSON, Content-Disposition attachment "
                  f"flowsta-account-{self.username}-<date>.json",
                  r.status_code == 200 and r.headers.get("Content-Type", "").startswith("application/json")
                  and re.fullmatch(rf'attachment; filename="flowsta-account-{re.escape(self.username)}-\d{{4}}-\d{{2}}-\d{{2}}\.json"',
                                   r.headers.get("Content-Disposition", "")), show(r))
            check(f"{step}: the export has user (username {self.username!r}), organizations, connected_apps (the app), "
                  f"vault, notes",
                  (document.get("user") or {}).get("username") == self.username
                  and isinstance(document.get("organizations"), list) and isinstance(document.get("notes"), list)
                  and any(a.get("client_id") == self.client_id for a in document.get("connected_apps") or []),
                  repr(document)[:600])
            check(f"{step}: the export's vault is the {len(puts)} sealed entries as listed (id, kind, ciphertext, size)",
                  sorted(vault, key=lambda e: e.get("id", "")) == sorted(listed, key=lambda e: e.get("id", "")),
                  repr(vault)[:600])
            found = [form for form, value in secret_forms(self.password).items() if value in r.text]
            clear = [w for w in ("allow", "decision", '"scopes"') if w in json.dumps(vault)]
            check(f"{step}: the export holds no form of the password, and its vault no plaintext", not found and not clear,
                  repr(found + clear))
        finally:
            session.close()

        # Sign-out deletes the key; a sign-in on the hosted page opens the root key again with the password.
        self.driver.get(self.base + "/account")
        self.wait(step, lambda d: self.element("#signout"), PAGE_TIMEOUT, "the account page")
        self.element("#signout").click()
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        must(f"{step}: Sign out from /account -> the sign-in page", form, self.page_state())
        stored = self.stored_key("vault_key_v2")
        check(f"{step}: after sign-out IndexedDB has no vault_key_v2 (nor analytics_root)",
              stored.get("present") is False and "error" not in stored
              and self.stored_key("analytics_root").get("present") is False, repr(stored))
        self.driver.get(self.base + "/signin")
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        started = time.monotonic()
        self.element("#signin-submit").click()
        outcome = self.wait(step, lambda d: ("account" if self.element("#account-username") else None)
                            or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                else None), OPAQUE_TIMEOUT, "the account page")
        self.timings.append(("sign-in on /signin -> /account (root key opened again)", time.monotonic() - started))
        must(f"{step}: sign-in on the hosted page (no continuation) -> /account", outcome == "account",
             self.page_state())
        stored = self.stored_key("vault_key_v2")
        check(f"{step}: after the sign-in IndexedDB holds a vault_key_v2 again (non-extractable AES-GCM)",
              stored.get("present") is True and stored.get("algorithm") == "AES-GCM"
              and stored.get("extractable") is False, repr(stored))
        items = self.history(step, len(puts) + 1)
        print(f"  (#history-list after signing in again: {items!r})")
        check(f"{step}: after signing in again /account shows all 5 entries (the 4 earlier ones opened with the "
              f"root key opened again with the password), the new sign-in first",
              len(items) == 5 and items[0].startswith("Signed in — ")
              and sum(i.startswith(f"Signed in to {app} — ") for i in items) == 1
              and sum(i.startswith(f"Allowed {app}: ") for i in items) == 1
              and sum(i.startswith("Signed in — ") for i in items) == 3
              and not any("cannot be read" in i for i in items), repr(items))
        self.drain(step)
        later = self.vault_puts()[len(puts):]
        check(f"{step}: the sign-in sent one more PUT /vault/entries/{{uuid}} of kind signin",
              len(later) == 1 and (later[0][1] or {}).get("kind") == "signin", repr([r["body"] for _, _, r in later]))
        severe = [(s, e) for s, e in self.console if s.startswith(step) and e.get("level") == "SEVERE"]
        check(f"{step}: console: no SEVERE entries", not severe, "; ".join(f"[{s}] {e.get('message')}" for s, e in severe))

    # ------------------------------------------------------------------ step 9c: the root key's journey

    def mail_token(self, step, path, to):
        """The token of the newest `path` link ("/verify-email" or "/reset") mailed to `to`, from
        `flowsta mail outbox` on the server's data (no SMTP here: mail waits in the outbox)."""
        binary, data = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        must(f"{step}: FLOWSTA_BIN and FLOWSTA_DATA_DIR name the server's binary and data directory",
             binary and data, f"FLOWSTA_BIN={binary!r} FLOWSTA_DATA_DIR={data!r}")
        deadline = time.monotonic() + 20  # the mail may be queued just after the page's answer
        while True:
            out = subprocess.run([binary, "mail", "outbox", "--data-dir", data], capture_output=True, text=True,
                                 timeout=60)
            tokens = []
            for block in out.stdout.split("\n--- "):
                if f"to: {to}".lower() in block.lower():
                    tokens += [m.group(2) for m in MAIL_LINK.finditer(block) if m.group(1) == path]
            if (tokens and tokens[-1] not in self.used_tokens) or out.returncode != 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        must(f"{step}: `flowsta mail outbox` has a new {path}#token=... link mailed to {to}",
             out.returncode == 0 and tokens and tokens[-1] not in self.used_tokens,
             f"exit {out.returncode}: {out.stderr.strip()[-300:]} {out.stdout[-600:]!r}")
        self.used_tokens.add(tokens[-1])
        return tokens[-1]

    def account_page(self, step):
        self.driver.get(self.base + "/account")
        who = self.wait(step, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must(f"{step}: /account shows {self.username}", who and who.text == self.username, self.page_state())

    def sessions_shown(self, step):
        """[(text, sign-out button or None)] of /account's #sessions-list once loaded."""
        def ready(d):
            status = self.element("#sessions-status")
            items = d.find_elements("css selector", "#sessions-list > li")
            return items if items and status is not None and "Loading" not in status.text else None

        items = self.wait(step, ready, PAGE_TIMEOUT, "#sessions-list") or []
        rows = []
        for li in items:
            buttons = li.find_elements("css selector", "button")
            rows.append((li.find_element("css selector", "span").text, buttons[0] if buttons else None))
        return rows

    def keys_journey(self):
        """The account page's keys and sessions in the browser, each checked outside it: the root
        key stays through a password change and a recovery with the code, and a reset through
        the verified address makes a new one (and deletes the history nobody can read)."""
        step = "9c keys"
        self.drain(step)
        passwords, codes = [self.password], [self.recovery_code]

        # Sessions: this browser marked; "Sign out everywhere else" ends an opaque_snake session.
        root, _, other = self.open_root_key(step, self.username, self.password, keep=True)
        check(f"{step}: the root key opened outside the browser is the one of step 9b", root == self.root_key, "")
        self.account_page(step)
        rows = self.sessions_shown(step)
        texts = [text for text, _ in rows]
        print(f"  (#sessions-list: {texts!r})")
        check(f"{step}: /account #sessions-list: 'Signed in on <day>' per session, exactly one ' · this browser' "
              f"without a button, the others with a 'Sign out' button labelled 'Sign out the session that began on <day>'",
              len(rows) >= 2 and all(re.fullmatch(r"Signed in on \d{1,2} \w{3} \d{4}( · this browser)?", t) for t in texts)
              and sum(t.endswith(" · this browser") for t in texts) == 1
              and all((b is None) == t.endswith(" · this browser") for t, b in rows)
              and all(b.text == "Sign out" and (b.get_attribute("aria-label") or "").startswith(
                  "Sign out the session that began on ") for _, b in rows if b is not None), repr(texts))
        self.shoot("account-keys")
        self.element("#signout-others").click()
        done = self.wait(step, lambda d: len(d.find_elements("css selector", "#sessions-list > li")) == 1
                         and self.element("#sessions-status").text == "Signed out everywhere else.", PAGE_TIMEOUT,
                         "one session left")
        r = other.get(self.base + "/auth/sessions", timeout=TIMEOUT)
        other.close()
        check(f"{step}: 'Sign out everywhere else' -> one session left (this browser), and the opaque_snake session "
              f"is refused (GET /auth/sessions -> 401)", done and r.status_code == 401, show(r))

        # Password change: same root key, same history.
        changed = f"Changed-Pa55word-{secrets.token_hex(6)}"
        self.type_into("#current_password", self.password)
        self.type_into("#new_password", changed)
        self.type_into("#new_password_confirm", changed)
        started = time.monotonic()
        self.element("#password-submit").click()
        status = self.wait(step, lambda d: (self.element("#password-status").text.strip() or None)
                           or (("error: " + self.element("#password-error").text) if self.element("#password-error").text.strip()
                               else None), OPAQUE_TIMEOUT, "#password-status")
        self.timings.append(("password change on /account (sign-in again, new record, re-sealed root key)",
                             time.monotonic() - started))
        must(f"{step}: #password-form -> 'Your password is changed. Your other devices are signed out.'",
             status == "Your password is changed. Your other devices are signed out.", f"{status!r} " + self.page_state())
        self.password = changed
        passwords.append(changed)
        root, _ = self.open_root_key(step, self.username, self.password)
        check(f"{step}: after the password change the new password's envelope opens to the same root key", root == self.root_key, "")
        self.account_page(step)
        items = self.history(step, 5)
        check(f"{step}: /account still reads the 5 entries after the password change", len(items) == 5
              and not any("cannot be read" in i for i in items), repr(items))

        # Forgotten password, with the recovery code shown at sign-up (typed in lowercase with spaces).
        self.element("#signout").click()
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        link = self.element("#forgot-link")
        must(f"{step}: the sign-in page links to /forgot (#forgot-link)", link, self.page_state())
        link.click()
        form = self.wait(step, lambda d: self.element("form#recovery-form"), PAGE_TIMEOUT, "the forgot page")
        must(f"{step}: #forgot-link -> /forgot with #recovery-form and #reset-request-form",
             form and self.element("form#reset-request-form"), self.page_state())
        self.shoot("forgot")
        recovered = f"Recovered-Pa55word-{secrets.token_hex(6)}"
        typed = " ".join(self.recovery_code.lower().split("-"))
        self.type_into("#username", self.username)
        self.type_into("#recovery_code", typed)
        self.type_into("#password", recovered)
        self.type_into("#password_confirm", recovered)
        started = time.monotonic()
        self.element("#recovery-submit").click()
        outcome = self.wait(step, lambda d: ("account" if self.element("#account-username") else None)
                            or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                else None), OPAQUE_TIMEOUT, "the account page")
        self.timings.append(("recovery with the code on /forgot -> /account", time.monotonic() - started))
        must(f"{step}: /forgot with the recovery code typed as {typed!r} and a new password -> signed in, /account",
             outcome == "account", self.page_state())
        self.password = recovered
        passwords.append(recovered)
        root, _ = self.open_root_key(step, self.username, self.password)
        check(f"{step}: after the recovery the new password's envelope opens to the same root key", root == self.root_key, "")
        items = self.history(step, 6)
        check(f"{step}: /account reads the 5 entries and the recovery's sign-in", len(items) == 6
              and not any("cannot be read" in i for i in items) and items[0].startswith("Signed in — "), repr(items))

        # Email verification: the link mailed at sign-up (sent again from /account).
        status = self.element("#email-status")
        check(f"{step}: /account shows the address as not verified, with #resend-verification",
              status is not None and status.text == "not verified" and self.element("#resend-verification"), self.page_state())
        self.element("#resend-verification").click()
        message = self.wait(step, lambda d: self.element("#email-message").text.strip() or None, PAGE_TIMEOUT, "#email-message")
        check(f"{step}: 'Send the link again' -> 'A new link is on its way to your address.'",
              message == "A new link is on its way to your address.", repr(message))
        token = self.mail_token(step, "/verify-email", self.email)
        self.driver.get(f"{self.base}/verify-email#token={token}")
        said = self.wait(step, lambda d: (lambda t: t if t and t != "Verifying…" else None)(
            self.element("#verify-status").text.strip() if self.element("#verify-status") else ""), PAGE_TIMEOUT, "#verify-status")
        check(f"{step}: /verify-email#token=... -> 'Your email address is verified.', the token gone from the URL",
              said == "Your email address is verified." and "token" not in self.driver.current_url,
              f"{said!r} at {self.driver.current_url}")
        self.shoot("verify-email")
        self.account_page(step)
        status = self.element("#email-status")
        check(f"{step}: /account now shows the address as verified", status is not None and status.text == "verified",
              self.page_state())

        # Forgotten password without the code: a reset link; a new root key and recovery code, the history gone.
        self.element("#signout").click()
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        self.driver.get(self.base + "/forgot")
        self.wait(step, lambda d: self.element("form#reset-request-form"), PAGE_TIMEOUT, "the forgot page")
        self.type_into("#reset_email", self.email)
        self.element("#reset-request-submit").click()
        sent = self.wait(step, lambda d: self.element("#reset-request-status").text.strip() or None, PAGE_TIMEOUT,
                         "#reset-request-status")
        check(f"{step}: /forgot 'Email me a reset link' -> 'If this address is verified for an account, a link is on "
              f"its way (valid 30 minutes).'",
              sent == "If this address is verified for an account, a link is on its way (valid 30 minutes).", repr(sent))
        token = self.mail_token(step, "/reset", self.email)
        self.driver.get(f"{self.base}/reset#token={token}")
        form = self.wait(step, lambda d: self.element("form#reset-form"), PAGE_TIMEOUT, "the reset page")
        must(f"{step}: the reset link -> /reset with #reset-form and #reset-warning, the token gone from the URL",
             form and self.shown("#reset-warning") and "token" not in self.driver.current_url, self.page_state())
        self.shoot("reset")
        reset = f"Reset-Pa55word-{secrets.token_hex(6)}"
        self.type_into("#password", reset)
        self.type_into("#password_confirm", reset)
        self.element("#reset-understood").click()
        started = time.monotonic()
        self.element("#reset-submit").click()
        outcome = self.wait(step, lambda d: ("recovery" if self.shown("#recovery-step") else None)
                            or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                else None), OPAQUE_TIMEOUT, "the new recovery code")
        self.timings.append(("reset on /reset -> new recovery code (2 OPAQUE registrations)", time.monotonic() - started))
        must(f"{step}: /reset with a new password -> the new recovery code", outcome == "recovery", self.page_state())
        check(f"{step}: the reset page hides #reset-warning with the form", not self.shown("#reset-warning"), self.page_state())
        code = self.recovery_step(step, screenshot="reset-code")
        check(f"{step}: the reset's recovery code is a new one", code and code != self.recovery_code, repr(code))
        self.password, self.recovery_code = reset, code
        passwords.append(reset)
        codes.append(code)
        who = self.wait(step, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must(f"{step}: the recovery code saved -> /account", who and who.text == self.username, self.page_state())
        items = self.history(step, 1)
        check(f"{step}: after the reset /account shows only the reset's sign-in (the history sealed under the old root "
              f"key is deleted)", len(items) == 1 and items[0].startswith("Signed in — "), repr(items))
        root, body = self.open_root_key(step, self.username, self.password)
        check(f"{step}: after the reset the password's envelope opens to a new root key (not step 9b's), the only "
              f"envelope of the sign-in", root is not None and root != self.root_key
              and [e.get("kind") for e in body.get("envelopes") or []] == ["password"], repr(body.get("envelopes")))
        self.root_key = root

        self.drain(step)
        found = leaks(self.capture, passwords + codes + [normalize_recovery_code(c) for c in codes])
        check(f"{step}: none of the passwords and recovery codes of this step is in what the browser sent",
              not found, "; ".join(found[:10]))
        severe = [(s, e) for s, e in self.console if s.startswith(step) and e.get("level") == "SEVERE"]
        check(f"{step}: console: no SEVERE entries", not severe, "; ".join(f"[{s}] {e.get('message')}" for s, e in severe))

    # ------------------------------------------------------------------ step 10: monthly active users

    def analytics_key(self):
        """What this origin's IndexedDB holds as analytics_root (the current page must be on
        the server's origin)."""
        try:
            return self.driver.execute_async_script(ANALYTICS_KEY_PROBE) or {}
        except Exception as e:
            return {"error": f"{type(e).__name__}: {e}"}

    def api_key_request(self, method, path, **kwargs):
        """A management API call with the organization's API key; waits out a 429 (the free
        plan allows 10 requests a second) by its Retry-After."""
        r = None
        headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {self.api_key[2]}"}
        for _ in range(5):
            r = self.plain.request(method, self.base + path, timeout=TIMEOUT, headers=headers, **kwargs)
            if r.status_code != 429:
                return r
            print(f"  (429 from {path}; Retry-After {r.headers.get('Retry-After')})")
            time.sleep(max(1.0, number(r.headers.get("Retry-After")) or 1.0))
        return r

    def opaque_login(self, user):
        """Signs `user` in with the third-party OPAQUE client (opaque_snake): a requests session
        with its cookie, the OPAQUE export key and login/finish's JSON body, or (None, None, {})."""
        session, export_key, body, why = opaque_sign_in_with_body(self.base, user["username"], user["password"])
        if session is None:
            print(f"  (opaque_snake sign-in of {user['username']} failed: {why})")
        return session, export_key, body or {}

    def open_root_key(self, step, username, password, keep=False):
        """Outside the browser: signs in with opaque_snake and opens the password envelope its
        login/finish answered with, with its own export key and the user id (docs/keys.md,
        Tests/support/root_key_vectors.py). Returns (root key or None, login/finish body), and
        the session too when `keep` (else it is closed)."""
        session, export_key, body = self.opaque_login({"username": username, "password": password})
        must(f"{step}: {username} signs in with opaque_snake (same password) -> an export key",
             session is not None and export_key and len(export_key) == 64, repr(export_key))
        envelopes = {e.get("kind"): e.get("envelope") for e in body.get("envelopes") or [] if isinstance(e, dict)}
        user_id = str((body.get("user") or {}).get("id") or "").lower()
        root, why = None, ""
        try:
            root = open_envelope("password", export_key, user_id, envelopes.get("password"))
        except Exception as e:
            why = f"{type(e).__name__}: {getattr(e, 'code', e)}"
        check(f"{step}: its password envelope opens with its export key and the user id {user_id[:8]}… to a 32-byte "
              f"root key", root is not None and len(root) == 32, why or repr(body)[:300])
        if keep:
            return root, body, session
        session.close()
        return root, body

    def monthly_active_users(self):
        """The issue's acceptance: three users sign into a fresh app, some of them twice; the
        MAU endpoint says 3; the usage export shows the token and userinfo calls with their
        error rate and latency."""
        self.mau_setup()
        self.fresh_browser()
        u1, u2, u3 = self.mau_users
        self.mau_authorize(u1, "signup")
        self.mau_authorize(u1, "pass-through", screenshot=True)
        self.mau_authorize(u1, "pass-through")
        self.mau_sign_out(u1)
        self.mau_authorize(u2, "signup")
        self.mau_authorize(u2, "pass-through")
        self.mau_sign_out(u2)
        self.mau_authorize(u3, "signup")
        self.mau_deny(u3)
        self.mau_sign_out(u3, history=[f"Denied {self.app_name} — ", f"Allowed {self.mau_app_name}: ", "Signed in — "])
        self.mau_analytics_ids()
        self.mau_counts()
        self.mau_usage()
        self.mau_privacy()

    def mau_setup(self):
        org, _ = self.app
        r = self.dev.put(self.base + f"/api/v1/orgs/{org}/plan", json={"plan": "pro"}, timeout=TIMEOUT)
        check("10 setup: without billing the owner cannot change the plan (PUT /api/v1/orgs/{org}/plan) -> 409 "
              "billing_not_configured", r.status_code == 409 and (json_of(r) or {}).get("error") == "billing_not_configured",
              show(r))
        # The operator does (the free plan allows one app); the server's plan cache lives 5 s.
        binary, data = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        must("10 setup: FLOWSTA_BIN and FLOWSTA_DATA_DIR name the server's binary and data directory (Tests/browser/run.sh)",
             binary and data and os.path.isdir(data), f"FLOWSTA_BIN={binary!r} FLOWSTA_DATA_DIR={data!r}")
        out = subprocess.run([binary, "orgs", "set-plan", org, "pro", "--data-dir", data], capture_output=True, text=True,
                             timeout=60)
        must("10 setup: `flowsta orgs set-plan ORG pro` -> exit 0", out.returncode == 0 and "is now on the pro plan" in out.stdout,
             f"exit {out.returncode}: {out.stderr.strip()[-300:]} {out.stdout[:300]!r}")
        deadline = time.monotonic() + 15
        while True:
            plan = json_of(self.dev.get(self.base + f"/api/v1/orgs/{org}/plan", timeout=TIMEOUT)) or {}
            if plan.get("plan") == "pro" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        must("10 setup: within 15 s GET /api/v1/orgs/{org}/plan says pro", plan.get("plan") == "pro", repr(plan))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/apps", timeout=TIMEOUT, json={
            "name": f"MAU app {self.tag}", "type": "web", "redirect_uris": [self.callback.url],
            "allowed_scopes": APP_SCOPES})
        app = json_of(r) or {}
        must("10 setup: a fresh public app for the count (POST /api/v1/orgs/{org}/apps) -> 201",
             r.status_code == 201 and app.get("client_id") and app.get("confidential") is False, show(r))
        self.mau_app = (org, app["id"])
        self.mau_app_name = app.get("name")
        self.mau_client_id = app["client_id"]
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/keys", json={"name": f"mau-e2e-{self.tag}"},
                          timeout=TIMEOUT)
        key = json_of(r) or {}
        must("10 setup: an organization API key (POST /api/v1/orgs/{org}/keys) -> 201 with its secret",
             r.status_code == 201 and key.get("secret") and (key.get("key") or {}).get("id"), show(r))
        self.api_key = (org, key["key"]["id"], key["secret"])

    def fresh_browser(self):
        """This browser still holds the earlier user's session and analytics key: forget both,
        as a browser that never signed in (the cleanup signs that user in again)."""
        self.driver.get(self.base + "/signin")
        self.wait("10 fresh browser", lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        key = self.analytics_key()
        check("10 before: the earlier user's browser holds its analytics_root in IndexedDB (stored at sign-in)",
              key.get("present") is True, repr(key))
        self.driver.delete_all_cookies()
        result = self.driver.execute_async_script(FORGET_BROWSER_DATABASE)
        key = self.analytics_key()
        must("10 fresh browser: no cookies, IndexedDB database 'flowsta' deleted",
             not self.driver.get_cookies() and result == "deleted" and key.get("present") is False
             and key.get("database") is False, f"{result} {key!r}")

    def mau_authorize(self, user, expect, screenshot=False):
        """One authorization of `user` at the fresh app in the browser: "signup" (sign-in page,
        sign-up, consent, Allow) or "pass-through" (remembered consent, no clicks)."""
        n = len(user["flows"]) + 1
        label = f"10 {user['name']} #{n}"
        url, verifier, state, nonce = self.authorization_url(self.mau_client_id)
        flow = {"verifier": verifier, "state": state, "nonce": nonce}
        if screenshot:
            self.shoot_pass_through(url, label)
        before = len(self.capture.posts_to("/oauth/consent"))
        started = time.monotonic()
        self.driver.get(url)
        if expect == "signup":
            form = self.wait(label, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in form")
            must(f"{label}: signed out, the app link -> the hosted sign-in page", form, self.page_state())
            self.element("#signup-link").click()
            form = self.wait(label, lambda d: self.element("form#signup-form"), PAGE_TIMEOUT, "the sign-up form")
            must(f"{label}: #signup-link -> the sign-up page", form, self.page_state())
            self.type_into("#username", user["username"])
            self.type_into("#display_name", f"MAU {user['name']} {self.tag}")
            self.type_into("#password", user["password"])
            self.type_into("#password_confirm", user["password"])
            self.element("#signup-submit").click()
            outcome = self.wait(label, lambda d: ("recovery" if self.shown("#recovery-step") else None)
                                or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                    else None), OPAQUE_TIMEOUT, "the recovery code")
            must(f"{label}: sign-up -> the recovery code step", outcome == "recovery", self.page_state())
            user["created"] = True
            user["recovery_code"] = self.recovery_step(label)
            outcome = self.wait(label, lambda d: "consent" if self.element("form#consent-form") else None, PAGE_TIMEOUT,
                                "the consent page")
            must(f"{label}: recovery code saved -> the consent page", outcome == "consent", self.page_state())
            lead = self.element("p.lead")
            check(f"{label}: consent page: 'Signed in as' {user['username']} for {self.mau_app_name!r}",
                  lead is not None and user["username"] in lead.text and self.mau_app_name in lead.text,
                  lead.text if lead else "no p.lead")
            form = self.element("form#consent-form")
            check(f"{label}: consent form has data-analytics=submit, the app's client id and the month",
                  form.get_attribute("data-analytics") == "submit"
                  and form.get_attribute("data-client-id") == self.mau_client_id
                  and re.fullmatch(r"\d{4}-\d{2}", form.get_attribute("data-month") or ""), self.page_state())
            key = self.analytics_key()
            check(f"{label}: after sign-up IndexedDB holds analytics_root: a non-extractable HMAC SHA-256 "
                  f"key for signing only", key.get("present") is True and key.get("type") == "secret"
                  and key.get("algorithm") == "HMAC" and key.get("hash") == "SHA-256"
                  and key.get("extractable") is False and key.get("usages") == ["sign"], repr(key))
            self.element("#consent-allow").click()

        def outcome(d):
            if d.current_url.startswith(self.callback.url + "?"):
                return "callback"
            if self.element("form#consent-form"):
                return "consent"
            if self.element("form#signin-form"):
                return "signin"
            if self.element("#error-code"):
                return "error"
            return None

        if expect == "signup":  # the consent page stays until the navigation commits
            landed = self.wait(label, lambda d: "callback" if d.current_url.startswith(self.callback.url + "?")
                               else None, PAGE_TIMEOUT, "the callback")
        else:  # the pass-through page shows on the way; a consent or sign-in page would be wrong
            landed = self.wait(label, outcome, PAGE_TIMEOUT, "the callback")
        self.timings.append((f"{label} ({expect}) -> callback", time.monotonic() - started))
        what = "Allow" if expect == "signup" else "the app link again (remembered consent: no page to click)"
        must(f"{label}: {what} -> the browser lands on the app's redirect URI", landed == "callback",
             f"outcome={landed} " + self.page_state())
        q = query_of(self.driver.current_url)
        check(f"{label}: callback state is the one sent, iss == issuer",
              q.get("state") == state and q.get("iss") == self.meta.get("issuer"), self.driver.current_url)
        must(f"{label}: callback has a code", q.get("code"), self.driver.current_url)
        flow["code"] = q["code"]
        self.drain(label)  # the POST's event may be logged after the wait saw the callback
        posts = self.capture.posts_to("/oauth/consent")[before:]
        must(f"{label}: the page sent one POST /oauth/consent, captured with its body",
             len(posts) == 1 and posts[0]["body"], repr([(r["url"], r["body"]) for r in posts]))
        form = dict(urllib.parse.parse_qsl(posts[0]["body"], keep_blank_values=True))
        if expect == "signup":
            check(f"{label}: the consent POST has decision=allow (added by the page) and no flow=continue",
                  form.get("decision") == "allow" and "flow" not in form, repr(form))
        else:
            check(f"{label}: the pass-through page posted by itself: flow=continue, decision=allow",
                  form.get("flow") == "continue" and form.get("decision") == "allow", repr(form))
        sent = form.get("analytics_id", "")
        check(f"{label}: the POST carried an analytics_id of 22 base64url characters", ANALYTICS_ID.match(sent),
              repr(sent))
        month = time.strftime("%Y-%m", time.gmtime())
        check(f"{label}: analytics_month is this month (UTC) {month}", form.get("analytics_month") == month,
              repr(form.get("analytics_month")))
        flow["analytics_id"], flow["month"] = sent, form.get("analytics_month")
        user["flows"].append(flow)

    def shoot_pass_through(self, url, label):
        """The remembered-consent page posts itself at once; with its script blocked for one
        load it stays, to be checked and photographed (nothing is posted)."""
        step = f"{label} pass-through page (authorize.js blocked)"
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/js/pages/authorize.js*"]})
        try:
            self.driver.get(url)
            form = self.wait(step, lambda d: self.element("form#authorize-form"), PAGE_TIMEOUT, "the pass-through page")
            check(f"{label}: remembered consent -> the pass-through page (form#authorize-form), not the consent page",
                  form and self.element("form#consent-form") is None, self.page_state())
            if form:
                heading = self.element("h1")
                check(f"{label}: pass-through page: 'Continuing to' the app, data-analytics=auto, flow=continue, "
                      f"analytics_id empty until the script fills it",
                      heading is not None and heading.text.startswith("Continuing to " + self.mau_app_name)
                      and form.get_attribute("data-analytics") == "auto"
                      and form.get_attribute("data-client-id") == self.mau_client_id
                      and self.element("#authorize-form input[name=flow]").get_attribute("value") == "continue"
                      and self.element("#authorize-form input[name=analytics_id]").get_attribute("value") == "",
                      self.page_state())
                self.shoot("passthrough")
            self.drain(step)
        finally:
            self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})

    def mau_deny(self, user):
        """The user, signed in, follows the first app's link (never allowed) and clicks Deny: the
        app gets access_denied, the page posts decision=deny without an analytics id and records
        a sealed "consent" entry first."""
        label = f"10 {user['name']} deny"
        url, _, state, _ = self.authorization_url()
        posts, puts = len(self.capture.posts_to("/oauth/consent")), len(self.vault_puts())
        self.driver.get(url)
        form = self.wait(label, lambda d: self.element("form#consent-form"), PAGE_TIMEOUT, "the consent page")
        must(f"{label}: the first app's link -> its consent page ({self.app_name!r})", form, self.page_state())
        self.element("#consent-deny").click()
        landed = self.wait(label, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT,
                           "the callback")
        must(f"{label}: Deny -> the app's redirect URI", landed, self.page_state())
        q = query_of(self.driver.current_url)
        check(f"{label}: callback has error=access_denied, the state sent, no code",
              q.get("error") == "access_denied" and q.get("state") == state and "code" not in q, self.driver.current_url)
        self.drain(label)
        sent = self.capture.posts_to("/oauth/consent")[posts:]
        form = dict(urllib.parse.parse_qsl(sent[0]["body"] or "", keep_blank_values=True)) if len(sent) == 1 else {}
        check(f"{label}: one POST /oauth/consent with decision=deny and an empty analytics_id",
              form.get("decision") == "deny" and form.get("analytics_id") == "", repr([r["body"] for r in sent]))
        recorded = self.vault_puts()[puts:]
        body = (recorded[0][1] or {}) if len(recorded) == 1 else {}
        raw = b64d(body["ciphertext"]) if isinstance(body.get("ciphertext"), str) else b""
        check(f"{label}: one PUT /vault/entries/{{uuid}} of kind consent, only kind and ciphertext (format 2), no "
              f"'deny' or app name in clear", set(body) == {"kind", "ciphertext"} and body.get("kind") == "consent"
              and raw[:1] == b"\x02" and b"deny" not in raw and self.app_name.encode() not in raw,
              repr([r["body"] for _, _, r in recorded]))

    def mau_sign_out(self, user, history=None):
        label = f"10 {user['name']} sign-out"
        self.driver.get(self.base + "/account")
        who = self.wait(label, lambda d: self.element("#account-username"), PAGE_TIMEOUT, "the account page")
        must(f"{label}: /account shows {user['username']}", who and who.text == user["username"], self.page_state())
        if history:
            items = self.history(label, len(history))
            check(f"{label}: /account #history-list, newest first: {history!r}",
                  len(items) == len(history) and all(i.startswith(h) for i, h in zip(items, history)), repr(items))
        key = self.analytics_key()
        check(f"{label}: before sign-out IndexedDB holds analytics_root", key.get("present") is True, repr(key))
        self.element("#signout").click()
        form = self.wait(label, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        must(f"{label}: Sign out -> the sign-in page", form, self.page_state())
        key = self.analytics_key()
        check(f"{label}: after sign-out from /account IndexedDB has no analytics_root",
              key.get("present") is False and "error" not in key, repr(key))
        cookies = [c["name"] for c in self.driver.get_cookies()]
        check(f"{label}: no flowsta_session cookie", "flowsta_session" not in cookies, repr(cookies))

    def mau_analytics_ids(self):
        users = self.mau_users
        ids = [[flow["analytics_id"] for flow in user["flows"]] for user in users]
        print(f"  (analytics ids: {ids})")
        check("10 ids: user 1's three sign-ins sent the same analytics id, user 2's two the same",
              len(set(ids[0])) == 1 and len(ids[0]) == 3 and len(set(ids[1])) == 1 and len(ids[1]) == 2, repr(ids))
        check("10 ids: the three users' analytics ids differ", len({i[0] for i in ids}) == MAU_USERS, repr(ids))
        # Independently: the same derivation (Tests/support/root_key_vectors.py) from the root key
        # an OPAQUE client of another implementation opens with the same password.
        for user, sent in zip(users, ids):
            root_key, _, session = self.open_root_key(f"10 ids: {user['name']}", user["username"], user["password"], keep=True)
            user["session"], user["root_key"] = session, root_key or b"\0" * 32
            root = analytics_root_v2(user["root_key"])
            user["analytics_root"] = root
            expected = analytics_id(root, self.mau_client_id, user["flows"][0]["month"])
            check(f"10 ids: {user['name']}'s id == base64url(HMAC-SHA256(HKDF-SHA512(root key, 'flowsta analytics v2'), "
                  f"client_id:month))[:16], computed outside the browser", sent[0] == expected,
                  f"sent {sent[0]!r}, expected {expected!r}")
        other = analytics_id(users[0]["analytics_root"], self.client_id, users[0]["flows"][0]["month"])
        check("10 ids: user 1's id for another app would differ (not linkable across apps)", other != ids[0][0],
              other)

    def mau_counts(self):
        org, app = self.mau_app
        month = self.mau_users[0]["flows"][0]["month"]
        r = self.api_key_request("GET", f"/api/v1/apps/{app}/mau")
        body = json_of(r) or {}
        must(f"10 MAU: GET /api/v1/apps/{{app}}/mau with the API key -> 200 mau 3 (3 users, 6 sign-ins), "
             f"month {month}, not closed",
             r.status_code == 200 and body.get("app_id") == app and body.get("mau") == MAU_USERS
             and body.get("month") == month and body.get("closed") is False, show(r))
        series = body.get("series") or []
        months = [entry.get("month") for entry in series]
        check("10 MAU: series has 12 consecutive months ending with this one, last entry mau 3, the 11 before 0",
              len(series) == 12 and months == sorted(months) and len(set(months)) == 12 and months[-1] == month
              and series[-1].get("mau") == MAU_USERS and series[-1].get("closed") is False
              and all(entry.get("mau") == 0 for entry in series[:-1]), repr(series))
        check("10 MAU: the API key's answer has the pro plan's rate limit fields (RateLimit-Policy q=100)",
              'q=100' in r.headers.get("RateLimit-Policy", "") and r.headers.get("RateLimit"), repr(dict(r.headers)))
        r = self.dev.get(self.base + f"/api/v1/apps/{app}/mau", timeout=TIMEOUT)
        check("10 MAU: the same with the developer's session cookie -> mau 3",
              r.status_code == 200 and (json_of(r) or {}).get("mau") == MAU_USERS, show(r))
        r = self.dev.get(self.base + f"/api/v1/apps/{self.app[1]}/mau", timeout=TIMEOUT)
        check("10 MAU: the first app (steps 3-8: one user, signed in twice) -> mau 1",
              r.status_code == 200 and (json_of(r) or {}).get("mau") == 1, show(r))
        r = self.api_key_request("GET", f"/api/v1/orgs/{org}/plan")
        plan = json_of(r) or {}
        usage, limits = plan.get("usage") or {}, plan.get("limits") or {}
        check("10 plan: GET /api/v1/orgs/{org}/plan -> pro, month, usage mau 4 (1 + 3) and apps 2, no overage",
              r.status_code == 200 and plan.get("plan") == "pro" and plan.get("month") == month
              and usage.get("mau") == MAU_USERS + 1 and usage.get("apps") == 2 and plan.get("mau_overage") == 0
              and plan.get("mau_overage_allowed") is True and limits.get("mau") == 150000, show(r))

    def mau_usage(self):
        """The app's side: exchanges codes and calls userinfo (one token call fails on purpose),
        then the usage export shows them once flushed."""
        users = self.mau_users
        # user 1's first and third sign-ins, user 2's second, user 3's only one.
        chosen = [(users[0], 0), (users[0], 2), (users[1], 1), (users[2], 0)]
        subs = {}
        for user, index in chosen:
            flow = user["flows"][index]
            label = f"10 app: {user['name']} #{index + 1}"
            r = self.plain.post(self.meta["token_endpoint"], timeout=TIMEOUT, data={
                "grant_type": "authorization_code", "code": flow["code"], "redirect_uri": self.callback.url,
                "client_id": self.mau_client_id, "code_verifier": flow["verifier"]})
            token = json_of(r) or {}
            must(f"{label}: code -> 200 access_token, id_token",
                 r.status_code == 200 and token.get("access_token") and token.get("id_token"), show(r))
            claims = self.verify_id_token(token["id_token"], flow["nonce"], label, client_id=self.mau_client_id)
            r = self.plain.get(self.meta["userinfo_endpoint"], timeout=TIMEOUT,
                               headers={"Authorization": f"Bearer {token['access_token']}"})
            info = json_of(r) or {}
            check(f"{label}: userinfo -> 200, preferred_username {user['username']!r}, sub == ID token sub",
                  r.status_code == 200 and info.get("preferred_username") == user["username"]
                  and claims is not None and info.get("sub") == claims.get("sub"), show(r))
            subs.setdefault(user["name"], set()).add(info.get("sub"))
        check("10 app: one sub per user (user 1's two sign-ins give the same sub), three different subs",
              all(len(s) == 1 for s in subs.values()) and len(set.union(*subs.values())) == MAU_USERS, repr(subs))
        r = self.plain.post(self.meta["token_endpoint"], timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": "not-a-code-" + secrets.token_hex(8),
            "redirect_uri": self.callback.url, "client_id": self.mau_client_id,
            "code_verifier": users[0]["flows"][1]["verifier"]})
        check("10 app: a made-up code -> 400 invalid_grant (the one failed token call)",
              r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_grant", show(r))
        want = {"token": (len(chosen) + 1, 1), "userinfo": (len(chosen), 0)}  # requests, client errors

        org, app = self.mau_app
        path = f"/api/v1/orgs/{org}/usage/export"
        query = {"format": "csv", "granularity": "month", "app_id": app}
        started, polls = time.monotonic(), 0
        while True:
            polls += 1
            r = self.dev.get(self.base + path, params=query, headers={"Accept": "text/csv"}, timeout=TIMEOUT)
            header, rows, lines = usage_table(r.text if r.status_code == 200 else "")
            if all((number((rows.get(group) or {}).get("requests")) or 0) >= count for group, (count, _) in want.items()):
                break
            if time.monotonic() - started > USAGE_TIMEOUT:
                break
            time.sleep(1.0)
        elapsed = time.monotonic() - started
        self.timings.append((f"usage export shows the calls (flushed every 10 s; {polls} polls)", elapsed))
        print(f"  (usage export after {elapsed:.1f} s, {polls} polls:\n    " + r.text.strip().replace("\r\n", "\n    ")
              + ")")
        check("10 usage: CSV export (developer session) -> 200 text/csv, attachment flowsta-usage-*.csv",
              r.status_code == 200 and r.headers.get("Content-Type", "").startswith("text/csv")
              and re.search(r'attachment; filename="flowsta-usage-[0-9-]+\.csv"', r.headers.get("Content-Disposition", "")),
              show(r))
        check("10 usage: CSV header period_start,route_group,requests,client_errors,server_errors,error_rate,"
              "p50_ms,p95_ms,p99_ms", header == USAGE_HEADER, repr(header))
        month = self.mau_users[0]["flows"][0]["month"]
        check(f"10 usage: the app's export has one row each for token and userinfo, period_start {month}-01 "
              f"(granularity month)",
              sorted(row.get("route_group") for row in lines) == ["token", "userinfo"]
              and all(row.get("period_start", "").startswith(f"{month}-01T00:00:00") for row in lines), repr(lines))
        token, userinfo = rows.get("token") or {}, rows.get("userinfo") or {}
        check(f"10 usage: token row: {want['token'][0]} requests, 1 client error, 0 server errors, error_rate 0.2000 "
              f"(within {USAGE_TIMEOUT} s of the calls)",
              token.get("requests") == str(want["token"][0]) and token.get("client_errors") == "1"
              and token.get("server_errors") == "0" and token.get("error_rate") == "0.2000", repr(token))
        check(f"10 usage: userinfo row: {want['userinfo'][0]} requests, no errors, error_rate 0.0000",
              userinfo.get("requests") == str(want["userinfo"][0]) and userinfo.get("client_errors") == "0"
              and userinfo.get("server_errors") == "0" and userinfo.get("error_rate") == "0.0000", repr(userinfo))
        check("10 usage: token and userinfo rows have numeric latency p50 <= p95 <= p99 (ms, > 0)",
              latency_ok(token) and latency_ok(userinfo), repr([token, userinfo]))

        r = self.api_key_request("GET", path, params={**query, "format": "json"})
        report = json_of(r) or {}
        json_rows = {row.get("route_group"): row for row in report.get("rows") or []}
        totals = {row.get("route_group"): row for row in report.get("totals") or []}
        check("10 usage: JSON export with the API key -> 200, granularity month, app_id the app",
              r.status_code == 200 and report.get("granularity") == "month" and report.get("app_id") == app, show(r))

        def same(csv_row, json_row):
            return bool(json_row) and all(
                number(csv_row.get(k)) is not None and abs(number(csv_row.get(k)) - float(json_row.get(k) or 0)) < 1e-4
                for k in USAGE_HEADER[2:]) and json_row.get("requests") == int(csv_row.get("requests") or -1)

        check("10 usage: JSON rows and totals for token and userinfo match the CSV (counts, error rate, p50/p95/p99)",
              all(same(rows.get(g) or {}, json_rows.get(g)) and same(rows.get(g) or {}, totals.get(g))
                  for g in ("token", "userinfo")) and set(json_rows) == {"token", "userinfo"},
              repr(report)[:600])
        r = self.api_key_request("GET", path, params={"format": "csv", "granularity": "month"},
                                 headers={"Accept": "text/csv"})
        _, whole, _ = usage_table(r.text if r.status_code == 200 else "")
        check("10 usage: the organization's export (no app_id) counts at least the app's calls and a management row "
              "for the API-key calls",
              r.status_code == 200 and all(int((whole.get(g) or {}).get("requests") or 0) >= want[g][0] for g in want)
              and int((whole.get("management") or {}).get("requests") or 0) >= 1, r.text[:600])

    def mau_privacy(self):
        self.drain("10 privacy")
        found = leaks(self.capture, [u["password"] for u in self.mau_users])
        check(f"10 privacy: the three users' typed passwords appear in none of the {len(self.capture.requests)} "
              f"requests the browser sent", not found, "; ".join(found[:10]))
        keys = {}
        for user in self.mau_users:
            if user.get("root_key"):
                keys[f"{user['name']}'s root key"] = user["root_key"]
                keys[f"{user['name']}'s analytics root"] = user["analytics_root"]
                keys[f"{user['name']}'s vault key"] = vault_key_v2(user["root_key"])
        found = byte_leaks(self.capture, keys)
        check("10 privacy: no root key, vault key or analytics root (hex, base64, base64url, inside base64 fields) in "
              "what the browser sent", len(keys) == 3 * MAU_USERS and not found, "; ".join(found[:10]))
        severe = [(step, e) for step, e in self.console if step.startswith("10") and e.get("level") == "SEVERE"]
        for step, e in self.console:
            if step.startswith("10") and e.get("level") != "SEVERE":
                print(f"  (console {e.get('level')} during {step}: {e.get('message')})")
        check("10 console: no SEVERE entries during step 10", not severe,
              "; ".join(f"[{step}] {e.get('message')}" for step, e in severe))

    # ------------------------------------------------------------------ cleanup

    def browser_delete_account(self):
        """The end user deletes the account from the browser (a same-origin fetch, as the
        origin's pages do). DELETE /auth/me needs a sign-in within the last 5 minutes and step
        10 signed other users in and out here, so the user first signs in again on the hosted
        sign-in page with the typed password; the fetch must be sent as application/json, even
        without a body (CSRF): without that header the same fetch is refused."""
        step = "cleanup"
        self.driver.get(self.base + "/signin")
        self.driver.delete_all_cookies()
        self.driver.get(self.base + "/signin")
        if not self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page"):
            return check("cleanup: the user signs in again on /signin before deleting the account", False, self.page_state())
        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        self.element("#signin-submit").click()
        outcome = self.wait(step, lambda d: ("account" if self.element("#account-username") else None)
                            or ("error" if (self.element("#form-error") and self.element("#form-error").text.strip())
                                else None), OPAQUE_TIMEOUT, "the account page")
        who = self.element("#account-username")
        if not check("cleanup: the user signs in again on /signin (DELETE /auth/me needs a sign-in within 5 minutes) "
                     "-> /account", outcome == "account" and who is not None and who.text == self.username,
                     self.page_state()):
            return False
        script = ("const done = arguments[arguments.length - 1];"
                  "fetch('/auth/me', {method: 'DELETE', credentials: 'same-origin', headers: arguments[0]})"
                  ".then(r => r.json().catch(() => null).then(b => done({status: r.status, body: b})),"
                  " e => done({error: String(e)}));")
        plain = self.driver.execute_async_script(script, {"Accept": "application/json"}) or {}
        check("cleanup: DELETE /auth/me from the browser without Content-Type: application/json -> 403 "
              "cross_site_request (nothing deleted)", plain.get("status") == 403
              and (plain.get("body") or {}).get("error") == "cross_site_request", repr(plain))
        sent = self.driver.execute_async_script(script, {"Accept": "application/json", **JSON_HEADERS}) or {}
        return check("cleanup: DELETE /auth/me from the browser (application/json, fresh sign-in) -> 204",
                     sent.get("status") == 204, repr(sent))

    def cleanup(self):
        if self.driver is not None:
            try:
                if self.user_created and not self.browser_delete_account():
                    delete_account(self.base, "cleanup: the end user's account deleted instead with opaque_snake -> 204",
                                   self.username, self.password)
            finally:
                self.driver.quit()
                self.driver = None
        for user in self.mau_users:
            if user["session"] is not None:
                user["session"].close()
            if user["created"]:
                # A fresh sign-in first (delete_account): the users' last sign-in may be > 5 minutes ago.
                delete_account(self.base, f"cleanup: DELETE /auth/me for MAU {user['name']} (signed in again) -> 204",
                               user["username"], user["password"])
        if self.api_key:
            org, key, _ = self.api_key
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/keys/{key}", headers=JSON_HEADERS, timeout=TIMEOUT)
            check("cleanup: revoke the API key -> 204", r.status_code == 204, show(r))
        if self.mau_app:
            org, app = self.mau_app
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", headers=JSON_HEADERS, timeout=TIMEOUT)
            check("cleanup: DELETE the MAU app -> 204", r.status_code == 204, show(r))
        if self.app:
            org, app = self.app
            r = self.dev.delete(self.base + f"/api/v1/orgs/{org}/apps/{app}", headers=JSON_HEADERS, timeout=TIMEOUT)
            check("cleanup: DELETE the app -> 204", r.status_code == 204, show(r))
        if self.dev_created:
            # Signed up in step 1, long ago: delete_account signs in again first.
            delete_account(self.base, "cleanup: DELETE /auth/me for the developer (signed in again) -> 204",
                           self.dev_name, self.dev_password)
        if self.callback:
            self.callback.close()
        for s in (self.dev, self.plain):
            s.close()


if __name__ == "__main__":
    sys.exit(main())
