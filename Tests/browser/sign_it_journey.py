#!/usr/bin/env python3
"""Real-browser journey of Sign It (issue #21), in headless Chromium (selenium):

 1. Setup through the management API (root_key_journey.Journey.setup): a developer, an
    organization, a public app allowing `sign` whose redirect URI this script serves.
 2. Sign-up on the hosted pages (root_key_journey.Journey.sign_up): the page derives the user's
    signing key from the new root key and registers it with its proof: GET /auth/signing-keys
    (the browser's cookie) lists one current key whose DID is the account's.
 3. The app asks for `openid email sign` (authlib, PKCE): the consent page names signing; the
    app gets a token with `sign`.
 4. The app asks for a batch of 3 file hashes (mixed fields, a redirect URI and a state):
    201 with approval_url. The browser opens it: the page names the app and shows the 3
    fingerprints; "Approve and sign" -> the app's redirect URI with sign_request, status
    approved and the state.
 5. The app polls the request: approved, 3 signatures. Each verifies with PyNaCl against the key
    the DID names (base58 decoded here), over the statement rebuilt here from the public fields
    (Tests/support/sign_it_vectors.py's encoding). GET /api/v1/sign-it/verify (no credential)
    lists each one and it verifies too.
 6. /account lists the 3 signatures; "Revoke" with a reason -> verification shows revoked with
    the reason (and still verifies: a revoked signature was made).
 7. A second request -> "Deny" -> the redirect says denied; the app's poll says denied.
 8. No request the browser sent carries the password; the browser console has no SEVERE entry.

Run: Tests/browser/run.sh PATH/TO/flowsta sign_it_journey.py. Ends with "N passed, M failed";
exits 1 if any check failed.
"""

import base64
import hashlib
import os
import secrets
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import CHECKS, base_url, check, json_of, must, query_of, run_checks, show  # noqa: E402
from oauth_browser_flow import PAGE_TIMEOUT, REPO, TIMEOUT  # noqa: E402
import oauth_browser_flow  # noqa: E402
from root_key_journey import Journey  # noqa: E402
from sign_it_vectors import statement  # noqa: E402
from signing_key_vectors import ALPHABET  # noqa: E402

SIGN_SCOPE = "openid email sign"


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_of_did(did):
    """The Ed25519 public key a did:key names (base58btc after 'did:key:z', then 0xed 0x01)."""
    n = 0
    for c in did[len("did:key:z"):]:
        n = n * 58 + ALPHABET.index(c)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    if raw[:2] != b"\xed\x01" or len(raw) != 34:
        raise ValueError("not an Ed25519 did:key")
    return raw[2:]


def verifies(signature):
    """PyNaCl: the published signature over the statement rebuilt from its public fields, under the
    key its DID names (and the listed public key is that key)."""
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    try:
        key = key_of_did(signature["signer_did"])
        case = {k: signature[k] for k in ("file_hash", "intent", "ai_generation", "content_rights", "signed_at")}
        VerifyKey(key).verify(statement(signature["signer_did"], case), b64d(signature["signature"]))
        return b64d(signature["public_key"]) == key
    except (BadSignatureError, ValueError, KeyError):
        return False


def main():
    base = base_url("sign_it_journey.py")
    if not base:
        return 2
    print(f"server: {base}")
    oauth_browser_flow.APP_SCOPES = ["openid", "profile", "email", "offline_access", "sign"]
    started = time.monotonic()
    run = SignItJourney(base)
    run_checks(run)
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    return CHECKS.summary()


class SignItJourney(Journey):
    def __init__(self, base):
        super().__init__(base)
        self.username = f"si-{self.tag}"
        self.email = f"{self.username}@example.com"
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS") or os.path.join(REPO, ".build", "artifacts", "sign-it"))
        self.token = None
        self.did = None

    def checks(self):
        self.setup()
        self.api_key_setup()
        self.open_browser()
        self.sign_up()
        self.signing_key()
        self.sign_token()
        self.batch()
        self.revoke()
        self.deny()
        self.secrets_sent("8 privacy: the whole journey", self.passwords, self.codes)
        self.console_check("8 console")

    # ------------------------------------------------------------------ helpers

    def app_api(self, method, path, body=None, token=None):
        import requests

        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        return requests.request(method, self.base + path, json=body, headers=headers, timeout=TIMEOUT)

    def new_sign_request(self, step, files, state):
        r = self.app_api("POST", "/api/v1/sign-it/requests", {
            "files": files, "shared_metadata": {"intent": "authorship", "ai_generation": "none"},
            "redirect_uri": self.callback.url, "state": state,
        }, self.token)
        body = json_of(r) or {}
        must(f"{step}: the app asks for {len(files)} signature(s) (POST /api/v1/sign-it/requests, bearer) -> 201 pending with approval_url",
             r.status_code == 201 and body.get("status") == "pending" and str(body.get("approval_url", "")).startswith(self.base + "/sign-it/"),
             show(r))
        return body

    def open_approval(self, step, request):
        self.driver.get(request["approval_url"])
        shown = self.wait(step, lambda d: self.element("#sign-request") if self.shown("#sign-request") else None, PAGE_TIMEOUT,
                          "the approval page")
        must(f"{step}: the approval page shows the request", shown, self.page_state())

    def shown(self, css):
        e = self.element(css)
        return e is not None and e.is_displayed()

    # ------------------------------------------------------------------ steps

    def signing_key(self):
        with self.browser_session() as session:
            keys = session.get(self.base + "/auth/signing-keys", timeout=TIMEOUT)
            me = session.get(self.base + "/auth/me", timeout=TIMEOUT)
        listed = (json_of(keys) or {}).get("signing_keys") or []
        self.did = ((json_of(me) or {}).get("user") or {}).get("did")
        must("2 sign-up registered the root key's signing key: one current key, its DID the account's",
             keys.status_code == 200 and len(listed) == 1 and listed[0].get("revoked_at") is None and self.did
             and listed[0].get("did") == self.did and self.did.startswith("did:key:z6Mk"), show(keys) + " " + show(me))
        check("2 the DID names an Ed25519 key equal to the listed public key",
              key_of_did(self.did) == b64d(listed[0]["public_key"]), repr(listed[0]))

    def sign_token(self):
        step = "3 sign scope"
        flow = self.new_flow()
        flow["client"].scope = SIGN_SCOPE
        url, state = flow["client"].create_authorization_url(self.meta["authorization_endpoint"], code_verifier=flow["verifier"],
                                                             nonce=flow["nonce"])
        flow["url"], flow["state"] = url, state
        self.driver.get(url)
        form = self.wait(step, lambda d: self.element("form#consent-form"), PAGE_TIMEOUT, "the consent page")
        must("3 the app asks for 'sign' -> the consent page again (a new scope)", form, self.page_state())
        check("3 the consent page names signing files", "sign files" in (form.text or "").lower(), form.text[:400])
        self.element("#consent-allow").click()
        self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT, "the callback")
        self.at_callback(flow, "3 callback")
        token = flow["client"].fetch_token(self.meta["token_endpoint"], authorization_response=flow["callback"],
                                           code_verifier=flow["verifier"], state=flow["state"])
        must("3 authlib fetch_token -> an access token whose scope has sign",
             token.get("access_token") and "sign" in str(token.get("scope", "")).split(), repr(dict(token))[:300])
        self.token = token["access_token"]

    def batch(self):
        step = "4 batch"
        contents = [secrets.token_bytes(64) for _ in range(3)]
        self.hashes = [hashlib.sha256(c).hexdigest() for c in contents]
        files = [
            {"file_hash": self.hashes[0]},
            {"file_hash": self.hashes[1], "intent": "approval", "ai_generation": "assisted",
             "content_rights": {"license": "cc-by-4.0", "ai_training": "not_allowed", "contact_preference": "allow_contact_requests"}},
            {"file_hash": self.hashes[2], "intent": "witness", "content_rights": {"commercial_licensing": "open_to_licensing"}},
        ]
        state = "batch-" + secrets.token_hex(4)
        request = self.new_sign_request(step, files, state)
        self.open_approval(step, request)
        page = self.element("#sign-request").text
        check("4 the page names the app and shows the 3 fingerprints",
              self.app_name in page and all(h in page for h in self.hashes), page[:600])
        self.shoot("sign-it-approval")
        started = time.monotonic()
        self.element("#sign-approve").click()
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT, "the app's redirect URI")
        self.timings.append(("4 Approve and sign (3 statements signed in the page) -> redirect", time.monotonic() - started))
        q = query_of(self.driver.current_url) if landed else {}
        must("4 'Approve and sign' -> the app's redirect URI with sign_request, status approved and the state",
             landed and q.get("sign_request") == request["request_id"] and q.get("status") == "approved" and q.get("state") == state,
             self.page_state())

        r = self.app_api("GET", f"/api/v1/sign-it/requests/{request['request_id']}", token=self.token)
        polled = json_of(r) or {}
        results = polled.get("results") or []
        must("5 the app's poll -> approved, 3 signed, one result per file in order",
             r.status_code == 200 and polled.get("status") == "approved" and polled.get("signed") == 3
             and [x.get("file_hash") for x in results] == self.hashes, show(r))
        signatures = [x.get("signature") or {} for x in results]
        check("5 every signature is the account's DID's and verifies with PyNaCl over the statement rebuilt here",
              all(s.get("signer_did") == self.did and verifies(s) for s in signatures), repr(signatures)[:800])
        check("5 the fields signed are the ones asked for (shared and per file)",
              [s.get("intent") for s in signatures] == ["authorship", "approval", "witness"]
              and signatures[1].get("content_rights", {}).get("license") == "cc-by-4.0"
              and signatures[2].get("ai_generation") == "none", repr(signatures)[:800])
        tampered = dict(signatures[1], intent="authorship")
        check("5 a changed field does not verify (the check can fail)", not verifies(tampered), "")
        for digest in self.hashes:
            r = self.app_api("GET", "/api/v1/sign-it/verify?hash=" + digest)
            listed = (json_of(r) or {}).get("signatures") or []
            check(f"5 GET /api/v1/sign-it/verify?hash={digest[:12]}… (no credential) -> 1 signature that verifies",
                  r.status_code == 200 and (json_of(r) or {}).get("count") == 1 and len(listed) == 1 and verifies(listed[0])
                  and listed[0].get("revoked") is False, show(r))
        self.console_check("4 batch")

    def revoke(self):
        step = "6 revoke"
        self.open_account(step)
        self.wait(step, lambda d: len(d.find_elements("css selector", "#signatures-list > li")) == 3 or None, PAGE_TIMEOUT,
                  "the signatures list")
        items = self.driver.find_elements("css selector", "#signatures-list > li")
        must("6 /account lists the 3 signatures", len(items) == 3, self.page_state())
        target = [li for li in items if self.hashes[1] in li.text]
        must("6 the approval's signature is listed with a Revoke button", target and target[0].find_elements("css selector", "button"),
             self.page_state())
        target[0].find_element("css selector", "button").click()
        alert = self.driver.switch_to.alert
        alert.send_keys("figures were wrong")
        alert.accept()
        said = self.wait(step, lambda d: (self.text("#signatures-status") or "") == "Revoked." or None, PAGE_TIMEOUT, "Revoked.")
        check("6 Revoke with a reason -> 'Revoked.'", said, self.page_state())
        self.shoot("account-signatures")
        r = self.app_api("GET", "/api/v1/sign-it/verify?hash=" + self.hashes[1])
        listed = (json_of(r) or {}).get("signatures") or [{}]
        check("6 verification shows it revoked, with the reason, and the signature still verifies",
              listed[0].get("revoked") is True and listed[0].get("revocation_reason") == "figures were wrong"
              and listed[0].get("revoked_at") and verifies(listed[0]), show(r))

    def deny(self):
        step = "7 deny"
        request = self.new_sign_request(step, [{"file_hash": hashlib.sha256(secrets.token_bytes(16)).hexdigest()}], "deny-me")
        self.open_approval(step, request)
        self.element("#sign-deny").click()
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT, "the app's redirect URI")
        q = query_of(self.driver.current_url) if landed else {}
        check("7 'Deny' -> the app's redirect URI with status denied and the state",
              landed and q.get("status") == "denied" and q.get("state") == "deny-me", self.page_state())
        r = self.app_api("GET", f"/api/v1/sign-it/requests/{request['request_id']}", token=self.token)
        check("7 the app's poll says denied, with no signature", (json_of(r) or {}).get("status") == "denied"
              and (json_of(r) or {}).get("results") == [], show(r))


if __name__ == "__main__":
    sys.exit(main())
