"""Shared by the Python peer checks (interop/ and Tests/browser/): named PASS/FAIL checks, short
response descriptions, base64url, the sign-up proof of work, and signing a user up, in and (for
the cleanup) out of existence with the third-party OPAQUE client opaque_snake over the documented
JSON endpoints."""
import base64
import hashlib
import os
import sys
import traceback
import urllib.parse

TIMEOUT = 30

# A state change that a session cookie authenticates (no Authorization header) must be sent as
# application/json even without a body (CSRF defence; 403 cross_site_request otherwise), e.g.
# DELETE /auth/me, DELETE /api/v1/orgs/{org}/apps/{app}, POST .../apps/{app}/secret. requests'
# `json=` sends it; bodiless calls pass `headers=JSON_HEADERS`. (Never a session-wide header:
# it would relabel the HTML forms' form-encoded bodies.)
JSON_HEADERS = {"Content-Type": "application/json"}

# The sign-up proof of work (GET /auth/signup-challenge, register/finish's "signup_proof").
SIGNUP_PROOF_LABEL = "flowsta-signup-v1"


class Checks:
    """Counts named checks and prints one line per check."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()
        return bool(ok)

    def must(self, name, ok, detail=""):
        """A check later steps depend on: stops the flow when it fails."""
        if not self.check(name, ok, detail):
            raise Stop(name)

    def summary(self):
        """Prints "N passed, M failed"; returns the exit status."""
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


class Stop(Exception):
    """A step the rest of the flow depends on failed (already reported)."""


CHECKS = Checks()
check = CHECKS.check
must = CHECKS.must


def base_url(script):
    """The server's base URL from the first argument or FLOWSTA_URL; prints the usage when absent."""
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLOWSTA_URL", "")).rstrip("/")
    if not base:
        print(f"usage: {script} BASE_URL   (or set FLOWSTA_URL)", file=sys.stderr)
    return base


def run_checks(run):
    """Runs `run.checks()`, then `run.cleanup()` whatever happened: a failed must() stops the
    flow, an unexpected exception counts as a failed check (never a silent pass), and so does a
    failing cleanup."""
    try:
        run.checks()
    except Stop as e:
        print(f"(stopped after the failed check: {e})")
    except Exception as e:
        traceback.print_exc()
        check("no unexpected exception", False, f"{type(e).__name__}: {e}")
    finally:
        try:
            run.cleanup()
        except Exception as e:
            check("cleanup without exception", False, f"{type(e).__name__}: {e}")


def show(r):
    """A short description of a requests.Response for failure messages."""
    if r is None:
        return "no response"
    body = r.text if len(r.text) <= 400 else r.text[:400] + "..."
    keep = ("Location", "Content-Type", "Cache-Control", "WWW-Authenticate", "Set-Cookie")
    headers = {k: v for k, v in r.headers.items() if k in keep}
    return f"{r.request.method} {r.request.path_url} -> HTTP {r.status_code} {headers} {body!r}"


def json_of(r):
    try:
        return r.json()
    except ValueError:
        return None


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def query_of(url):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlparse(url).query, keep_blank_values=True))


def signup_proof_digest(challenge, username, nonce):
    """SHA-256 of utf8("flowsta-signup-v1:" challenge ":" lowercase(username) ":" nonce)."""
    return hashlib.sha256(f"{SIGNUP_PROOF_LABEL}:{challenge}:{username.lower()}:{nonce}".encode("utf-8")).digest()


def leading_zero_bits(digest):
    """Leading zero bits of `digest`, the most significant bit of byte 0 first."""
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def signup_nonce(challenge, username, difficulty):
    """The smallest decimal nonce ("0", "1", ...) whose proof digest for `username` starts with
    at least `difficulty` zero bits (about 2^difficulty hashes: ~1 s for 20 bits). The constant
    prefix is hashed once; each attempt copies that state and adds only the nonce."""
    base = hashlib.sha256(f"{SIGNUP_PROOF_LABEL}:{challenge}:{username.lower()}:".encode("utf-8"))
    limit = 1 << (256 - difficulty)  # digest < limit <=> at least `difficulty` leading zero bits
    copy, n = base.copy, 0
    while True:
        h = copy()
        h.update(str(n).encode("ascii"))
        if int.from_bytes(h.digest(), "big") < limit:
            return str(n)
        n += 1


def signup_challenge(session, base):
    """GET /auth/signup-challenge: (the response, its JSON when it has the documented shape
    {challenge: str, difficulty: int, expires_at: str}, else None)."""
    r = session.get(base + "/auth/signup-challenge", timeout=TIMEOUT)
    body = json_of(r)
    ok = (r.status_code == 200 and isinstance(body, dict) and isinstance(body.get("challenge"), str)
          and body["challenge"] and isinstance(body.get("difficulty"), int) and not isinstance(body["difficulty"], bool)
          and 0 <= body["difficulty"] <= 32 and isinstance(body.get("expires_at"), str))
    return r, (body if ok else None)


def solve_signup_proof(session, base, username):
    """Fetches a sign-up challenge and solves it for `username`: the "signup_proof" object of
    POST /auth/opaque/register/finish, {"challenge": ..., "nonce": ...}. Stops the flow (a
    failed must) when the challenge endpoint does not answer as documented."""
    r, body = signup_challenge(session, base)
    if body is None:
        must(f"sign-up proof for {username}: GET /auth/signup-challenge -> 200 {{challenge, difficulty, expires_at}}",
             False, show(r))
    return {"challenge": body["challenge"], "nonce": signup_nonce(body["challenge"], username, body["difficulty"])}


def opaque_sign_in(base, username, password, session=None):
    """Signs `username` in with opaque_snake (login/start, login/finish) in `session` (a new
    requests session when None): (session with the flowsta_session cookie, OPAQUE export key,
    None), or (None, None, why) when a step fails (a new session is closed then)."""
    session, export_key, _, why = opaque_sign_in_with_body(base, username, password, session)
    return session, export_key, why


def opaque_sign_in_with_body(base, username, password, session=None, second_factor=None):
    """opaque_sign_in that also returns login/finish's JSON body (the account's `user` and the
    key `envelopes` this sign-in can open, docs/keys.md): (session, export key, body, None), or
    (None, None, None, why). For an account with a second factor, login/finish answers a login
    token: `second_factor()` then gives `{"code": ...}` or `{"backup_code": ...}` for
    POST /auth/login/second-factor (without it the sign-in fails with second_factor_required)."""
    import opaque_snake
    import requests

    own = session is None
    if own:
        session = requests.Session()
        session.headers["Accept"] = "application/json"

    def failed(why):
        if own:
            session.close()
        return None, None, None, why

    client = opaque_snake.OpaqueClient()
    ke1, state = client.start_login(password)
    r = session.post(base + "/auth/opaque/login/start", json={"username": username, "ke1": b64e(ke1.to_bytes())},
                     timeout=TIMEOUT)
    if r.status_code != 200 or "ke2" not in (json_of(r) or {}):
        return failed("login/start: " + show(r))
    try:
        finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
    except Exception as e:
        return failed(f"opaque_snake refused KE2: {type(e).__name__}: {e}")
    r = session.post(base + "/auth/opaque/login/finish",
                     json={"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())},
                     timeout=TIMEOUT)
    challenge = json_of(r) or {}
    if r.status_code == 200 and challenge.get("second_factor_required") is True and second_factor is not None:
        r = session.post(base + "/auth/login/second-factor",
                         json={"login_token": challenge.get("login_token"), **second_factor()}, timeout=TIMEOUT)
    if r.status_code != 200 or not session.cookies.get("flowsta_session"):
        return failed("login/finish: " + show(r))
    return session, bytes(finished.session_keys.export_key), json_of(r) or {}, None


def delete_account(base, label, username, password):
    """The cleanup's account deletion: DELETE /auth/me needs a sign-in within the last 5 minutes
    (else 403 reauthentication_required), so `username` signs in again with opaque_snake in a
    new session first, then deletes the account as JSON (the session cookie's CSRF rule). One
    check named `label` (expects 204); returns whether it passed."""
    session, _, why = opaque_sign_in(base, username, password)
    if session is None:
        return check(label, False, f"signing in again first failed: {why}")
    with session:
        r = session.delete(base + "/auth/me", headers=JSON_HEADERS, timeout=TIMEOUT)
        return check(label, r.status_code == 204, show(r))


def opaque_sign_up_and_in(session, base, label, username, password, email=None):
    """Registers `username` (with a solved sign-up proof of work) and signs in with
    opaque_snake; the session keeps the cookie."""
    import opaque_snake

    client = opaque_snake.OpaqueClient()
    req, state = client.start_registration(password)
    r = session.post(base + "/auth/opaque/register/start",
                     json={"username": username, "registration_request": b64e(req.to_bytes())}, timeout=TIMEOUT)
    must(f"{label} {username}: register/start -> 200", r.status_code == 200 and "registration_response" in (json_of(r) or {}), show(r))
    result = client.finish_registration(
        opaque_snake.RegistrationResponse.from_bytes(b64d(r.json()["registration_response"])), state, password)
    body = {"username": username, "registration_record": b64e(result.upload.to_bytes()),
            "signup_proof": solve_signup_proof(session, base, username)}
    if email:
        body["email"] = email
    r = session.post(base + "/auth/opaque/register/finish", json=body, timeout=TIMEOUT)
    user = (json_of(r) or {}).get("user") or {}
    must(f"{label} {username}: register/finish -> 201 {{user}}" + (" with the e-mail" if email else ""),
         r.status_code == 201 and user.get("id") and user.get("email") == email, show(r))

    ke1, state = client.start_login(password)
    r = session.post(base + "/auth/opaque/login/start",
                     json={"username": username, "ke1": b64e(ke1.to_bytes())}, timeout=TIMEOUT)
    must(f"{label} {username}: login/start -> 200", r.status_code == 200 and "ke2" in (json_of(r) or {}), show(r))
    login_id = r.json()["login_id"]
    finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
    r = session.post(base + "/auth/opaque/login/finish",
                     json={"login_id": login_id, "ke3": b64e(finished.finalization.to_bytes())}, timeout=TIMEOUT)
    must(f"{label} {username}: login/finish (opaque-snake KE3) -> 200 and a flowsta_session cookie",
         r.status_code == 200 and ((json_of(r) or {}).get("user") or {}).get("id") == user["id"]
         and session.cookies.get("flowsta_session"), show(r))
    return user
