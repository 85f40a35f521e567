#!/usr/bin/env python3
"""Interop check: a third-party RFC 9807 OPAQUE client against a running Flowsta Auth server.

The OPAQUE client side is done entirely by a third-party library (default: `opaque-snake`,
Python bindings of the Rust `opaque-ke` crate); this script only moves its RFC 9807 wire
messages over the documented HTTP endpoints (base64url without padding inside JSON).

Usage: python3 opaque_client_interop.py [BASE_URL]      (or env FLOWSTA_URL)
       OPAQUE_CLIENT=opaque-ke-py python3 ...            (alternative binding, cross-check)

Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import base64
import datetime
import json
import os
import secrets
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../Tests/support"))
from flowsta_checks import leading_zero_bits, signup_nonce, signup_proof_digest  # noqa: E402

# --------------------------------------------------------------------------- helpers


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def cookie(self, name):
        for value in self.headers.get_all("Set-Cookie") or []:
            first = value.split(";", 1)[0].strip()
            if first.startswith(name + "="):
                return first[len(name) + 1:]
        return None

    def __repr__(self):
        return f"HTTP {self.status} {self.raw[:300]!r}"


def http(base, method, path, body=None, cookie=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if cookie is not None:
        req.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers, e.read())


# --------------------------------------------------------------------------- client adapters
# Each adapter exposes the four client steps with bytes in / bytes out, so the checks below
# are independent of the binding. All protocol work happens inside the third-party library.


class AuthFailed(Exception):
    """The library refused the server's KE2 (server MAC / envelope did not verify)."""


class OpaqueSnakeClient:
    name = "opaque-snake"

    def __init__(self):
        import opaque_snake

        self.m = opaque_snake
        self.c = opaque_snake.OpaqueClient()

    def reg_start(self, pw):
        req, st = self.c.start_registration(pw)
        return req.to_bytes(), st

    def reg_finish(self, st, pw, response):
        res = self.c.finish_registration(self.m.RegistrationResponse.from_bytes(response), st, pw)
        return res.upload.to_bytes(), bytes(res.export_key)

    def login_start(self, pw):
        req, st = self.c.start_login(pw)
        return req.to_bytes(), st

    def login_finish(self, st, pw, ke2):
        resp = self.m.CredentialResponse.from_bytes(ke2)
        try:
            res = self.c.finish_login(resp, st, pw)
        except self.m.AuthenticationError as e:
            raise AuthFailed(str(e)) from e
        return res.finalization.to_bytes(), bytes(res.session_keys.export_key)


class OpaqueKePyClient:
    name = "opaque-ke-py"

    def __init__(self):
        import opaque_ke_py

        self.m = opaque_ke_py

    def reg_start(self, pw):
        r = self.m.client_registration_start(pw.encode())
        return bytes(r.get_message()), bytes(r.get_state())

    def reg_finish(self, st, pw, response):
        r = self.m.client_registration_finish(pw.encode(), st, response)
        return bytes(r.get_message()), bytes(r.get_export_key())

    def login_start(self, pw):
        r = self.m.client_login_start(pw.encode())
        return bytes(r.get_message()), bytes(r.get_state())

    def login_finish(self, st, pw, ke2):
        try:
            r = self.m.client_login_finish(pw.encode(), st, ke2)
        except ValueError as e:
            raise AuthFailed(str(e)) from e
        return bytes(r.get_message()), bytes(r.get_export_key())


CLIENTS = {"opaque-snake": OpaqueSnakeClient, "opaque-ke-py": OpaqueKePyClient}


def library_version(dist):
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # pragma: no cover
        return "?"


# --------------------------------------------------------------------------- checks

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    sys.stdout.flush()
    return ok


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLOWSTA_URL", "")).rstrip("/")
    if not base:
        print("usage: opaque_client_interop.py BASE_URL   (or set FLOWSTA_URL)", file=sys.stderr)
        return 2
    choice = os.environ.get("OPAQUE_CLIENT", "opaque-snake")
    client = CLIENTS[choice]()
    print(f"server: {base}")
    print(f"client: {client.name} {library_version(client.name)} (third-party RFC 9807 OPAQUE, opaque-ke)")

    username = "py" + secrets.token_hex(6)  # 14 chars, [a-z0-9], starts with a letter
    password = "correct horse " + secrets.token_hex(8)
    wrong_password = password + "!"
    print(f"username: {username}")

    try:
        run_checks(base, client, username, password, wrong_password)
    except Exception as e:  # an unexpected crash counts as a failure, never a silent pass
        check("no unexpected exception", False, f"{type(e).__name__}: {e}")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def run_checks(base, client, username, password, wrong_password):
    # ---- registration
    reg_req, reg_state = client.reg_start(password)
    r = http(base, "POST", "/auth/opaque/register/start",
             {"username": username, "registration_request": b64e(reg_req)})
    if not check("register/start -> 200 with a 64-byte registration_response",
                 r.status == 200 and r.json and len(b64d(r.json.get("registration_response", ""))) == 64,
                 repr(r)):
        return
    record, export_key_reg = client.reg_finish(reg_state, password, b64d(r.json["registration_response"]))

    # ---- the sign-up proof of work: register/finish needs a solved challenge for this username
    r = http(base, "GET", "/auth/signup-challenge")
    body = r.json if isinstance(r.json, dict) else {}
    challenge, difficulty = body.get("challenge"), body.get("difficulty")
    try:
        expires = datetime.datetime.fromisoformat(str(body.get("expires_at")).replace("Z", "+00:00"))
        future = expires > datetime.datetime.now(datetime.timezone.utc)
    except ValueError:
        future = False
    if not check("GET /auth/signup-challenge -> 200 {challenge, difficulty >= 1, expires_at in the future}",
                 r.status == 200 and isinstance(challenge, str) and challenge and type(difficulty) is int
                 and 1 <= difficulty <= 32 and future, repr(r)):
        return
    print(f"sign-up difficulty: {difficulty} bits")
    finish = {"username": username, "registration_record": b64e(record)}

    r = http(base, "POST", "/auth/opaque/register/finish", finish)
    check("register/finish without signup_proof -> 400 signup_proof_required",
          r.status == 400 and (r.json or {}).get("error") == "signup_proof_required", repr(r))

    # A real solution, but for another username (and, checked here, not one for ours).
    other = "px" + secrets.token_hex(6)
    other_nonce = signup_nonce(challenge, other, difficulty)
    while leading_zero_bits(signup_proof_digest(challenge, username, other_nonce)) >= difficulty:
        other = "px" + secrets.token_hex(6)
        other_nonce = signup_nonce(challenge, other, difficulty)
    r = http(base, "POST", "/auth/opaque/register/finish",
             {**finish, "signup_proof": {"challenge": challenge, "nonce": other_nonce}})
    check("register/finish with a proof solved for another username -> 400 invalid_signup_proof",
          r.status == 400 and (r.json or {}).get("error") == "invalid_signup_proof", repr(r))

    nonce = signup_nonce(challenge, username, difficulty)
    r = http(base, "POST", "/auth/opaque/register/finish",
             {**finish, "signup_proof": {"challenge": challenge, "nonce": nonce}})
    user = (r.json or {}).get("user") or {}
    if not check("register/finish with the solved signup_proof -> 201 {user} for the same username "
                 "(192-byte record accepted)",
                 r.status == 201 and user.get("id") and str(user.get("username", "")).lower() == username,
                 repr(r)):
        return
    user_id = user["id"]

    # ---- login with the right password
    ke1, login_state = client.login_start(password)
    r = http(base, "POST", "/auth/opaque/login/start", {"username": username, "ke1": b64e(ke1)})
    if not check("login/start -> 200 {login_id, 320-byte ke2}",
                 r.status == 200 and r.json and r.json.get("login_id")
                 and len(b64d(r.json.get("ke2", ""))) == 320,
                 repr(r)):
        return
    login_id = r.json["login_id"]
    try:
        ke3, export_key_login = client.login_finish(login_state, password, b64d(r.json["ke2"]))
        check("client library accepts the server's KE2 (envelope recovered, server MAC verified)", True)
    except AuthFailed as e:
        check("client library accepts the server's KE2 (envelope recovered, server MAC verified)", False,
              f"library refused KE2: {e}")
        return

    r = http(base, "POST", "/auth/opaque/login/finish", {"login_id": login_id, "ke3": b64e(ke3)})
    cookie = r.cookie("flowsta_session")
    login_user = (r.json or {}).get("user") or {}
    check("login/finish -> 200 {user} with the registered user id",
          r.status == 200 and login_user.get("id") == user_id, repr(r))
    check("login/finish sets a flowsta_session cookie", bool(cookie),
          f"Set-Cookie: {r.headers.get_all('Set-Cookie')}")

    if cookie:
        r = http(base, "GET", "/auth/me", cookie=f"flowsta_session={cookie}")
        check("GET /auth/me with the cookie -> 200 and the same user id",
              r.status == 200 and ((r.json or {}).get("user") or {}).get("id") == user_id, repr(r))

    check("export_key from login equals export_key from registration (64 bytes)",
          len(export_key_reg) == 64 and export_key_login == export_key_reg,
          f"reg={export_key_reg.hex()[:16]}.. login={export_key_login.hex()[:16]}..")

    r = http(base, "POST", "/auth/opaque/login/finish", {"login_id": login_id, "ke3": b64e(ke3)})
    check("replaying the accepted KE3 under the same login_id -> 400 invalid_login",
          r.status == 400 and (r.json or {}).get("error") == "invalid_login", repr(r))

    # ---- login with a wrong password
    ke1, login_state = client.login_start(wrong_password)
    r = http(base, "POST", "/auth/opaque/login/start", {"username": username, "ke1": b64e(ke1)})
    if check("login/start with a wrong password -> 200 {login_id, 320-byte ke2}",
             r.status == 200 and r.json and len(b64d(r.json.get("ke2", ""))) == 320, repr(r)):
        login_id = r.json["login_id"]
        try:
            ke3, _ = client.login_finish(login_state, wrong_password, b64d(r.json["ke2"]))
            check("client library rejects KE2 for a wrong password", False, "library accepted it")
        except AuthFailed:
            check("client library rejects KE2 for a wrong password", True)
            ke3 = secrets.token_bytes(64)  # send a KE3 anyway to see the server's answer
        r = http(base, "POST", "/auth/opaque/login/finish", {"login_id": login_id, "ke3": b64e(ke3)})
        check("login/finish after a wrong password -> 401 invalid_credentials, no session cookie",
              r.status == 401 and (r.json or {}).get("error") == "invalid_credentials"
              and not r.cookie("flowsta_session"), repr(r))

    # ---- right password, but a KE3 with one flipped bit: the server must check the client MAC
    ke1, login_state = client.login_start(password)
    r = http(base, "POST", "/auth/opaque/login/start", {"username": username, "ke1": b64e(ke1)})
    if r.status == 200 and r.json:
        ke3, _ = client.login_finish(login_state, password, b64d(r.json["ke2"]))
        bad = bytearray(ke3)
        bad[0] ^= 0x01
        r = http(base, "POST", "/auth/opaque/login/finish",
                 {"login_id": r.json["login_id"], "ke3": b64e(bytes(bad))})
        check("login/finish with a tampered KE3 (right password) -> 401 invalid_credentials",
              r.status == 401 and (r.json or {}).get("error") == "invalid_credentials", repr(r))
    else:
        check("login/finish with a tampered KE3 (right password) -> 401 invalid_credentials", False,
              f"login/start: {r!r}")

    # ---- unknown user: the server answers with a fake KE2 of the same shape
    ke1, login_state = client.login_start(password)
    r = http(base, "POST", "/auth/opaque/login/start",
             {"username": "nx" + secrets.token_hex(6), "ke1": b64e(ke1)})
    ok = r.status == 200 and r.json and len(b64d(r.json.get("ke2", ""))) == 320
    if ok:
        try:
            client.login_finish(login_state, password, b64d(r.json["ke2"]))
            ok = False
        except AuthFailed:
            pass
    check("unknown user: login/start -> 200 with a 320-byte fake ke2 that the client rejects", ok, repr(r))


if __name__ == "__main__":
    sys.exit(main())
