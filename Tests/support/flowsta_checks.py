"""Shared by the Python peer checks (interop/ and Tests/browser/): named PASS/FAIL checks, short
response descriptions, base64url, and signing a user up and in with the third-party OPAQUE
client opaque_snake over the documented JSON endpoints."""
import base64
import os
import sys
import traceback
import urllib.parse

TIMEOUT = 30


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


def opaque_sign_up_and_in(session, base, label, username, password, email=None):
    """Registers `username` and signs in with opaque_snake; the session keeps the cookie."""
    import opaque_snake

    client = opaque_snake.OpaqueClient()
    req, state = client.start_registration(password)
    r = session.post(base + "/auth/opaque/register/start",
                     json={"username": username, "registration_request": b64e(req.to_bytes())}, timeout=TIMEOUT)
    must(f"{label} {username}: register/start -> 200", r.status_code == 200 and "registration_response" in (json_of(r) or {}), show(r))
    result = client.finish_registration(
        opaque_snake.RegistrationResponse.from_bytes(b64d(r.json()["registration_response"])), state, password)
    body = {"username": username, "registration_record": b64e(result.upload.to_bytes())}
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
