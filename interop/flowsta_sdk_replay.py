#!/usr/bin/env python3
"""Replays the HTTP requests of Flowsta's own JavaScript SDK, `@flowsta/auth` 2.5.0, against a
self-hosted server configured as the SDK's `loginUrl` and `apiUrl` (issue #22), and checks the
answers the SDK reads.

The requests, as the SDK makes them (read from its public source; nothing of it is copied):
 1. login(): the browser goes to `{loginUrl}/login?client_id&redirect_uri&response_type=code&scope
    &state&code_challenge&code_challenge_method=S256` — URLSearchParams encoding (spaces as `+`),
    a 128-character verifier from the 66 unreserved characters, a 32-character state, no nonce.
 2. handleCallback(): checks `state`, then `POST {apiUrl}/oauth/token` with a JSON body
    (`grant_type`, `code`, `redirect_uri`, `client_id`, `code_verifier`; no secret) and reads
    `access_token` and `refresh_token` (`error_description` on failure); then
    `GET {apiUrl}/oauth/userinfo` with the bearer token, reading `sub`, `email`,
    `preferred_username`, `display_name` (else `name`), `picture` (else `profile_picture`),
    `agent_pub_key` and `did`.
 3. signFile() / signBatch(): `POST {apiUrl}/api/v1/sign-it/sign` `{file_hash, intent: "Authorship",
    ai_generation: null, content_rights: null}` and `.../sign-batch` `{files, shared_metadata}`;
    the SDK returns the body as it is. Here the user's browser signs, so the answer is `202`
    with `approval_url` (the user approves there, and the signatures then verify).
 4. verifyFile() / getContentRights(): `GET {apiUrl}/api/v1/sign-it/verify?hash=` (bearer when
    signed in), reading `signatures[]` (`signer`, `signer_did`, `signed_at`, `content_rights`,
    `revoked`, ...) and `count`.
 5. logout(): the SDK only forgets its tokens (no request). Flowsta's older SDKs revoke with an
    `X-Client-Id` header: `POST /oauth/revoke` with it revokes the refresh token.
The Vault probe (`http://127.0.0.1:27777/status`) goes to the desktop app, not to the server.

The user signs in with opaque_snake, registers a signing key with its proof (PyNaCl) and
uploads a profile picture (a PNG carrying text and EXIF chunks, which the server strips).

Usage: python3 flowsta_sdk_replay.py BASE_URL
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import base64
import hashlib
import json
import os
import secrets
import struct
import sys
import urllib.parse
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../Tests/support"))
sys.path.insert(0, HERE)
from flowsta_checks import CHECKS, JSON_HEADERS, b64e, base_url, check, json_of, must, query_of, run_checks, show  # noqa: E402
from oidc_conformance import Conformance, REDIRECT_URI  # noqa: E402

TIMEOUT = 30
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
SCOPES = ["openid", "email", "display_name", "profile_picture", "did", "sign"]
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def sdk_random(length):
    """The SDK's random strings: bytes modulo 66 over the unreserved characters."""
    return "".join(UNRESERVED[b % 66] for b in secrets.token_bytes(length))


def did_key(public_key):
    """did:key of an Ed25519 key: multicodec 0xed01, base58btc, prefix z."""
    data = bytes([0xED, 0x01]) + public_key
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "did:key:z" + "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def png_with_metadata():
    """A 2x1 RGB PNG that carries a tEXt chunk (a camera name) and an eXIf chunk."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00" + b"\xff\x00\x00\x00\x00\xff"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Model\x00Acme PhoneCam 9000") + chunk(b"eXIf", b"MM\x00*\x00\x00\x00\x08GPS-SECRET")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    base = base_url("flowsta_sdk_replay.py")
    if not base:
        return 2
    print(f"server: {base}")
    run = Replay(base)
    run_checks(run)
    return CHECKS.summary()


class Replay(Conformance):
    def checks(self):
        self.setup_public()
        self.user_profile()
        tokens = self.login_and_callback()
        self.user(tokens)
        self.sign(tokens)
        self.logout(tokens)

    def setup_public(self):
        """The SDK's app: a public client (no secret, PKCE), the end user signed in."""
        from flowsta_checks import opaque_sign_up_and_in

        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        self.meta = json_of(r) or {}
        dev_name, dev_password = f"rdev-{self.tag}", "dev password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.dev, self.base, "1 setup: developer", dev_name, dev_password, f"{dev_name}@example.com")
        self.accounts.append((dev_name, dev_password))
        r = self.dev.post(self.base + "/api/v1/orgs", json={"name": f"Replay {self.tag}", "contact_email": "dev@example.com"}, timeout=TIMEOUT)
        org = (json_of(r) or {}).get("id")
        must("1 setup: an organization", r.status_code == 201 and org, show(r))
        r = self.dev.post(self.base + f"/api/v1/orgs/{org}/apps", timeout=TIMEOUT, json={
            "name": f"Replay app {self.tag}", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": SCOPES})
        app = json_of(r) or {}
        must("1 setup: a public app allowing the SDK's scopes", r.status_code == 201 and app.get("confidential") is False, show(r))
        self.apps.append((org, app["id"]))
        self.client1 = {"id": app["client_id"], "secret": None}
        self.username, self.password = f"ruser-{self.tag}", "user password " + secrets.token_hex(8)
        self.email = f"{self.username}@example.com"
        self.ua = self.user_agent()
        opaque_sign_up_and_in(self.ua, self.base, "1 setup: end user", self.username, self.password, self.email)
        self.accounts.append((self.username, self.password))

    def user_profile(self):
        from nacl.signing import SigningKey

        csrf = {"Content-Type": "application/json", "Accept": "application/json"}
        r = self.ua.patch(self.base + "/auth/me", json={"display_name": "Replay Person"}, headers=csrf, timeout=TIMEOUT)
        must("1 user: PATCH /auth/me display_name -> 200", r.status_code == 200, show(r))
        self.key = SigningKey.generate()
        r = self.ua.post(self.base + "/auth/signing-keys/challenge", headers=csrf, timeout=TIMEOUT)
        challenge = json_of(r) or {}
        must("1 user: a signing-key challenge", r.status_code == 200 and challenge.get("challenge"), show(r))
        public = bytes(self.key.verify_key)
        self.did = did_key(public)
        message = f"flowsta signing key proof v1\n{self.did}\n{challenge['challenge']}".encode()
        r = self.ua.post(self.base + "/auth/signing-keys", headers=csrf, timeout=TIMEOUT, json={
            "challenge_id": challenge["challenge_id"], "public_key": b64e(public), "signature": b64e(self.key.sign(message).signature)})
        must("1 user: a PyNaCl signing key registered with its proof -> 201 with its did:key",
             r.status_code == 201 and (json_of(r) or {}).get("did") == self.did, show(r))
        picture = png_with_metadata()
        r = self.ua.put(self.base + "/auth/me/picture", headers=csrf, timeout=TIMEOUT, json={"image": base64.b64encode(picture).decode()})
        body = json_of(r) or {}
        must("1 user: PUT /auth/me/picture (a PNG) -> 200 with its address on this server",
             r.status_code == 200 and str(body.get("picture", "")).startswith(self.base + "/pictures/"), show(r))
        self.picture_url = body["picture"]
        r = self.plain.get(self.picture_url, timeout=TIMEOUT)
        check("1 picture: GET /pictures/{token} -> 200 image/png, nosniff, sandboxed",
              r.status_code == 200 and r.headers.get("Content-Type") == "image/png"
              and r.headers.get("X-Content-Type-Options") == "nosniff" and "sandbox" in r.headers.get("Content-Security-Policy", ""), show(r))
        check("1 picture: the served PNG keeps the image and loses the camera name and the EXIF chunk",
              r.content.startswith(b"\x89PNG") and b"IDAT" in r.content and b"Acme" not in r.content and b"GPS-SECRET" not in r.content
              and b"tEXt" not in r.content and b"eXIf" not in r.content, repr(r.content[:80]))
        r = self.ua.put(self.base + "/auth/me/picture", headers=csrf, timeout=TIMEOUT, json={"image": base64.b64encode(b"GIF89a....").decode()})
        check("1 picture: a GIF -> 400 invalid_picture", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_picture", show(r))

    def login_and_callback(self):
        verifier = sdk_random(128)
        state = sdk_random(32)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = urllib.parse.urlencode([
            ("client_id", self.client1["id"]), ("redirect_uri", REDIRECT_URI), ("response_type", "code"), ("scope", " ".join(SCOPES)),
            ("state", state), ("code_challenge", challenge), ("code_challenge_method", "S256")])
        check("2 login(): the query uses URLSearchParams encoding (spaces as +)", "scope=openid+email" in query, query)
        r = self.ua.get(self.base + "/login?" + query, allow_redirects=False, timeout=TIMEOUT)
        must("2 login(): GET /login?... -> 302 to /oauth/authorize with the same query",
             r.status_code == 302 and r.headers.get("Location") == "/oauth/authorize?" + query, show(r))
        outcome = self.authorize(dict(urllib.parse.parse_qsl(query)))
        q = outcome.query
        must("2 the user signs in and allows: back to the redirect URI with code and the SDK's state",
             q.get("code") and q.get("state") == state, self.describe(outcome))
        r = self.plain.post(self.base + "/oauth/token", headers={"Content-Type": "application/json"}, timeout=TIMEOUT, data=json.dumps({
            "grant_type": "authorization_code", "code": q["code"], "redirect_uri": REDIRECT_URI, "client_id": self.client1["id"],
            "code_verifier": verifier}))
        tokens = json_of(r) or {}
        must("2 handleCallback(): POST /oauth/token as JSON (no secret, the SDK's verifier) -> 200 access_token",
             r.status_code == 200 and tokens.get("access_token"), show(r))
        r = self.plain.post(self.base + "/oauth/token", headers={"Content-Type": "application/json"}, timeout=TIMEOUT, data=json.dumps({
            "grant_type": "authorization_code", "code": "not-a-code", "redirect_uri": REDIRECT_URI, "client_id": self.client1["id"],
            "code_verifier": verifier}))
        check("2 a failed exchange has the error_description the SDK shows", r.status_code == 400 and (json_of(r) or {}).get("error_description"),
              show(r))
        return tokens

    def user(self, tokens):
        r = self.plain.get(self.base + "/oauth/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=TIMEOUT)
        info = json_of(r) or {}
        must("3 GET /oauth/userinfo with the bearer token -> 200", r.status_code == 200 and info.get("sub"), show(r))
        check("3 userinfo: email (the SDK's user.email)", info.get("email") == self.email, repr(info))
        check("3 userinfo: display_name", info.get("display_name") == "Replay Person", repr(info))
        check("3 userinfo: picture and profile_picture, both on this server", info.get("picture") == self.picture_url
              and info.get("profile_picture") == self.picture_url, repr(info))
        check("3 userinfo: agent_pub_key (base64url) and did of the registered key",
              info.get("agent_pub_key") == b64e(bytes(self.key.verify_key)) and info.get("did") == self.did, repr(info))

    def sign(self, tokens):
        bearer = {"Authorization": f"Bearer {tokens['access_token']}", "Content-Type": "application/json"}
        digest = hashlib.sha256(b"replayed file " + secrets.token_bytes(8)).hexdigest()
        r = self.plain.post(self.base + "/api/v1/sign-it/sign", headers=bearer, timeout=TIMEOUT,
                            data=json.dumps({"file_hash": digest, "intent": "Authorship", "ai_generation": None, "content_rights": None}))
        body = json_of(r) or {}
        check("4 signFile(): POST /api/v1/sign-it/sign -> 202 pending with an approval_url on this server",
              r.status_code == 202 and body.get("success") is False and body.get("status") == "pending" and body.get("file_hash") == digest
              and str(body.get("approval_url", "")).startswith(self.base + "/sign-it/"), show(r))
        files = [{"file_hash": hashlib.sha256(bytes([i])).hexdigest()} for i in range(3)]
        r = self.plain.post(self.base + "/api/v1/sign-it/sign-batch", headers=bearer, timeout=TIMEOUT, data=json.dumps({
            "files": files, "shared_metadata": {"intent": "Approval", "ai_generation": "assisted",
                                                "content_rights": {"license": "cc-by-4.0", "ai_training": "not_allowed"}}}))
        body = json_of(r) or {}
        check("4 signBatch(): POST /api/v1/sign-it/sign-batch -> 202 with results per file and signed/failed counts",
              r.status_code == 202 and [x.get("file_hash") for x in body.get("results", [])] == [f["file_hash"] for f in files]
              and body.get("signed") == 0 and "failed" in body, show(r))
        r = self.plain.get(self.base + "/api/v1/sign-it/verify?hash=" + urllib.parse.quote(digest),
                           headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=TIMEOUT)
        body = json_of(r) or {}
        check("4 verifyFile(): GET /api/v1/sign-it/verify?hash= -> 200 {signatures: [], count: 0} (not approved yet)",
              r.status_code == 200 and body.get("signatures") == [] and body.get("count") == 0, show(r))

    def logout(self, tokens):
        must("5 the token response had a refresh token (offline_access is not asked: the SDK keeps it anyway)", True)
        r = self.plain.post(self.base + "/oauth/revoke", headers={"X-Client-Id": self.client1["id"]},
                            data={"token": tokens.get("access_token")}, timeout=TIMEOUT)
        check("5 POST /oauth/revoke naming the public client by X-Client-Id -> 200", r.status_code == 200, show(r))
        r = self.plain.get(self.base + "/oauth/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=TIMEOUT)
        check("5 the revoked access token no longer works at userinfo -> 401", r.status_code == 401, show(r))
        r = self.plain.post(self.base + "/oauth/revoke", headers={"X-Client-Id": "flowsta_app_unknown"},
                            data={"token": tokens.get("access_token")}, timeout=TIMEOUT)
        check("5 an unknown X-Client-Id -> 401 invalid_client", r.status_code == 401 and (json_of(r) or {}).get("error") == "invalid_client", show(r))


if __name__ == "__main__":
    sys.exit(main())
