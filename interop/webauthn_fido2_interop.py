#!/usr/bin/env python3
"""Passkeys over the API with an independent WebAuthn client (issue #20).

The client side is none of our code: python-fido2 builds every WebAuthn structure (client data,
authenticator data, attested credential data, COSE keys, attestation objects) and pyca/
cryptography makes the keys and signatures; the PRF output is HMAC-SHA256 over the WebAuthn PRF
salt ("WebAuthn PRF" || 0x00 || input, SHA-256) as CTAP's hmac-secret computes it. Every
registration and assertion the server accepts is also verified by python-fido2's own relying
party (fido2.server.Fido2Server), so the client is a standard one, not one fitted to the server.

Checks: the options parse as WebAuthn JSON (python-fido2's from_dict); a passkey with the root key
sealed under its PRF output registers (`none` and `packed` self-attestation, ES256 / EdDSA /
RS256), signs in without a username and gives back an envelope that opens to the same root key;
a passkey without an envelope gets one once (PUT .../envelope, then 409); the refusals the issue
lists (wrong origin, wrong rpId, replayed challenge, counter going back, tampered signature,
unknown credential) and more (no user verification, a used ceremony, a foreign credential as
second factor); a passkey as the second step of a password + authenticator-app account (pyotp);
rename and removal.

Usage: "$(scripts/test-venv)" interop/webauthn_fido2_interop.py BASE_URL   (or FLOWSTA_URL)
"""
import hashlib
import hmac
import os
import secrets
import sys
import time
import urllib.parse

import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from fido2.cose import EdDSA, ES256, RS256
from fido2.server import Fido2Server
from fido2.webauthn import (
    AttestationObject, AttestedCredentialData, AuthenticatorData, CollectedClientData, PublicKeyCredentialCreationOptions,
    PublicKeyCredentialRequestOptions, PublicKeyCredentialRpEntity,
)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "support"))
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, b64d, b64e, base_url, check, delete_account, json_of, must, opaque_sign_in_with_body,
    opaque_sign_up_and_in, run_checks, show,
)
from root_key_vectors import open_envelope, seal_envelope  # noqa: E402

TIMEOUT = 30
UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40
PRF_SALT = hashlib.sha256(b"flowsta passkey root key v1").digest()


class SoftAuthenticator:
    """A discoverable credential with user verification and the PRF extension."""

    def __init__(self, alg=-7, synced=True):
        self.alg = alg
        if alg == -7:
            self.private = ec.generate_private_key(ec.SECP256R1())
            self.cose = ES256.from_cryptography_key(self.private.public_key())
        elif alg == -8:
            self.private = ed25519.Ed25519PrivateKey.generate()
            self.cose = EdDSA.from_cryptography_key(self.private.public_key())
        else:
            self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            self.cose = RS256.from_cryptography_key(self.private.public_key())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.backup = (BE | BS) if synced else 0
        self.prf_secret = os.urandom(32)
        self.user_handle = None
        self.attested = AttestedCredentialData.create(bytes(16), self.credential_id, self.cose)

    def sign(self, message):
        if self.alg == -7:
            return self.private.sign(message, ec.ECDSA(hashes.SHA256()))
        if self.alg == -8:
            return self.private.sign(message)
        return self.private.sign(message, padding.PKCS1v15(), hashes.SHA256())

    def prf(self, first):
        """The WebAuthn PRF output for `first` (base64url), as hmac-secret computes it."""
        salt = hashlib.sha256(b"WebAuthn PRF\x00" + b64d(first)).digest()
        return hmac.new(self.prf_secret, salt, hashlib.sha256).digest()

    def create(self, options, origin, rp_id=None, flags=UP | UV, fmt="none"):
        """navigator.credentials.create(): a RegistrationResponseJSON and the PRF output."""
        pk = options["public_key"]
        self.user_handle = b64d(pk["user"]["id"])
        client_data = CollectedClientData.create(type="webauthn.create", challenge=b64d(pk["challenge"]), origin=origin)
        rp_hash = hashlib.sha256((rp_id or pk["rp"]["id"]).encode()).digest()
        auth_data = AuthenticatorData.create(rp_hash, flags | AT | self.backup, self.counter, self.attested)
        statement = {"alg": self.alg, "sig": self.sign(bytes(auth_data) + client_data.hash)} if fmt == "packed" else {}
        attestation = AttestationObject.create(fmt, auth_data, statement)
        prf = self.prf(pk["extensions"]["prf"]["eval"]["first"])
        return {
            "id": b64e(self.credential_id), "rawId": b64e(self.credential_id), "type": "public-key",
            "response": {"clientDataJSON": b64e(bytes(client_data)), "attestationObject": b64e(bytes(attestation)),
                         "transports": ["internal"]},
            "clientExtensionResults": {"prf": {"enabled": True, "results": {"first": b64e(prf)}}, "credProps": {"rk": True}},
            "authenticatorAttachment": "platform",
        }, prf

    def get(self, options, origin, rp_id=None, flags=UP | UV, counter=None, tamper=False):
        """navigator.credentials.get(): an AuthenticationResponseJSON and the PRF output."""
        pk = options["public_key"]
        self.counter = self.counter + 1 if counter is None else counter
        client_data = CollectedClientData.create(type="webauthn.get", challenge=b64d(pk["challenge"]), origin=origin)
        rp_hash = hashlib.sha256((rp_id or pk["rpId"]).encode()).digest()
        auth_data = AuthenticatorData.create(rp_hash, flags | self.backup, self.counter)
        signature = bytearray(self.sign(bytes(auth_data) + client_data.hash))
        if tamper:
            signature[len(signature) // 2] ^= 0x01
        return {
            "id": b64e(self.credential_id), "rawId": b64e(self.credential_id), "type": "public-key",
            "response": {"clientDataJSON": b64e(bytes(client_data)), "authenticatorData": b64e(bytes(auth_data)),
                         "signature": b64e(bytes(signature)), "userHandle": b64e(self.user_handle or b"")},
            "clientExtensionResults": {"prf": {"results": {"first": b64e(self.prf(pk["extensions"]["prf"]["eval"]["first"]))}}},
        }, self.prf(pk["extensions"]["prf"]["eval"]["first"])


class Run:
    def __init__(self, base):
        self.base = base
        self.origin = base
        self.rp_id = urllib.parse.urlparse(base).hostname
        self.fido = Fido2Server(PublicKeyCredentialRpEntity(id=self.rp_id, name="Flowsta"), verify_origin=lambda o: o == self.origin)
        self.accounts = []

    def sign_up(self, label):
        username = f"pk_{label}_{secrets.token_hex(4)}"
        password = "pw " + secrets.token_urlsafe(12)
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        user = opaque_sign_up_and_in(session, self.base, label, username, password)
        self.accounts.append((username, password))
        return session, user, username, password

    def set_up_root_key(self, session, username, password, user_id):
        """What the sign-up page does: a root key sealed under the password's export key."""
        _, export_key, _, why = opaque_sign_in_with_body(self.base, username, password, session)
        must("signing in again gives the OPAQUE export key", export_key is not None, why or "")
        root_key = os.urandom(32)
        envelope = b64e(seal_envelope("password", export_key, user_id, root_key, os.urandom(12)))
        r = session.post(self.base + "/auth/keys", json={"envelopes": [{"kind": "password", "envelope": envelope}]}, timeout=TIMEOUT)
        must("POST /auth/keys (a password envelope) -> 201", r.status_code in (200, 201), show(r))
        return root_key

    def post(self, session, path, body):
        return session.post(self.base + path, json=body, timeout=TIMEOUT)

    def register_start(self, session, label):
        r = self.post(session, "/auth/passkeys/register/start", {})
        body = json_of(r) or {}
        must(f"{label}: POST /auth/passkeys/register/start -> 200 {{ceremony_id, public_key}}",
             r.status_code == 200 and body.get("ceremony_id") and body.get("public_key"), show(r))
        return body

    def login_start(self, session, label):
        r = self.post(session, "/auth/passkeys/login/start", {})
        body = json_of(r) or {}
        must(f"{label}: POST /auth/passkeys/login/start -> 200", r.status_code == 200 and body.get("ceremony_id"), show(r))
        return body

    def fido_state(self, options):
        return {"challenge": options["public_key"]["challenge"], "user_verification": "required"}

    def checks(self):
        base = self.base
        session, user, username, password = self.sign_up("alice")
        user_id = user["id"]
        root_key = self.set_up_root_key(session, username, password, user_id)

        # --- registration options, read by python-fido2
        options = self.register_start(session, "registration")
        pk = options["public_key"]
        parsed = PublicKeyCredentialCreationOptions.from_dict(pk)
        check("the creation options parse as WebAuthn JSON (python-fido2) with rp.id = the issuer's host",
              parsed.rp.id == self.rp_id and parsed.challenge == b64d(pk["challenge"]) and len(parsed.challenge) >= 16, repr(parsed.rp))
        check("the options ask for a discoverable credential, user verification, attestation none and ES256/EdDSA/RS256",
              pk["authenticatorSelection"] == {"residentKey": "required", "requireResidentKey": True, "userVerification": "required"}
              and pk["attestation"] == "none" and sorted(p["alg"] for p in pk["pubKeyCredParams"]) == [-257, -8, -7], repr(pk))
        check("the PRF input is Flowsta's constant salt", b64d(pk["extensions"]["prf"]["eval"]["first"]) == PRF_SALT)
        check("the user handle names no one: not the account id, not the username",
              b64d(pk["user"]["id"]) not in (user_id.encode(), username.encode()) and 0 < len(b64d(pk["user"]["id"])) <= 64)
        check("Cache-Control: no-store on the options", r_cache(session, base, "/auth/passkeys/register/start"))

        # --- registration refusals (each on its own ceremony)
        for label, kwargs, origin in [
            ("a wrong origin", {}, "https://evil.example"),
            ("a wrong rpId", {"rp_id": "evil.example"}, self.origin),
            ("no user verification", {"flags": UP}, self.origin),
        ]:
            opts = self.register_start(session, f"registration with {label}")
            bad, _ = SoftAuthenticator().create(opts, origin, **kwargs)
            r = self.post(session, "/auth/passkeys/register/finish", {"ceremony_id": opts["ceremony_id"], "name": "bad", "credential": bad})
            check(f"registration with {label} -> 400 invalid_request", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_request", show(r))

        # --- a passkey with the root key sealed under its PRF output
        laptop = SoftAuthenticator(alg=-7)
        credential, prf = laptop.create(options, self.origin, fmt="packed")
        fido_auth = self.fido.register_complete(self.fido_state(options), credential)
        check("python-fido2's relying party accepts the same registration (packed self-attestation)",
              fido_auth.credential_data.credential_id == laptop.credential_id)
        envelope = b64e(seal_envelope("passkey", prf, user_id, root_key, os.urandom(12)))
        r = self.post(session, "/auth/passkeys/register/finish",
                      {"ceremony_id": options["ceremony_id"], "name": "Laptop", "credential": credential, "root_key_envelope": envelope})
        created = json_of(r) or {}
        must("POST /auth/passkeys/register/finish -> 201 {id, name, synced, opens_root_key: true}",
             r.status_code == 201 and created.get("name") == "Laptop" and created.get("opens_root_key") is True
             and created.get("synced") is True, show(r))
        r = self.post(session, "/auth/passkeys/register/finish", {"ceremony_id": options["ceremony_id"], "name": "again", "credential": credential})
        check("the same registration again (a used ceremony) -> 400 invalid_login", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_login", show(r))
        again = self.register_start(session, "exclusion")
        check("the next registration excludes the passkey",
              [d["id"] for d in again["public_key"]["excludeCredentials"]] == [b64e(laptop.credential_id)], repr(again["public_key"]["excludeCredentials"]))

        # Other algorithms, device-bound, no envelope.
        algorithms = {}
        for alg in (-8, -257):
            opts = self.register_start(session, f"COSE {alg}")
            key = SoftAuthenticator(alg=alg, synced=False)
            cred, _ = key.create(opts, self.origin)
            r = self.post(session, "/auth/passkeys/register/finish", {"ceremony_id": opts["ceremony_id"], "name": f"key {alg}", "credential": cred})
            check(f"a device-bound COSE {alg} passkey registers -> 201 synced false, opens_root_key false",
                  r.status_code == 201 and (json_of(r) or {}).get("synced") is False and (json_of(r) or {}).get("opens_root_key") is False, show(r))
            algorithms[alg] = (key, (json_of(r) or {}).get("id"))

        r = session.get(base + "/auth/passkeys", timeout=TIMEOUT)
        listed = (json_of(r) or {}).get("passkeys") or []
        check("GET /auth/passkeys lists the three, oldest first, with nothing about the device",
              r.status_code == 200 and [p["name"] for p in listed] == ["Laptop", "key -8", "key -257"]
              and all(set(p) == {"id", "name", "created_at", "synced", "opens_root_key"} for p in listed), show(r))

        # --- sign in with the passkey alone
        anonymous = requests.Session()
        anonymous.headers["Accept"] = "application/json"
        opts = self.login_start(anonymous, "passkey sign-in")
        parsed = PublicKeyCredentialRequestOptions.from_dict(opts["public_key"])
        check("the request options parse (python-fido2): rpId, user verification required, no allow list",
              parsed.rp_id == self.rp_id and opts["public_key"]["userVerification"] == "required" and not opts["public_key"]["allowCredentials"])
        assertion, prf_again = laptop.get(opts, self.origin)
        try:
            accepted = self.fido.authenticate_complete(self.fido_state(opts), [fido_auth.credential_data], assertion)
            why = ""
        except ValueError as e:
            accepted, why = None, str(e)
        check("python-fido2's relying party accepts the same assertion",
              accepted is not None and accepted.credential_id == laptop.credential_id, why)
        finish = {"ceremony_id": opts["ceremony_id"], "credential": assertion}
        r = self.post(anonymous, "/auth/passkeys/login/finish", finish)
        body = json_of(r) or {}
        must("POST /auth/passkeys/login/finish -> 200 {user, passkey_id, envelopes} and a session cookie",
             r.status_code == 200 and (body.get("user") or {}).get("id") == user_id and body.get("passkey_id") == created.get("id")
             and anonymous.cookies.get("flowsta_session"), show(r))
        envelopes = {e["kind"]: e["envelope"] for e in body.get("envelopes") or []}
        check("the passkey envelope opens, under the PRF output, to the same root key",
              set(envelopes) == {"passkey"} and open_envelope("passkey", prf_again, user_id, envelopes["passkey"]) == root_key, repr(envelopes))
        r = anonymous.get(base + "/auth/me", timeout=TIMEOUT)
        check("the passkey session is signed in (GET /auth/me -> 200)", r.status_code == 200 and (json_of(r) or {}).get("user", {}).get("id") == user_id, show(r))

        # --- the refusals
        r = self.post(anonymous, "/auth/passkeys/login/finish", finish)
        check("the same assertion again (used ceremony) -> 400 invalid_login", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_login", show(r))
        opts = self.login_start(anonymous, "replay")
        r = self.post(anonymous, "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": assertion})
        check("a replayed assertion (an old challenge) under a new ceremony -> 401 invalid_credentials",
              r.status_code == 401 and (json_of(r) or {}).get("error") == "invalid_credentials", show(r))
        stored = laptop.counter  # what the server holds after the sign-in
        refusals = [
            ("a wrong origin", lambda o: laptop.get(o, "https://evil.example")),
            ("a wrong rpId", lambda o: laptop.get(o, self.origin, rp_id="evil.example")),
            ("the counter going back", lambda o: laptop.get(o, self.origin, counter=stored - 1)),
            ("the counter standing still", lambda o: laptop.get(o, self.origin, counter=stored)),
            ("a tampered signature", lambda o: laptop.get(o, self.origin, tamper=True)),
            ("an unknown credential", lambda o: SoftAuthenticator().get(o, self.origin)),
            ("no user verification", lambda o: laptop.get(o, self.origin, flags=UP)),
        ]
        for label, make in refusals:
            opts = self.login_start(anonymous, label)
            bad, _ = make(opts)
            r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": bad})
            check(f"{label} -> 401 invalid_credentials", r.status_code == 401 and (json_of(r) or {}).get("error") == "invalid_credentials", show(r))
            laptop.counter = stored  # a refused assertion does not move the stored counter
        opts = self.login_start(anonymous, "after the refusals")
        good, _ = laptop.get(opts, self.origin)
        r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": good})
        check("after the refusals the passkey still signs in -> 200", r.status_code == 200, show(r))
        r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": "x" * 200, "credential": good})
        check("an overlong ceremony id -> 400 invalid_login", r.status_code == 400, show(r))
        broken = dict(good, rawId=b64e(b"other"))
        opts = self.login_start(anonymous, "id and rawId differ")
        r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": broken})
        check("credential.id and rawId differing -> 400 invalid_request", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_request", show(r))

        # --- a passkey without an envelope gets one, once
        ed_key, ed_id = algorithms[-8]
        opts = self.login_start(anonymous, "Ed25519 sign-in")
        ed_assertion, ed_prf = ed_key.get(opts, self.origin)
        ed_session = requests.Session()
        r = self.post(ed_session, "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": ed_assertion})
        body = json_of(r) or {}
        check("an EdDSA passkey without an envelope signs in with no envelope -> 200, envelopes []",
              r.status_code == 200 and body.get("envelopes") == [] and body.get("passkey_id") == ed_id, show(r))
        # The passkey session opens the root key with the password (opaque_snake), no new session.
        import opaque_snake
        client = opaque_snake.OpaqueClient()
        ke1, state = client.start_login(password)
        r = self.post(ed_session, "/auth/keys/unlock/start", {"lock": "password", "ke1": b64e(ke1.to_bytes())})
        started = json_of(r) or {}
        check("POST /auth/keys/unlock/start (the passkey session, lock password) -> 200 {unlock_id, ke2}",
              r.status_code == 200 and started.get("unlock_id") and started.get("ke2"), show(r))
        finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(started["ke2"])), state, password)
        cookie_before = ed_session.cookies.get("flowsta_session")
        r = self.post(ed_session, "/auth/keys/unlock/finish",
                      {"lock": "password", "unlock_id": started["unlock_id"], "ke3": b64e(finished.finalization.to_bytes())})
        unlocked = {e["kind"]: e["envelope"] for e in (json_of(r) or {}).get("envelopes") or []}
        check("POST /auth/keys/unlock/finish -> the password envelope, which opens (opaque_snake's export key) to the root key; "
              "the session cookie unchanged",
              r.status_code == 200 and open_envelope("password", bytes(finished.session_keys.export_key), user_id, unlocked.get("password", ""))
              == root_key and ed_session.cookies.get("flowsta_session") == cookie_before, show(r))
        r = self.post(ed_session, "/auth/keys/unlock/finish",
                      {"lock": "password", "unlock_id": started["unlock_id"], "ke3": b64e(finished.finalization.to_bytes())})
        check("the same unlock again -> 400 invalid_login", r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_login", show(r))
        sealed = b64e(seal_envelope("passkey", ed_prf, user_id, root_key, os.urandom(12)))
        r = ed_session.put(base + f"/auth/passkeys/{ed_id}/envelope", json={"envelope": sealed}, timeout=TIMEOUT)
        check("PUT /auth/passkeys/{id}/envelope -> 204", r.status_code == 204, show(r))
        r = ed_session.put(base + f"/auth/passkeys/{ed_id}/envelope", json={"envelope": sealed}, timeout=TIMEOUT)
        check("a second envelope -> 409 passkey_envelope_exists", r.status_code == 409 and (json_of(r) or {}).get("error") == "passkey_envelope_exists", show(r))
        opts = self.login_start(anonymous, "Ed25519 sign-in again")
        ed_assertion, ed_prf = ed_key.get(opts, self.origin)
        r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": ed_assertion})
        envelopes = {e["kind"]: e["envelope"] for e in (json_of(r) or {}).get("envelopes") or []}
        check("the next sign-in with it opens the same root key", "passkey" in envelopes
              and open_envelope("passkey", ed_prf, user_id, envelopes["passkey"]) == root_key, show(r))

        # --- passkey as the second step of a password + authenticator-app account
        self.second_factor(session, username, password, laptop)

        # --- rename and remove
        r = session.patch(base + f"/auth/passkeys/{created['id']}", json={"name": "  Work laptop "}, timeout=TIMEOUT)
        check("PATCH /auth/passkeys/{id} renames (trimmed) -> 200", r.status_code == 200 and (json_of(r) or {}).get("name") == "Work laptop", show(r))
        r = session.patch(base + f"/auth/passkeys/{created['id']}", json={"name": "n" * 65}, timeout=TIMEOUT)
        check("a 65-character name -> 400", r.status_code == 400, show(r))
        other_session, _, _, _ = self.sign_up("mallory")
        r = other_session.delete(base + f"/auth/passkeys/{created['id']}", headers=JSON_HEADERS, timeout=TIMEOUT)
        check("another account cannot remove it -> 404", r.status_code == 404, show(r))
        r = session.delete(base + f"/auth/passkeys/{created['id']}", headers=JSON_HEADERS, timeout=TIMEOUT)
        check("DELETE /auth/passkeys/{id} -> 204", r.status_code == 204, show(r))
        opts = self.login_start(anonymous, "removed passkey")
        gone, _ = laptop.get(opts, self.origin)
        r = self.post(requests.Session(), "/auth/passkeys/login/finish", {"ceremony_id": opts["ceremony_id"], "credential": gone})
        check("a removed passkey no longer signs in -> 401", r.status_code == 401, show(r))

    def second_factor(self, session, username, password, laptop):
        import pyotp

        base = self.base
        r = session.post(base + "/auth/totp", headers=JSON_HEADERS, timeout=TIMEOUT)
        must("POST /auth/totp -> 201", r.status_code == 201, show(r))
        totp = pyotp.TOTP(r.json()["secret"])
        r = self.post(session, "/auth/totp/confirm", {"code": totp.now()})
        must("POST /auth/totp/confirm with pyotp's code -> 200 backup codes", r.status_code == 200, show(r))

        fresh = requests.Session()
        fresh.headers["Accept"] = "application/json"
        holder = {}

        def passkey_step():
            # login/finish answered {login_token, methods}: the passkey step instead of a code.
            token = holder["token"]
            opts = self.post(fresh, "/auth/login/second-factor/passkey", {"login_token": token}).json()
            holder["allow"] = [d["id"] for d in opts["public_key"]["allowCredentials"]]
            assertion, _ = laptop.get(opts, self.origin)
            return {"passkey": {"ceremony_id": opts["ceremony_id"], "credential": assertion}}

        # The password step by hand, to read its answer.
        import opaque_snake
        client = opaque_snake.OpaqueClient()
        ke1, state = client.start_login(password)
        r = self.post(fresh, "/auth/opaque/login/start", {"username": username, "ke1": b64e(ke1.to_bytes())})
        finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
        r = self.post(fresh, "/auth/opaque/login/finish", {"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())})
        body = json_of(r) or {}
        must("the password step answers second_factor_required with methods totp, backup_code, passkey",
             body.get("second_factor_required") is True and body.get("methods") == ["totp", "backup_code", "passkey"], show(r))
        holder["token"] = body["login_token"]
        step = passkey_step()
        check("the passkey step lists the account's passkeys", b64e(laptop.credential_id) in holder["allow"], repr(holder.get("allow")))
        r = self.post(fresh, "/auth/login/second-factor", {"login_token": holder["token"], **step, "code": "123456"})
        check("a passkey and a code together -> 400 invalid_request", r.status_code == 400, show(r))
        r = self.post(fresh, "/auth/login/second-factor", {"login_token": holder["token"], **passkey_step()})
        check("POST /auth/login/second-factor with the passkey -> 200 and a session",
              r.status_code == 200 and fresh.cookies.get("flowsta_session") and (json_of(r) or {}).get("envelopes"), show(r))
        # Two-step sign-in off again, so the cleanup signs in with the password alone.
        r = session.delete(base + "/auth/totp", headers=JSON_HEADERS, timeout=TIMEOUT)
        check("DELETE /auth/totp -> 204", r.status_code == 204, show(r))

    def cleanup(self):
        for username, password in self.accounts:
            delete_account(self.base, f"cleanup: {username} deleted", username, password)


def r_cache(session, base, path):
    r = session.post(base + path, json={}, timeout=TIMEOUT)
    return r.status_code == 200 and r.headers.get("Cache-Control") == "no-store"


def main():
    base = base_url(sys.argv[0])
    if not base:
        return 2
    run_checks(Run(base))
    return CHECKS.summary()


if __name__ == "__main__":
    sys.exit(main())
