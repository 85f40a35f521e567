#!/usr/bin/env python3
"""Device-key sign-in (issue #21) with a key made outside Swift: PyNaCl (libsodium) makes the
agent's Ed25519 key and signs the server's challenges; opaque_snake signs the user in to approve
the device, as the account page does.

 1. A user (opaque_snake): sign-up and sign-in (a fresh sign-in: approving a device needs one).
 2. The agent: POST /auth/device-keys/enrolments {public_key, name} -> 201 with a user code and a
    poll secret; polling with a wrong secret -> 400 invalid_login; with its own -> pending.
 3. The user: POST /auth/device-keys/approve with a wrong code -> 400 invalid_code; with the agent's
    code (lower case, a space) -> 201 the device (its DID names the agent's key). The agent's poll
    -> approved with the device key id.
 4. The agent signs in: login/start -> a challenge; finish with another key's signature -> 401;
    the spent challenge again -> 400 invalid_login; a signing-key proof's label -> 401; the right
    signature (PyNaCl over "flowsta device key sign-in v1" LF did LF base64url(challenge)) -> 200
    with a session cookie; GET /auth/me with it -> the user.
 5. The user lists the device (last_used_at set) and removes it: the agent's next sign-in is refused.
 6. Cleanup: the account is deleted.

Usage: device_key_interop.py BASE_URL. Ends with "N passed, M failed"; exits 1 on a failure.
"""

import base64
import os
import secrets
import sys

import requests

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../Tests/support"))
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, check, delete_account, json_of, must, opaque_sign_up_and_in, run_checks, show,
)
from signing_key_vectors import did_of  # noqa: E402

from nacl.signing import SigningKey  # noqa: E402

TIMEOUT = 30


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def proof(key, label, challenge):
    did = did_of(bytes(key.verify_key))
    return b64e(key.sign(f"{label}\n{did}\n{b64e(challenge)}".encode()).signature)


class Run:
    def __init__(self, base):
        self.base = base
        self.user = requests.Session()
        self.user.headers.update(JSON_HEADERS)
        self.agent = requests.Session()
        self.agent.headers.update(JSON_HEADERS)
        self.username = "dk_" + secrets.token_hex(4)
        self.password = "device key pw " + secrets.token_hex(4)
        self.created = False

    def post(self, session, path, body):
        return session.post(self.base + path, json=body, timeout=TIMEOUT)

    def checks(self):
        opaque_sign_up_and_in(self.user, self.base, "1 the user (opaque_snake)", self.username, self.password)
        self.created = True
        key = SigningKey.generate()
        public = bytes(key.verify_key)

        r = self.post(self.agent, "/auth/device-keys/enrolments", {"public_key": b64e(public), "name": "PyNaCl agent"})
        enrolment = json_of(r) or {}
        must("2 the agent asks to add its key -> 201 with a user code and a poll secret",
             r.status_code == 201 and len(enrolment.get("user_code", "")) == 9 and enrolment.get("poll_secret")
             and str(enrolment.get("verification_uri", "")).startswith(self.base), show(r))
        status_path = f"/auth/device-keys/enrolments/{enrolment['enrolment_id']}/status"
        r = self.post(self.agent, status_path, {"poll_secret": "guess"})
        check("2 polling with a wrong secret -> 400 invalid_login", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_login", show(r))
        r = self.post(self.agent, status_path, {"poll_secret": enrolment["poll_secret"]})
        check("2 polling with its secret -> pending", (json_of(r) or {}).get("status") == "pending", show(r))
        r = self.post(self.agent, "/auth/device-keys/enrolments", {"public_key": b64e(public[:31]), "name": "short"})
        check("2 a 31-byte key -> 400 invalid_request", r.status_code == 400, show(r))

        r = self.post(self.user, "/auth/device-keys/approve", {"user_code": "BBBB-BBBB"})
        check("3 a wrong code -> 400 invalid_code with attempts_left", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_code"
              and isinstance((json_of(r) or {}).get("attempts_left"), int), show(r))
        typed = enrolment["user_code"].lower().replace("-", " ")
        r = self.post(self.user, "/auth/device-keys/approve", {"user_code": typed})
        device = json_of(r) or {}
        must("3 the agent's code (lower case, a space) -> 201 the device, its DID the agent's key",
             r.status_code == 201 and device.get("name") == "PyNaCl agent" and device.get("did") == did_of(public), show(r))
        r = self.post(self.agent, status_path, {"poll_secret": enrolment["poll_secret"]})
        check("3 the agent's poll -> approved with the device key id",
              (json_of(r) or {}).get("status") == "approved" and (json_of(r) or {}).get("device_key_id") == device["id"], show(r))

        key_id = device["id"]

        def start():
            r = self.post(self.agent, "/auth/device-keys/login/start", {"device_key_id": key_id})
            body = json_of(r) or {}
            must("4 login/start -> 200 a login id and a 32-byte challenge",
                 r.status_code == 200 and body.get("login_id") and len(b64d(body.get("challenge", ""))) == 32, show(r))
            return body["login_id"], b64d(body["challenge"])

        def finish(login_id, signature):
            return self.post(self.agent, "/auth/device-keys/login/finish", {"device_key_id": key_id, "login_id": login_id, "signature": signature})

        login_id, challenge = start()
        r = finish(login_id, proof(SigningKey.generate(), "flowsta device key sign-in v1", challenge))
        check("4 another key's signature -> 401 invalid_credentials", r.status_code == 401, show(r))
        r = finish(login_id, proof(key, "flowsta device key sign-in v1", challenge))
        check("4 the spent challenge again -> 400 invalid_login", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_login", show(r))
        login_id, challenge = start()
        r = finish(login_id, proof(key, "flowsta signing key proof v1", challenge))
        check("4 the signing-key proof's label is not a sign-in -> 401", r.status_code == 401, show(r))
        login_id, challenge = start()
        r = finish(login_id, proof(key, "flowsta device key sign-in v1", challenge))
        check("4 PyNaCl's signature of the challenge -> 200 and a session cookie",
              r.status_code == 200 and any(c.name.endswith("flowsta_session") for c in self.agent.cookies), show(r))
        r = self.agent.get(self.base + "/auth/me", timeout=TIMEOUT)
        check("4 GET /auth/me with the agent's session -> the user", ((json_of(r) or {}).get("user") or {}).get("username") == self.username, show(r))

        r = self.user.get(self.base + "/auth/device-keys", timeout=TIMEOUT)
        listed = (json_of(r) or {}).get("device_keys") or []
        check("5 the user's devices list it, last used", len(listed) == 1 and listed[0].get("last_used_at"), show(r))
        r = self.user.delete(self.base + f"/auth/device-keys/{key_id}", timeout=TIMEOUT)
        check("5 removing it -> 204", r.status_code == 204, show(r))
        r = self.post(self.agent, "/auth/device-keys/login/start", {"device_key_id": key_id})
        check("5 the removed key's sign-in -> 400 invalid_login", r.status_code == 400, show(r))

    def cleanup(self):
        if self.created:
            delete_account(self.base, "6 cleanup: the account is deleted", self.username, self.password)


def main():
    base = base_url("device_key_interop.py")
    if not base:
        return 2
    run_checks(Run(base))
    return CHECKS.summary()


if __name__ == "__main__":
    sys.exit(main())
