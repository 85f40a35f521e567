#!/usr/bin/env python3
"""Real-browser journey of two-step sign-in (issue #20), in headless Chromium (selenium), with
pyotp as the user's authenticator app (an independent RFC 6238 implementation):

 1. Setup through the management API (root_key_journey.Journey.setup): a developer, an
    organization, a public app whose redirect URI this script serves, an API key for its MAU.
 2. The app's link (authlib, PKCE) -> sign-up on the hosted pages -> consent -> the app's tokens
    (root_key_journey.Journey.sign_up); MAU 1.
 3. /account, "Two-step sign-in": Off. Password -> "Set up an authenticator app" -> a QR code
    (the server's SVG, shown as an image), decoded from a screenshot by zxing-cpp to an
    otpauth:// URI that pyotp parses (issuer Flowsta, the username, 6 digits, 30 s, SHA1) and
    whose key is the one the page shows as text; a wrong code is refused; pyotp's code turns
    two-step sign-in on and 10 backup codes (xxxxx-xxxxx) are shown once.
 4. Step-up: the app asks (authlib) with acr_values=urn:flowsta:acr:mfa. The browser's session
    was opened by the password alone, so the sign-in page comes back although the user is
    signed in; the password leads to the code form (#code-form); a wrong code says how many
    attempts are left; pyotp's code -> the app's callback; the ID token (verified against the
    JWKS) says amr [pwd, otp, mfa], acr urn:flowsta:acr:mfa; MAU still 1.
 5. Signed out; the app's plain link -> password -> "Use a backup code instead" -> a backup
    code -> the callback; the same backup code again is refused at the next sign-in.
 6. A third-party OPAQUE client (opaque_snake) with the password gets no session but a login
    token; a backup code over POST /auth/login/second-factor opens the session.
 7. /account: "Turn off two-step sign-in" with the password and a backup code -> Off; the
    password alone signs in through the app again and the ID token says amr [pwd], acr basic.
 8. No request the browser sent carries a password; the authenticator key never left the
    server except in the answer that showed it.

Usage: Tests/browser/run.sh PATH/TO/flowsta second_factor_journey.py
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import io
from base64 import b64decode
import os
import re
import secrets
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import (  # noqa: E402
    CHECKS, base_url, check, json_of, must, opaque_sign_in_with_body, query_of, run_checks, show,
)
from oauth_browser_flow import OPAQUE_TIMEOUT, PAGE_TIMEOUT, REPO, TIMEOUT  # noqa: E402
from root_key_journey import Journey  # noqa: E402

BACKUP_CODE = re.compile(r"^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$")
MFA = "urn:flowsta:acr:mfa"


def main():
    base = base_url("second_factor_journey.py")
    if not base:
        return 2
    print(f"server: {base}")
    started = time.monotonic()
    run = SecondFactorJourney(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    return CHECKS.summary()


class SecondFactorJourney(Journey):
    def __init__(self, base):
        super().__init__(base)
        self.username = f"tf-{self.tag}"
        self.email = f"{self.username}@example.com"
        self.totp = None  # pyotp.TOTP of the key the page showed
        self.key = None
        self.backup_codes = []
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS")
                                         or os.path.join(REPO, ".build", "artifacts", "second-factor"))

    def checks(self):
        self.setup()
        self.api_key_setup()
        self.open_browser()
        self.sign_up()
        self.enrol()
        self.step_up()
        self.backup_code_sign_in()
        self.third_party_client()
        self.turn_off()
        self.secrets_sent("8 privacy: the whole journey", self.passwords, [])
        self.drain("8 privacy")
        sent = [text for _, text in self.capture.texts()]
        check("8 privacy: the authenticator key is in no request the browser sent",
              self.key is not None and not any(self.key in text or self.key.lower() in text for text in sent),
              f"{len(sent)} requests")

    # ------------------------------------------------------------------ helpers

    def expected_console_errors(self, step, path):
        """Chromium logs every 4xx a page's fetch gets as SEVERE: the refusals of `path` this
        step provoked are printed and taken out of the log; every other entry is still checked."""
        self.drain(step)
        kept = self.console[:self.console_checked]
        for entry_step, entry in self.console[self.console_checked:]:
            message = entry.get("message") or ""
            if path in message and "status of 400" in message:
                print(f"  (expected console entry during {step}: {message})")
            else:
                kept.append((entry_step, entry))
        self.console = kept

    def delete_user(self):
        """DELETE /auth/me after a fresh sign-in with opaque_snake and, while two-step sign-in is
        on, a backup code (or the authenticator's next code)."""
        def proof():
            if self.backup_codes:
                return {"backup_code": self.backup_codes.pop(0)}
            return {"code": self.totp.at(time.time() + 30)} if self.totp else {"code": "000000"}

        session, _, _, why = opaque_sign_in_with_body(self.base, self.username, self.password, second_factor=proof)
        if session is None:
            return check("cleanup: DELETE /auth/me for the user (signed in again) -> 204", False, why)
        with session:
            r = session.delete(self.base + "/auth/me", headers={"Content-Type": "application/json", "Accept": "application/json"},
                               timeout=TIMEOUT)
            return check("cleanup: DELETE /auth/me for the user (signed in again) -> 204", r.status_code == 204, show(r))

    # ------------------------------------------------------------------ steps

    def enrol(self):
        import pyotp
        import zxingcpp
        from PIL import Image

        step = "3 enrol"
        self.open_account(step)
        state = self.text("#second-factor-state") or ""
        check("3 /account: two-step sign-in is Off", state.startswith("Off"), repr(state))
        self.type_into("#totp_password", self.password)
        self.element("#totp-start").click()
        qr = self.wait(step, lambda d: self.shown("#totp-qr") if (self.element("#totp-qr").get_attribute("src") or "")
                       .startswith("data:image/svg+xml") else None, OPAQUE_TIMEOUT, "the QR code")
        must("3 password -> 'Set up an authenticator app' -> the QR code (an SVG data: image) and the key as text",
             qr and self.text("#totp-secret"), self.page_state())
        # The image as the browser draws it, at 600 x 600 px on a canvas (what a phone's camera sees).
        data_url = self.driver.execute_script(
            "const c = document.createElement('canvas'); c.width = c.height = 600;"
            "const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 600, 600);"
            "g.drawImage(arguments[0], 0, 0, 600, 600); return c.toDataURL('image/png');", qr)
        png = b64decode(data_url.split(",", 1)[1])
        os.makedirs(self.artifacts, exist_ok=True)
        with open(os.path.join(self.artifacts, "totp-qr.png"), "wb") as f:
            f.write(png)
        image = Image.open(io.BytesIO(png)).convert("L")
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        must("3 the QR code decodes (zxing-cpp, from a screenshot) to one otpauth://totp/ URI",
             len(decoded) == 1 and decoded[0].startswith("otpauth://totp/"), repr(decoded))
        uri = decoded[0]
        parsed = pyotp.parse_uri(uri)
        shown = (self.text("#totp-secret") or "").replace(" ", "")
        query = query_of(uri)
        check("3 pyotp reads the URI: issuer Flowsta, the username, 6 digits every 30 s, SHA1; its key is the key shown",
              parsed.issuer == "Flowsta" and parsed.name == self.username and parsed.digits == 6 and parsed.interval == 30
              and query.get("algorithm") == "SHA1" and query.get("secret") == shown and len(shown) == 52, uri)
        self.key = shown
        self.totp = pyotp.TOTP(shown)
        self.shoot("totp-setup")

        now = self.totp.now()
        wrong = next(c for c in ("000000", "111111", "222222") if c not in {now, self.totp.at(time.time() - 30),
                                                                              self.totp.at(time.time() + 30)})
        self.type_into("#totp_code", wrong)
        self.element("#totp-confirm").click()
        error = self.wait(step, lambda d: self.text("#totp-confirm-error"), PAGE_TIMEOUT, "#totp-confirm-error")
        check("3 a wrong code is refused (#totp-confirm-error), two-step sign-in stays off", bool(error), self.page_state())
        self.expected_console_errors(step, "/auth/totp/confirm")
        self.type_into("#totp_code", self.totp.now())
        self.element("#totp-confirm").click()
        codes = self.wait(step, lambda d: [li.text for li in d.find_elements("css selector", "#backup-codes-list > li")]
                          if self.shown("#backup-codes") else None, PAGE_TIMEOUT, "the backup codes")
        must("3 pyotp's code turns two-step sign-in on: 10 different backup codes (xxxxx-xxxxx) shown once",
             codes and len(codes) == 10 and len(set(codes)) == 10 and all(BACKUP_CODE.fullmatch(c) for c in codes),
             repr(codes))
        self.backup_codes = list(codes)
        check("3 the section says On", (self.text("#second-factor-state") or "").startswith("On"), self.page_state())
        self.shoot("backup-codes")
        self.open_account(step)
        check("3 reloaded /account: On, 10 backup codes left", self.text("#backup-codes-left") == "10", self.page_state())
        self.console_check("3 enrol")

    def code_step(self, step, password, proof):
        """On the sign-in page: the password, then the code form with `proof` (a callable giving
        (kind, value) with kind "code" or "backup"). Returns where the browser ends up."""
        self.type_into("#username", self.username)
        self.type_into("#password", password)
        started = time.monotonic()
        self.element("#signin-submit").click()
        form = self.wait(step, lambda d: self.shown("#code-form"), OPAQUE_TIMEOUT, "the code form")
        must(f"{step}: the password -> the code form (#code-form) on the sign-in page", form is not None
             and self.element("form#signin-form") is not None, self.page_state())
        self.timings.append((f"{step}: password -> code form", time.monotonic() - started))
        kind, value = proof()
        if kind == "backup":
            self.element("#code-switch").click()
        self.type_into("#code", value)
        self.element("#code-submit").click()
        return self.outcome(step)

    def outcome(self, step):
        def where(d):
            if d.current_url.startswith(self.callback.url + "?"):
                return "callback"
            if self.element("form#consent-form"):
                return "consent"
            if (self.text("#code-error") or "").strip():
                return "code-error"
            if (self.text("#form-error") or "").strip():
                return "error"
            return None

        return self.wait(step, where, OPAQUE_TIMEOUT, "the sign-in's outcome")

    def finish_at_app(self, flow, step):
        """From the consent page (remembered consent: the pass-through page goes on by itself)
        to the callback; returns the verified ID token's claims."""
        if self.element("form#consent-form"):
            self.element("#consent-allow").click()
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT, "the callback")
        must(f"{step}: -> the app's redirect URI", landed, self.page_state())
        self.at_callback(flow, step)
        token = flow["client"].fetch_token(self.meta["token_endpoint"], authorization_response=flow["callback"],
                                           code_verifier=flow["verifier"], state=flow["state"])
        claims = self.verify_id_token(token["id_token"], flow["nonce"], step) or {}
        flow["client"].close()
        return claims

    def step_up(self):
        step = "4 step-up"
        flow = self.new_flow()
        url = flow["url"] + "&" + urllib.parse.urlencode({"acr_values": MFA})
        self.driver.get(url)
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        must("4 signed in by the password alone, the app asks acr_values=urn:flowsta:acr:mfa -> the sign-in page again",
             form and self.driver.get_cookie("flowsta_session") is not None, self.page_state())
        wrong = next(c for c in ("000000", "111111", "222222")
                     if c not in {self.totp.at(time.time() + d) for d in (-30, 0, 30, 60)})
        where = self.code_step(step, self.password, lambda: ("code", wrong))
        left = self.text("#code-error") or ""
        check("4 a wrong code -> #code-error with 4 attempts left, still on the code form",
              where == "code-error" and "4 attempts left" in left and self.shown("#code-form"), f"{where}: {left!r}")
        self.expected_console_errors(step, "/auth/login/second-factor")
        # The enrolment spent this step's code: the app shows the next one (accepted: ±1 step).
        self.type_into("#code", self.totp.at(time.time() + 30))
        self.element("#code-submit").click()
        where = self.outcome(step)
        check("4 pyotp's code -> on to the app (consent or callback)", where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("4 the ID token says amr [pwd, otp, mfa] and acr urn:flowsta:acr:mfa (joserfc, JWKS)",
              claims.get("amr") == ["pwd", "otp", "mfa"] and claims.get("acr") == MFA, repr(claims))
        self.mau("4 MAU")
        self.console_check("4 step-up")

    def backup_code_sign_in(self):
        step = "5 backup code"
        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        used = self.backup_codes.pop(0)
        where = self.code_step(step, self.password, lambda: ("backup", used.upper().replace("-", " ")))
        check("5 'Use a backup code instead' with a backup code (typed in capitals, a space for the hyphen) -> the app",
              where in ("consent", "callback"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("5 the ID token says amr [pwd, otp, mfa]", claims.get("amr") == ["pwd", "otp", "mfa"], repr(claims))
        self.sign_out_here(step)
        self.driver.get(self.new_flow()["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        where = self.code_step(step, self.password, lambda: ("backup", used))
        check("5 the same backup code again -> refused (#code-error)", where == "code-error", self.page_state())
        self.expected_console_errors(step, "/auth/login/second-factor")
        self.type_into("#code", self.backup_codes.pop(0))
        self.element("#code-submit").click()
        check("5 another backup code -> signed in", self.outcome(step) in ("consent", "callback"), self.page_state())
        self.console_check("5 backup code")

    def third_party_client(self):
        step = "6 third-party client"
        code = self.backup_codes.pop(0)
        session, _, body, why = opaque_sign_in_with_body(self.base, self.username, self.password,
                                                         second_factor=lambda: {"backup_code": code})
        must(f"{step}: opaque_snake + a backup code over POST /auth/login/second-factor -> a session",
             session is not None and (body or {}).get("user", {}).get("username") == self.username, why)
        with session:
            r = session.get(self.base + "/auth/second-factors", timeout=TIMEOUT)
            state = json_of(r) or {}
            check(f"{step}: GET /auth/second-factors -> enabled, 7 backup codes left",
                  r.status_code == 200 and (state.get("totp") or {}).get("enabled") is True
                  and state.get("backup_codes_left") == 7, show(r))
        _, _, _, why = opaque_sign_in_with_body(self.base, self.username, self.password)
        check(f"{step}: the password alone (opaque_snake) opens no session", why is not None and "second_factor_required" in why,
              repr(why))

    def turn_off(self):
        step = "7 turn off"
        self.open_account(step)
        self.type_into("#totp_password", self.password)
        self.type_into("#totp_password_code", self.backup_codes.pop(0))
        self.element("#totp-remove").click()
        off = self.wait(step, lambda d: (self.text("#second-factor-state") or "").startswith("Off") or None, OPAQUE_TIMEOUT,
                        "the section to say Off")
        check("7 password and a backup code -> 'Turn off two-step sign-in' -> Off", off, self.page_state())
        self.sign_out_here(step)
        flow = self.new_flow()
        self.driver.get(flow["url"])
        self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        self.element("#signin-submit").click()
        where = self.outcome(step)
        check("7 the password alone signs in again (no code form)", where in ("consent", "callback")
              and not self.shown("#code-form"), self.page_state())
        claims = self.finish_at_app(flow, step)
        check("7 the ID token says amr [pwd], acr urn:flowsta:acr:basic",
              claims.get("amr") == ["pwd"] and claims.get("acr") == "urn:flowsta:acr:basic", repr(claims))
        self.mau("7 MAU")
        self.console_check("7 turn off")


if __name__ == "__main__":
    sys.exit(main())
