#!/usr/bin/env python3
"""Real-browser journey of the device authorization grant (RFC 8628, issue #21): an independent
client library (authlib's OAuth2Session) plays the device, headless Chromium plays the user's
phone or laptop.

 1. Setup through the management API and a user signed up on the hosted pages
    (root_key_journey.Journey.setup and sign_up).
 2. The device: POST /oauth/device_authorization (authlib's session, public client) -> a device
    code, a user code (BCDF-GHJK) and verification URIs; discovery names the endpoint and the
    grant type.
 3. The device polls with authlib's fetch_token (grant_type device_code): authorization_pending;
    again at once: slow_down.
 4. Chromium opens /device and types the code (lower case, a space for the hyphen); the app's
    consent page -> Allow -> "Device connected". A wrong code first: refused, tries left shown.
 5. The device polls after its (grown) interval: the tokens; the ID token verifies with the JWKS
    (joserfc) and names the same pairwise subject as the app's browser sign-in; userinfo works;
    the app's MAU stays 1. Polling again: invalid_grant (the code is spent).
 6. A second device: the user denies in Chromium -> the device's poll: access_denied.
 7. An unknown device code answers invalid_grant. A device code nobody typed in time: a second
    server started with the shortest device code lifetime (--device-code-seconds 15, its own
    data directory) gives authlib authorization_pending, then after 15 s expired_token, and
    expired_token again at once (expiry is answered before slow_down).
 8. Device keys on the account page: a PyNaCl agent asks to add its key; in Chromium the user
    types its code and the password in "Devices" -> "Added"; the agent's poll says approved and it
    signs in by signing the challenge (PyNaCl); the section lists the device as used; "Remove" ->
    the agent's next sign-in is refused.
 9. No request the browser sent carries the password.

Run: Tests/browser/run.sh PATH/TO/flowsta device_journey.py. Ends with "N passed, M failed";
exits 1 if any check failed.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "../../interop"))
from flowsta_checks import CHECKS, base_url, check, json_of, must, run_checks, show  # noqa: E402
from oauth_browser_flow import PAGE_TIMEOUT, REPO, TIMEOUT  # noqa: E402
from root_key_journey import Journey  # noqa: E402

GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def main():
    base = base_url("device_journey.py")
    if not base:
        return 2
    print(f"server: {base}")
    started = time.monotonic()
    run = DeviceJourney(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    return CHECKS.summary()


class DeviceJourney(Journey):
    def __init__(self, base):
        super().__init__(base)
        self.username = f"dv-{self.tag}"
        self.email = f"{self.username}@example.com"
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS") or os.path.join(REPO, ".build", "artifacts", "device"))

    def checks(self):
        self.setup()
        self.api_key_setup()
        self.open_browser()
        self.sign_up()
        check("2 discovery names the device authorization endpoint and the device grant",
              self.meta.get("device_authorization_endpoint") == self.base + "/oauth/device_authorization"
              and GRANT in (self.meta.get("grant_types_supported") or []), repr(self.meta)[:300])
        self.allowed()
        self.denied()
        self.unknown()
        self.expired()
        self.device_key()
        self.secrets_sent("9 privacy: the whole journey", self.passwords, self.codes)
        self.console_check("9 console")

    # ------------------------------------------------------------------ the device (authlib)

    def device(self, lifetime=600):
        from authlib.integrations.requests_client import OAuth2Session

        session = OAuth2Session(client_id=self.client_id, scope="openid email offline_access", token_endpoint_auth_method="none",
                                default_timeout=TIMEOUT)
        session.headers["Accept"] = "application/json"
        r = session.post(self.meta["device_authorization_endpoint"], data={"client_id": self.client_id, "scope": "openid email offline_access"},
                         withhold_token=True)
        body = json_of(r) or {}
        must("2 the device: POST /oauth/device_authorization (authlib's session, public client) -> 200 with the codes",
             r.status_code == 200 and body.get("device_code") and body.get("user_code") and body.get("interval") == 5
             and body.get("verification_uri") == self.base + "/device" and body.get("expires_in") == lifetime, show(r))
        return session, body

    def poll(self, session, codes):
        """authlib's fetch_token with the device grant: ("tokens", token) or ("error", code)."""
        from authlib.integrations.base_client import OAuthError

        try:
            # authlib adds client_id itself (token_endpoint_auth_method "none").
            token = session.fetch_token(self.meta["token_endpoint"], grant_type=GRANT, device_code=codes["device_code"])
            return "tokens", token
        except OAuthError as e:
            return "error", e.error

    # ------------------------------------------------------------------ the user (Chromium)

    def type_code(self, step, code, expect_consent=True):
        self.driver.get(self.base + "/device")
        self.wait(step, lambda d: self.element("#device-form"), PAGE_TIMEOUT, "the device page")
        self.type_into("#user_code", code)
        self.element("#device-submit").click()
        if not expect_consent:
            return self.wait(step, lambda d: self.text("#form-error"), PAGE_TIMEOUT, "the refusal")
        return self.wait(step, lambda d: self.element("form#consent-form"), PAGE_TIMEOUT, "the consent page")

    def allowed(self):
        step = "3 device allowed"
        session, codes = self.device()
        user_code = codes["user_code"]
        check("2 the user code is 8 consonants as BCDF-GHJK",
              len(user_code) == 9 and user_code[4] == "-" and all(c in "BCDFGHJKLMNPQRSTVWXZ" for c in user_code.replace("-", "")), user_code)
        first = self.poll(session, codes)
        check("3 the device polls before the user answered -> authorization_pending", first == ("error", "authorization_pending"), repr(first))
        second = self.poll(session, codes)
        check("3 polling again at once -> slow_down (the interval grows by 5 s)", second == ("error", "slow_down"), repr(second))
        slowed = time.monotonic()

        self.console_check("3 before the wrong code")
        refusal = self.type_code(step, "BBBB-BBBB", expect_consent=False)
        # The refused code's page answers 400, which Chromium logs: expected, not counted.
        self.drain(step)
        self.console_checked = len(self.console)
        check("4 a wrong code on /device -> refused, with the tries left", refusal and "not valid" in refusal and "more tries" in refusal,
              repr(refusal))
        consent = self.type_code(step, user_code.lower().replace("-", " "))
        must("4 the device's code (lower case, a space) on /device -> the app's consent page, posting to /device/decide",
             consent and consent.get_attribute("action").endswith("/device/decide") and self.app_name in (self.text("h1") or ""),
             self.page_state())
        self.shoot("device-consent")
        self.element("#consent-allow").click()
        done = self.wait(step, lambda d: self.text("#device-result"), PAGE_TIMEOUT, "the result page")
        check("4 Allow -> 'Device connected'", done and "signed in on your device" in done, self.page_state())

        time.sleep(max(0.0, 10.5 - (time.monotonic() - slowed)))
        outcome, token = self.poll(session, codes)
        must("5 the device polls after its 10 s interval -> tokens (access, refresh, ID token) with the scope asked",
             outcome == "tokens" and token.get("access_token") and token.get("refresh_token") and token.get("id_token")
             and {"openid", "offline_access"} <= set(str(token.get("scope", "")).split()), repr(token)[:300])
        claims = self.verify_id_token(token["id_token"], None, "5 device ID token") or {}
        check("5 the ID token's subject is the user's pairwise subject for this app (as in the browser sign-in)",
              claims.get("sub") == self.sub, f"{claims.get('sub')} vs {self.sub}")
        r = session.get(self.meta["userinfo_endpoint"])
        check("5 userinfo with the device's access token -> 200, the same sub", r.status_code == 200 and (json_of(r) or {}).get("sub") == self.sub,
              show(r))
        self.mau("5 MAU still 1")
        again = self.poll(session, codes)
        check("5 polling again with the spent device code -> invalid_grant", again == ("error", "invalid_grant"), repr(again))
        session.close()

    def denied(self):
        step = "6 device denied"
        session, codes = self.device()
        self.type_code(step, codes["user_code"])
        self.element("#consent-deny").click()
        done = self.wait(step, lambda d: self.text("#device-result"), PAGE_TIMEOUT, "the result page")
        check("6 Deny -> 'not signed in'", done and "not signed in" in done, self.page_state())
        outcome = self.poll(session, codes)
        check("6 the device's poll -> access_denied", outcome == ("error", "access_denied"), repr(outcome))
        session.close()

    def unknown(self):
        session, _ = self.device()
        outcome = self.poll(session, {"device_code": "not-a-device-code"})
        check("7 an unknown device code -> invalid_grant", outcome == ("error", "invalid_grant"), repr(outcome))
        session.close()

    def expired(self):
        """expired_token from a second server whose device codes live 15 s (the lowest setting)."""
        binary = os.environ.get("FLOWSTA_BIN")
        must("7 FLOWSTA_BIN names the server binary (Tests/browser/run.sh sets it)", binary and os.access(binary, os.X_OK), repr(binary))
        lifetime = 15
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        data = tempfile.mkdtemp(prefix="flowsta-device-expiry.")
        env = dict(os.environ, FLOWSTA_SIGNUP_PROOF_BITS="8")
        env.pop("DATABASE_URL", None)
        log_path = os.path.join(data, "server.log")
        with open(log_path, "wb") as log:
            process = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--issuer", base, "--data-dir", data,
                                        "--log-level", "warning", "--device-code-seconds", str(lifetime)],
                                       cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        other = None
        try:
            import requests
            deadline = time.monotonic() + 90
            healthy = False
            while time.monotonic() < deadline and process.poll() is None and not healthy:
                try:
                    healthy = requests.get(base + "/health", timeout=2).status_code == 200
                except requests.RequestException:
                    time.sleep(0.3)
            must(f"7 a second server with --device-code-seconds {lifetime} starts", healthy, open(log_path).read()[-2000:])
            other = DeviceJourney(base)
            other.setup()
            session, codes = other.device(lifetime)
            first = other.poll(session, codes)
            check("7 short-lived code: polled at once -> authorization_pending", first == ("error", "authorization_pending"), repr(first))
            time.sleep(lifetime + 1)
            outcome = other.poll(session, codes)
            check(f"7 nobody typed the code for {lifetime} s: authlib's poll -> expired_token", outcome == ("error", "expired_token"),
                  repr(outcome))
            # At once: an expired code answers expired_token before any slow_down.
            again = other.poll(session, codes)
            check("7 polling the expired code again -> expired_token still", again == ("error", "expired_token"), repr(again))
            session.close()
        finally:
            if other is not None:
                if other.callback:
                    other.callback.close()
                for s in (other.dev, other.plain):
                    s.close()
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(data, ignore_errors=True)

    # ------------------------------------------------------------------ device keys

    def device_key(self):
        import requests
        from nacl.signing import SigningKey

        from device_key_interop import b64d, b64e, proof

        step = "8 device key"
        agent = requests.Session()
        agent.headers.update({"Content-Type": "application/json", "Accept": "application/json"})
        key = SigningKey.generate()
        r = agent.post(self.base + "/auth/device-keys/enrolments", json={"public_key": b64e(bytes(key.verify_key)), "name": "Build agent"},
                       timeout=TIMEOUT)
        enrolment = json_of(r) or {}
        must("8 a PyNaCl agent asks to add its key -> 201 with a code", r.status_code == 201 and enrolment.get("user_code"), show(r))
        self.open_account(step)
        self.wait(step, lambda d: (self.text("#devices-status") or "").startswith("No device") or None, PAGE_TIMEOUT, "the Devices section")
        self.type_into("#device_code", enrolment["user_code"])
        self.type_into("#device_password", self.password)
        self.element("#device-add").click()
        said = self.wait(step, lambda d: (self.text("#devices-status") or "").startswith("Added") or (self.text("#device-error") or None),
                         PAGE_TIMEOUT * 2, "the device to be added")
        check("8 the code and the password in 'Devices' -> 'Added Build agent'",
              said is True and "Build agent" in (self.text("#devices-status") or ""), self.page_state())
        self.shoot("devices")
        r = agent.post(self.base + f"/auth/device-keys/enrolments/{enrolment['enrolment_id']}/status",
                       json={"poll_secret": enrolment["poll_secret"]}, timeout=TIMEOUT)
        key_id = (json_of(r) or {}).get("device_key_id")
        must("8 the agent's poll -> approved with its device key id", (json_of(r) or {}).get("status") == "approved" and key_id, show(r))

        def sign_in():
            r = agent.post(self.base + "/auth/device-keys/login/start", json={"device_key_id": key_id}, timeout=TIMEOUT)
            body = json_of(r) or {}
            if r.status_code != 200:
                return r
            return agent.post(self.base + "/auth/device-keys/login/finish", timeout=TIMEOUT, json={
                "device_key_id": key_id, "login_id": body["login_id"],
                "signature": proof(key, "flowsta device key sign-in v1", b64d(body["challenge"]))})

        r = sign_in()
        check("8 the agent signs in by signing the challenge (PyNaCl) -> 200 as the user",
              r.status_code == 200 and ((json_of(r) or {}).get("user") or {}).get("username") == self.username, show(r))
        self.open_account(step)
        listed = self.wait(step, lambda d: [li.text for li in d.find_elements("css selector", "#devices-list > li")] or None, PAGE_TIMEOUT,
                           "the devices list")
        check("8 the Devices section lists it, used", listed and "Build agent" in listed[0] and "last used" in listed[0], repr(listed))
        self.element("#devices-list > li button").click()
        gone = self.wait(step, lambda d: (self.text("#devices-status") or "").startswith("Removed") or None, PAGE_TIMEOUT, "the removal")
        check("8 'Remove' -> 'Removed'", gone, self.page_state())
        r = sign_in()
        check("8 the removed device's sign-in -> refused (400 invalid_login)", r.status_code == 400, show(r))
        agent.close()


if __name__ == "__main__":
    sys.exit(main())
