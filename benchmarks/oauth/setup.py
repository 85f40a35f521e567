"""Prepares an OAuth benchmark against a running server: a developer with an app, a user who has
consented, then (on demand) many authorization codes, many refresh tokens and one access token,
written one per line for wrk's Lua scripts.

Usage: setup.py URL OUTDIR [--codes N] [--refresh N]   (uses opaque_snake from scripts/test-venv)
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
import urllib.parse

import opaque_snake
import requests

REDIRECT = "https://bench.example/cb"
VERIFIER = "bench-verifier-" + "x" * 40
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_up_and_in(base, username):
    session = requests.Session()
    client = opaque_snake.OpaqueClient()
    password = "bench password " + username
    req, state = client.start_registration(password)
    r = session.post(base + "/auth/opaque/register/start", json={"username": username, "registration_request": b64e(req.to_bytes())})
    r.raise_for_status()
    done = client.finish_registration(opaque_snake.RegistrationResponse.from_bytes(b64d(r.json()["registration_response"])), state, password)
    session.post(base + "/auth/opaque/register/finish", json={"username": username, "registration_record": b64e(done.upload.to_bytes())}).raise_for_status()
    ke1, state = client.start_login(password)
    r = session.post(base + "/auth/opaque/login/start", json={"username": username, "ke1": b64e(ke1.to_bytes())})
    r.raise_for_status()
    fin = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
    session.post(base + "/auth/opaque/login/finish", json={"login_id": r.json()["login_id"], "ke3": b64e(fin.finalization.to_bytes())}).raise_for_status()
    return session


class Hidden(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden":
            self.fields.append((a["name"], a.get("value") or ""))


def authorize_url(base, client_id):
    query = {
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT,
        "scope": "openid profile offline_access", "state": "s", "code_challenge": CHALLENGE, "code_challenge_method": "S256",
    }
    return base + "/oauth/authorize?" + urllib.parse.urlencode(query)


def code_from(location):
    return urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]


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
        user = requests.Session()
        user.cookies.set("flowsta_session", state["cookie"])
    else:
        suffix = secrets.token_hex(3)
        dev = sign_up_and_in(base, "benchdev" + suffix)
        org = dev.post(base + "/api/v1/orgs", json={"name": "Bench"}).json()["id"]
        app = dev.post(base + f"/api/v1/orgs/{org}/apps", json={
            "name": "Bench", "type": "web", "redirect_uris": [REDIRECT], "allowed_scopes": ["openid", "profile", "offline_access"],
            "id_token_signed_response_alg": args.id_token_alg,
        }).json()
        user = sign_up_and_in(base, "benchuser" + suffix)
        page = user.get(authorize_url(base, app["client_id"]), allow_redirects=False)
        hidden = Hidden()
        hidden.feed(page.text)
        answer = user.post(base + "/oauth/authorize", data=hidden.fields + [("decision", "allow")], allow_redirects=False)
        code = code_from(answer.headers["Location"])
        tokens = requests.post(base + "/oauth/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": VERIFIER, "client_id": app["client_id"],
        }).json()
        state = {"client_id": app["client_id"], "cookie": user.cookies.get("flowsta_session"), "access_token": tokens["access_token"]}
        json.dump(state, open(state_path, "w"))
    client_id = state["client_id"]

    local = threading.local()

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.cookies.set("flowsta_session", state["cookie"])
        return local.session

    def new_code(_):
        r = session().get(authorize_url(base, client_id), allow_redirects=False)
        return code_from(r.headers["Location"])

    def exchange(code):
        r = session().post(base + "/oauth/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": VERIFIER, "client_id": client_id,
        })
        return r.json()["refresh_token"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        if args.refresh:
            # Each code is exchanged as soon as it is minted (codes live 60 s).
            refresh = list(pool.map(lambda i: exchange(new_code(i)), range(args.refresh)))
            open(os.path.join(args.outdir, "refresh.txt"), "w").write("\n".join(refresh) + "\n")
        if args.codes:
            codes = list(pool.map(new_code, range(args.codes)))
            open(os.path.join(args.outdir, "codes.txt"), "w").write("\n".join(codes) + "\n")
    print(json.dumps({"client_id": client_id, "access_token": state["access_token"], "verifier": VERIFIER, "redirect": REDIRECT}))


if __name__ == "__main__":
    sys.exit(main())
