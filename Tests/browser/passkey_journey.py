#!/usr/bin/env python3
"""Real-browser journey of passkeys (issue #20), in headless Chromium (selenium) with the DevTools
WebAuthn domain's virtual authenticators as the user's passkey devices:

 1. Setup through the management API (root_key_journey.Journey.setup): a developer, an
    organization, a public app whose redirect URI this script serves, an API key for its MAU.
    A virtual authenticator: CTAP2, internal (a platform authenticator), resident keys, user
    verification, the PRF extension.
 2. The app's link (authlib, PKCE) -> sign-up on the hosted pages -> consent -> the app's tokens;
    MAU 1. /account: the history (sign-in, consent) readable.
 3. /account, "Passkeys": none yet; a name and the password -> "Add a passkey" -> the virtual
    authenticator holds one resident credential for rp "localhost"; the section says it opens the
    vault, and GET /auth/passkeys (the browser's cookie) says opens_root_key.
 4. Signed out (the page forgets this browser's keys); IndexedDB of the origin cleared too. The
    app's link -> the sign-in page -> "Sign in with a passkey" (no username typed) -> the app's
    callback (the consent is remembered); the ID token (joserfc, JWKS) says amr [hwk, mfa] and acr
    phr; MAU still 1 (the same analytics id: the passkey opened the same root key). /account:
    every earlier history entry readable, plus "Signed in with a passkey"; no password typed.
 5. The PRF output, computed in the page with the same input, appears in no request the browser
    sent and nowhere in the server's data directory (hex, base64url, base64).
 6. Two-step sign-in: an authenticator app set up on /account (pyotp's codes; the QR code read by
    zxing-cpp, as in second_factor_journey.py); signed out; the password -> the code form offers
    "Use a passkey instead" -> the callback, amr [pwd, hwk, mfa]; signed out; password + pyotp's
    code -> amr [pwd, otp, mfa]; acr_values=phr from the password + code session -> the sign-in
    page again.
 7. An authenticator without PRF replaces the first: a passkey added from /account says it will
    ask for the password; signed out, a passkey sign-in lands on the unlock form, which says so
    plainly; the password opens the vault (history readable) with no new session.
 8. No request the browser sent carries a password.

Run with the server at http://localhost:PORT (WebAuthn refuses IP addresses as relying party ids):
FLOWSTA_TEST_HOST=localhost Tests/browser/run.sh PATH/TO/flowsta passkey_journey.py
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import base64
import os
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import CHECKS, b64e, base_url, check, json_of, must, run_checks, show  # noqa: E402
from oauth_browser_flow import OPAQUE_TIMEOUT, PAGE_TIMEOUT, REPO, TIMEOUT  # noqa: E402
from second_factor_journey import SecondFactorJourney  # noqa: E402

PRF_INPUT = "flowsta passkey root key v1"
MFA = "urn:flowsta:acr:mfa"


def main():
    base = base_url("passkey_journey.py")
    if not base:
        return 2
    print(f"server: {base}")
    if urllib.parse.urlsplit(base).hostname != "localhost":
        print("passkey_journey.py needs the server at http://localhost:PORT (FLOWSTA_TEST_HOST=localhost)", file=sys.stderr)
        return 2
    started = time.monotonic()
    run = PasskeyJourney(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    return CHECKS.summary()


class PasskeyJourney(SecondFactorJourney):
    def __init__(self, base):
        super().__init__(base)
        self.username = f"pk-{self.tag}"
        self.email = f"{self.username}@example.com"
        self.authenticator = None
        self.prf_texts = []
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS")
                                         or os.path.join(REPO, ".build", "artifacts", "passkey"))

    def checks(self):
        self.setup()
        self.api_key_setup()
        self.open_browser()
        self.authenticator = self.virtual_authenticator(prf=True)
        self.sign_up()
        self.first_history()
        self.add_passkey("3 add a passkey", "Laptop", opens=True)
        self.passkey_sign_in()
        self.prf_privacy()
        self.second_step()
        self.without_prf()
        self.secrets_sent("8 privacy: the whole journey", self.passwords, [])

    # ------------------------------------------------------------------ helpers

    def virtual_authenticator(self, prf):
        self.driver.execute_cdp_cmd("WebAuthn.enable", {"enableUI": False})
        answer = self.driver.execute_cdp_cmd("WebAuthn.addVirtualAuthenticator", {"options": {
            "protocol": "ctap2", "ctap2Version": "ctap2_1", "transport": "internal", "hasResidentKey": True,
            "hasUserVerification": True, "isUserVerified": True, "hasPrf": prf, "automaticPresenceSimulation": True,
        }})
        must(f"1 a virtual authenticator (CTAP2, internal, resident keys, user verification, PRF {prf})",
             answer.get("authenticatorId"), repr(answer))
        return answer["authenticatorId"]

    def credentials(self, authenticator):
        return self.driver.execute_cdp_cmd("WebAuthn.getCredentials", {"authenticatorId": authenticator}).get("credentials", [])

    def passkeys_api(self):
        with self.browser_session() as session:
            r = session.get(self.base + "/auth/passkeys", timeout=TIMEOUT)
        return r, (json_of(r) or {}).get("passkeys") or []

    def readable_history(self, step, label):
        status, items = self.activity(step)
        check(f"{label}: the history lists every earlier entry, none unreadable",
              items and all(item in items for item in self.history_seen)
              and not any("could not be read" in item.lower() or "unreadable" in item.lower() for item in items),
              f"status={status!r} items={items} earlier={self.history_seen}")
        return items

    def passkey_button_to_app(self, step, flow):
        """On the sign-in page: "Sign in with a passkey"; returns where the browser ends up."""
        button = self.wait(step, lambda d: self.element("#passkey-signin") if self.shown("#passkey-signin") else None,
                           PAGE_TIMEOUT, "the passkey button")
        must(f"{step}: the sign-in page offers 'Sign in with a passkey'", button, self.page_state())
        started = time.monotonic()
        button.click()

        def where(d):
            if d.current_url.startswith(self.callback.url + "?"):
                return "callback"
            if self.element("form#consent-form"):
                return "consent"
            if self.shown("#unlock-form"):
                return "unlock"
            if (self.text("#form-error") or "").strip():
                return "error"
            return None

        landed = self.wait(step, where, OPAQUE_TIMEOUT, "the passkey sign-in's outcome")
        self.timings.append((f"{step}: passkey button -> {landed}", time.monotonic() - started))
        return landed

    def clear_browser_keys(self):
        """What a new device would have: nothing stored for the origin (the cookies go with sign-out)."""
        self.driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": self.base, "storageTypes": "indexeddb,local_storage"})

    # ------------------------------------------------------------------ steps

    def first_history(self):
        self.open_account("2 history")
        status, items = self.activity("2 history")
        must("2 /account: the history has the sign-up's entries", items, f"status={status!r}")
        self.history_seen = items

    def add_passkey(self, step, name, opens):
        self.open_account(step)
        def loaded(d):
            text = self.text("#passkeys-status")
            return None if text is None or text.startswith("Loading") else (text or "(the list, no status)")

        status = self.wait(step, loaded, PAGE_TIMEOUT, "#passkeys-status")
        before = len(self.passkeys_api()[1])
        check(f"{step}: the Passkeys section has loaded ({status!r})", status is not None, self.page_state())
        self.type_into("#passkey_name", name)
        self.type_into("#passkey_password", self.password)
        if self.element("#passkey_password_code"):
            self.type_into("#passkey_password_code", self.backup_codes.pop(0))
        started = time.monotonic()
        self.element("#passkey-add").click()
        said = self.wait(step, lambda d: (self.text("#passkeys-status") or "") if (self.text("#passkeys-status") or "").startswith("Added")
                         else ((self.text("#passkey-error") or "") or None), OPAQUE_TIMEOUT, "the passkey to be added")
        self.timings.append((f"{step}: fresh sign-in + create()", time.monotonic() - started))
        expected = "opens your vault" if opens else "you will be asked for your password once"
        must(f"{step}: 'Add a passkey' -> #passkeys-status 'Added {name}' and '{expected}'",
             said and said.startswith(f"Added {name}") and expected in said, f"{said!r} {self.page_state()}")
        r, passkeys = self.passkeys_api()
        mine = [p for p in passkeys if p.get("name") == name]
        check(f"{step}: GET /auth/passkeys lists it: opens_root_key {opens}, nothing about the device",
              r.status_code == 200 and len(passkeys) == before + 1 and mine and mine[0].get("opens_root_key") is opens
              and set(mine[0]) == {"id", "name", "created_at", "synced", "opens_root_key"}, show(r))
        listed = [li.text for li in self.driver.find_elements("css selector", "#passkeys-list > li")]
        check(f"{step}: the section lists it", any(li.startswith(name) for li in listed), repr(listed))
        creds = self.credentials(self.authenticator)
        check(f"{step}: the virtual authenticator holds a resident credential for rp 'localhost'",
              any(c.get("isResidentCredential") and c.get("rpId") == "localhost" for c in creds), repr(creds)[:300])
        self.shoot(f"passkeys-{name.lower()}")
        self.console_check(step)

    def passkey_sign_in(self):
        step = "4 passkey sign-in"
        self.sign_out_here(step)
        self.clear_browser_keys()
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        where = self.passkey_button_to_app(step, flow)
        check("4 'Sign in with a passkey', no username or password typed -> on to the app (no unlock form)",
              where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("4 the ID token says amr [hwk, mfa] and acr phr (joserfc, JWKS)",
              claims.get("amr") == ["hwk", "mfa"] and claims.get("acr") == "phr", repr(claims))
        self.mau("4 MAU")
        self.open_account(step)
        items = self.readable_history(step, "4 /account after the passkey sign-in")
        check("4 the passkey's sign-in is recorded in the vault ('Signed in with a passkey')",
              any("with a passkey" in item for item in items), repr(items))
        self.history_seen = items
        self.console_check(step)

    def prf_privacy(self):
        step = "5 PRF privacy"
        prf = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const input = new TextEncoder().encode(arguments[0]);
            crypto.subtle.digest('SHA-256', input).then((salt) => navigator.credentials.get({publicKey: {
              challenge: crypto.getRandomValues(new Uint8Array(32)), rpId: 'localhost', userVerification: 'required',
              extensions: {prf: {eval: {first: new Uint8Array(salt)}}}}}))
            .then((c) => { const r = c.getClientExtensionResults().prf;
                           done(r && r.results ? Array.from(new Uint8Array(r.results.first)) : null); })
            .catch((e) => done('error: ' + e.name));
        """, PRF_INPUT)
        must("5 the page computes the passkey's PRF output (32 bytes) with Flowsta's input", isinstance(prf, list) and len(prf) == 32,
             repr(prf))
        raw = bytes(prf)
        texts = [raw.hex(), b64e(raw), base64.b64encode(raw).decode().rstrip("=")]
        self.prf_texts = texts
        self.drain(step)
        sent = [text for _, text in self.capture.texts()]
        check("5 the PRF output is in no request the browser sent (hex, base64url, base64)",
              not any(t in s for s in sent for t in texts), f"{len(sent)} requests")
        data = os.environ.get("FLOWSTA_DATA_DIR")
        found = []
        if data:
            for root, _, files in os.walk(data):
                for name in files:
                    with open(os.path.join(root, name), "rb") as f:
                        blob = f.read()
                    if raw in blob or any(t.encode() in blob for t in texts):
                        found.append(name)
        check("5 the PRF output is nowhere in the server's data directory (database, WAL, log)", data and not found,
              f"data={data!r} found in {found}")

    def second_step(self):
        step = "6 passkey as second step"
        self.enrol()
        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        self.element("#signin-submit").click()
        button = self.wait(step, lambda d: self.element("#code-passkey") if self.shown("#code-passkey") else None,
                           OPAQUE_TIMEOUT, "the code form's passkey button")
        must("6 the password -> the code form offers 'Use a passkey instead'", button and self.shown("#code-form"), self.page_state())
        button.click()
        where = self.outcome(step)
        check("6 'Use a passkey instead' -> on to the app", where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("6 the ID token says amr [pwd, hwk, mfa] and acr phr",
              claims.get("amr") == ["pwd", "hwk", "mfa"] and claims.get("acr") == "phr", repr(claims))

        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        where = self.code_step(step, self.password, lambda: ("code", self.totp.at(time.time() + 30)))
        check("6 password + pyotp's code -> on to the app", where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("6 the ID token says amr [pwd, otp, mfa], acr urn:flowsta:acr:mfa",
              claims.get("amr") == ["pwd", "otp", "mfa"] and claims.get("acr") == MFA, repr(claims))
        flow = self.new_flow()
        self.driver.get(flow["url"] + "&" + urllib.parse.urlencode({"acr_values": "phr"}))
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        check("6 acr_values=phr from the password + code session -> the sign-in page again (the user has a passkey)",
              form is not None and self.driver.get_cookie("flowsta_session") is not None, self.page_state())
        where = self.passkey_button_to_app(step, flow)
        check("6 ... where the passkey goes on to the app", where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("6 ... with acr phr", claims.get("acr") == "phr", repr(claims))
        self.mau("6 MAU")
        self.console_check(step)

    def without_prf(self):
        step = "7 no PRF"
        self.driver.execute_cdp_cmd("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.authenticator})
        self.authenticator = self.virtual_authenticator(prf=False)
        self.add_passkey("7 add a passkey without PRF", "Old key", opens=False)
        self.open_account(step)
        self.history_seen = self.activity(step)[1]
        sessions_before = self.session_count()
        self.sign_out_here(step)
        self.clear_browser_keys()
        self.driver.get(self.base + "/signin")
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        where = self.passkey_button_to_app(step, None)
        note = self.text("#unlock-note") or ""
        must("7 a passkey without PRF signs in, then the unlock form says plainly it cannot open the vault by itself",
             where == "unlock" and "cannot open your activity vault by itself" in note, f"{where}: {note!r} {self.page_state()}")
        self.shoot("unlock")
        sessions_signed_in = self.session_count()
        self.type_into("#unlock_secret", "not the password")
        self.element("#unlock-submit").click()
        error = self.wait(step, lambda d: self.text("#unlock-error") or None, OPAQUE_TIMEOUT, "#unlock-error")
        check("7 a wrong password -> #unlock-error", error, self.page_state())
        self.expected_console_errors(step, "/auth/keys/unlock")
        self.type_into("#unlock_secret", self.password)
        self.element("#unlock-submit").click()
        landed = self.wait(step, lambda d: self.element("#account-username"), OPAQUE_TIMEOUT, "the account page")
        must("7 the password -> /account", landed, self.page_state())
        self.readable_history(step, "7 /account after the unlock")
        check("7 the unlock opened no session of its own", self.session_count() == sessions_signed_in,
              f"{sessions_before} before sign-out, {sessions_signed_in} after the passkey, {self.session_count()} now")
        self.console_check(step)

    def session_count(self):
        with self.browser_session() as session:
            r = session.get(self.base + "/auth/sessions", timeout=TIMEOUT)
        items = (json_of(r) or {}).get("items")
        return len(items) if isinstance(items, list) else None


if __name__ == "__main__":
    sys.exit(main())
