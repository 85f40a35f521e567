"""Prepares an OAuth benchmark against a running server: a developer with an app, a user who has
consented, a confidential service app (client_credentials), then (on demand) many authorization codes, many refresh tokens and one access token,
written one per line for wrk's Lua scripts.

Each code goes through the hosted pages as a browser's does: GET /oauth/authorize answers a
signed-in user who already consented with the pass-through page (the first time with the consent
page), whose form's hidden fields are posted back to POST /oauth/consent, which redirects to the
app with the code. Sign-up solves the server's proof of work (GET /auth/signup-challenge). Any
answer that is not the expected one stops the setup with a non-zero exit and the response.

Usage: setup.py URL OUTDIR [--codes N] [--refresh N] [--state OUTDIR/state.json] [--id-token-alg RS256]
(run with the interpreter from scripts/test-venv: requests and opaque_snake)
"""
import argparse
import base64
import concurrent.futures
import hashlib
import html.parser
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse

import opaque_snake
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Tests/support"))
from flowsta_checks import signup_nonce  # noqa: E402  (the proof of work the tests also use)

REDIRECT = "https://bench.example/cb"
VERIFIER = "bench-verifier-" + "x" * 40
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
TIMEOUT = 30


class SetupError(Exception):
    """A request did not answer as expected (the message says which and how)."""


def describe(r):
    body = r.text if len(r.text) <= 300 else r.text[:300] + "..."
    return f"{r.request.method} {r.request.path_url} -> HTTP {r.status_code} Location={r.headers.get('Location')!r} {body!r}"


def expect(r, status, what, key=None):
    """Raises SetupError unless `r` has HTTP `status` (and the JSON member `key`); returns its JSON or None."""
    body = None
    if r.headers.get("Content-Type", "").startswith("application/json"):
        try:
            body = r.json()
        except ValueError:
            pass
    if r.status_code != status or (key is not None and not (isinstance(body, dict) and body.get(key))):
        wanted = f"HTTP {status}" + (f" with {key!r}" if key else "")
        raise SetupError(f"{what}: expected {wanted}, got {describe(r)}")
    return body


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_up_and_in(base, username):
    """Registers `username` (with a solved sign-up proof) and signs in: a session with the cookie."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    client = opaque_snake.OpaqueClient()
    password = "bench password " + username
    req, state = client.start_registration(password)
    r = session.post(base + "/auth/opaque/register/start", json={"username": username, "registration_request": b64e(req.to_bytes())}, timeout=TIMEOUT)
    start = expect(r, 200, "register/start", "registration_response")
    done = client.finish_registration(opaque_snake.RegistrationResponse.from_bytes(b64d(start["registration_response"])), state, password)
    r = session.get(base + "/auth/signup-challenge", timeout=TIMEOUT)
    challenge = expect(r, 200, "GET /auth/signup-challenge", "challenge")
    proof = {"challenge": challenge["challenge"], "nonce": signup_nonce(challenge["challenge"], username, int(challenge.get("difficulty", 0)))}
    r = session.post(base + "/auth/opaque/register/finish", json={
        "username": username, "registration_record": b64e(done.upload.to_bytes()), "signup_proof": proof,
    }, timeout=TIMEOUT)
    expect(r, 201, "register/finish (with the sign-up proof)", "user")
    ke1, state = client.start_login(password)
    r = session.post(base + "/auth/opaque/login/start", json={"username": username, "ke1": b64e(ke1.to_bytes())}, timeout=TIMEOUT)
    started = expect(r, 200, "login/start", "ke2")
    fin = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(started["ke2"])), state, password)
    r = session.post(base + "/auth/opaque/login/finish", json={"login_id": started["login_id"], "ke3": b64e(fin.finalization.to_bytes())}, timeout=TIMEOUT)
    expect(r, 200, "login/finish")
    if not session.cookies.get("flowsta_session"):
        raise SetupError("login/finish set no flowsta_session cookie: " + describe(r))
    del session.headers["Accept"]
    return session


class AuthorizeForm(html.parser.HTMLParser):
    """The form posting to /oauth/consent on the consent page (#consent-form) or the
    pass-through page (#authorize-form): its id and hidden fields."""

    def __init__(self):
        super().__init__()
        self.form_id = None
        self.fields = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("action") == "/oauth/consent":
            self.form_id = a.get("id")
            self.inside = True
        elif tag == "input" and self.inside and a.get("type") == "hidden" and a.get("name"):
            self.fields.append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def authorize_url(base, client_id):
    query = {
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT,
        "scope": "openid profile offline_access", "state": "s", "code_challenge": CHALLENGE, "code_challenge_method": "S256",
    }
    return base + "/oauth/authorize?" + urllib.parse.urlencode(query)


def code_from(r, what):
    location = r.headers.get("Location", "")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    if not location.startswith(REDIRECT + "?") or "code" not in query:
        raise SetupError(f"{what}: expected a redirect to {REDIRECT} with a code, got {describe(r)}")
    return query["code"][0]


def new_code(session, base, client_id):
    """One authorization code the way the browser gets it: (code, the page shown: "consent" or "pass-through")."""
    r = session.get(authorize_url(base, client_id), allow_redirects=False, timeout=TIMEOUT)
    expect(r, 200, "GET /oauth/authorize (signed in: the consent or pass-through page)")
    form = AuthorizeForm()
    form.feed(r.text)
    fields = form.fields
    if form.form_id == "authorize-form":
        page = "pass-through"  # its hidden fields already say flow=continue, decision=allow
    elif form.form_id == "consent-form":
        page = "consent"
        fields = fields + [("decision", "allow")]  # the Allow button
    else:
        raise SetupError("GET /oauth/authorize showed neither the consent nor the pass-through page: " + describe(r))
    if not any(name == "csrf_token" and value for name, value in fields):
        raise SetupError(f"the {page} page's form has no csrf_token: " + describe(r))
    r = session.post(base + "/oauth/consent", data=fields, allow_redirects=False, timeout=TIMEOUT)
    if r.status_code != 303:
        raise SetupError(f"POST /oauth/consent (the {page} page's form): expected HTTP 303, got {describe(r)}")
    return code_from(r, f"POST /oauth/consent (the {page} page's form)"), page


def exchange(base, client_id, code):
    r = requests.post(base + "/oauth/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": VERIFIER, "client_id": client_id,
    }, timeout=TIMEOUT)
    return expect(r, 200, "POST /oauth/token (authorization_code)", "access_token")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("outdir")
    parser.add_argument("--codes", type=int, default=0)
    parser.add_argument("--refresh", type=int, default=0)
    parser.add_argument("--state", help="reuse a previous setup (JSON written by an earlier run)")
    parser.add_argument("--id-token-alg", default="RS256", help="the app's id_token_signed_response_alg")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    os.makedirs(args.outdir, exist_ok=True)
    state_path = os.path.join(args.outdir, "state.json")

    if args.state:
        state = json.load(open(args.state))
    else:
        suffix = secrets.token_hex(3)
        dev = sign_up_and_in(base, "benchdev" + suffix)
        r = dev.post(base + "/api/v1/orgs", json={"name": "Bench"}, timeout=TIMEOUT)
        org = expect(r, 201, "POST /api/v1/orgs", "id")["id"]
        r = dev.post(base + f"/api/v1/orgs/{org}/apps", json={
            "name": "Bench", "type": "web", "redirect_uris": [REDIRECT], "allowed_scopes": ["openid", "profile", "offline_access"],
            "id_token_signed_response_alg": args.id_token_alg,
        }, timeout=TIMEOUT)
        app = expect(r, 201, "POST /api/v1/orgs/{org}/apps", "client_id")
        user = sign_up_and_in(base, "benchuser" + suffix)
        code, page = new_code(user, base, app["client_id"])
        if page != "consent":
            raise SetupError(f"the first authorization showed the {page} page, not the consent page")
        tokens = exchange(base, app["client_id"], code)
        # A confidential service app for the client_credentials grant (metered: its requests are
        # attributed to its organization and written to the API log), in an organization of its
        # own (the free plan allows one app).
        r = dev.post(base + "/api/v1/orgs", json={"name": "Bench service"}, timeout=TIMEOUT)
        org = expect(r, 201, "POST /api/v1/orgs (service)", "id")["id"]
        r = dev.post(base + f"/api/v1/orgs/{org}/apps", json={
            "name": "Bench service", "type": "web", "redirect_uris": [REDIRECT], "allowed_scopes": ["openid"],
        }, timeout=TIMEOUT)
        service = expect(r, 201, "POST /api/v1/orgs/{org}/apps (service)", "client_id")
        r = dev.post(base + f"/api/v1/orgs/{org}/apps/{service['id']}/secret", json={}, timeout=TIMEOUT)
        secret = expect(r, 201, "POST /api/v1/orgs/{org}/apps/{app}/secret", "client_secret")["client_secret"]
        state = {
            "client_id": app["client_id"], "cookie": user.cookies.get("flowsta_session"), "access_token": tokens["access_token"],
            "service_client_id": service["client_id"], "service_client_secret": secret, "organization_id": org,
        }
        json.dump(state, open(state_path, "w"))
    client_id = state["client_id"]

    local = threading.local()

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.cookies.set("flowsta_session", state["cookie"])
        return local.session

    def code(_):
        minted, page = new_code(session(), base, client_id)
        if page != "pass-through":
            raise SetupError(f"a remembered consent showed the {page} page, not the pass-through page")
        return minted

    def refresh_token(i):
        tokens = exchange(base, client_id, code(i))
        if not tokens.get("refresh_token"):
            raise SetupError(f"the code exchange issued no refresh_token (scope {tokens.get('scope')!r})")
        return tokens["refresh_token"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        if args.refresh:
            # Each code is exchanged as soon as it is minted (codes live 60 s).
            started = time.monotonic()
            refresh = list(pool.map(refresh_token, range(args.refresh)))
            open(os.path.join(args.outdir, "refresh.txt"), "w").write("\n".join(refresh) + "\n")
            print(f"setup: {len(refresh)} refresh tokens in {time.monotonic() - started:.1f} s", file=sys.stderr)
        if args.codes:
            started = time.monotonic()
            codes = list(pool.map(code, range(args.codes)))
            open(os.path.join(args.outdir, "codes.txt"), "w").write("\n".join(codes) + "\n")
            print(f"setup: {len(codes)} codes in {time.monotonic() - started:.1f} s", file=sys.stderr)
    print(json.dumps({
        "client_id": client_id, "access_token": state["access_token"], "verifier": VERIFIER, "redirect": REDIRECT,
        "service_client_id": state["service_client_id"], "service_client_secret": state["service_client_secret"],
        "organization_id": state["organization_id"],
    }))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as e:
        print(f"benchmarks/oauth/setup.py: {e}", file=sys.stderr)
        sys.exit(1)
