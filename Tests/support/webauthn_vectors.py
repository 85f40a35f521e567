#!/usr/bin/env python3
"""WebAuthn test vectors for the server's CBOR, COSE key and authenticator data parsing
(Tests/FlowstaCryptoTests/Vectors/webauthn.json), made and checked with independent
implementations: python-fido2 (CBOR, COSE keys, authenticator data, attestation objects) and
pyca/cryptography (keys and signatures).

  generate   writes the vectors (new random keys each time): a registration (attestation object,
             `packed` self-attestation) and an assertion for ES256, EdDSA and RS256, with flag
             variants, plus malformed inputs the parser must refuse.
  verify     reads the committed vectors back with python-fido2 and cryptography: every field,
             every signature (the valid ones verify, the tampered ones do not). The test command
             runs this, so the vectors the Swift tests use are checked by a second implementation.

Usage: "$(scripts/test-venv)" Tests/support/webauthn_vectors.py generate|verify
"""

import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from fido2 import cbor
from fido2.cose import CoseKey, EdDSA, ES256, RS256
from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "FlowstaCryptoTests", "Vectors", "webauthn.json")
RP_ID = "auth.flowsta.test"
UP, UV, BE, BS, AT, ED = 0x01, 0x04, 0x08, 0x10, 0x40, 0x80


def sign(private, alg, message):
    if alg == -7:
        return private.sign(message, ec.ECDSA(hashes.SHA256()))
    if alg == -8:
        return private.sign(message)
    return private.sign(message, padding.PKCS1v15(), hashes.SHA256())


def new_key(alg):
    if alg == -7:
        private = ec.generate_private_key(ec.SECP256R1())
        return private, ES256.from_cryptography_key(private.public_key())
    if alg == -8:
        private = ed25519.Ed25519PrivateKey.generate()
        return private, EdDSA.from_cryptography_key(private.public_key())
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private, RS256.from_cryptography_key(private.public_key())


def case(alg, flags, counter, extensions=None):
    private, cose = new_key(alg)
    rp_hash = hashlib.sha256(RP_ID.encode()).digest()
    credential_id = os.urandom(32)
    aaguid = os.urandom(16)
    credential = AttestedCredentialData.create(aaguid, credential_id, cose)
    registration = AuthenticatorData.create(rp_hash, flags | AT | (ED if extensions else 0), 0, credential, extensions)
    client_data_hash = os.urandom(32)
    attestation = AttestationObject.create(
        "packed", registration, {"alg": alg, "sig": sign(private, alg, bytes(registration) + client_data_hash)})
    assertion = AuthenticatorData.create(rp_hash, flags, counter)
    assertion_hash = os.urandom(32)
    signature = sign(private, alg, bytes(assertion) + assertion_hash)
    return {
        "alg": alg, "flags": flags | AT | (ED if extensions else 0),
        "rp_id_hash": rp_hash.hex(), "aaguid": aaguid.hex(), "credential_id": credential_id.hex(),
        "public_key": cbor.encode(dict(cose)).hex(),
        "attestation_object": bytes(attestation).hex(), "client_data_hash": client_data_hash.hex(),
        "assertion_authenticator_data": bytes(assertion).hex(), "assertion_client_data_hash": assertion_hash.hex(),
        "assertion_signature": signature.hex(), "sign_count": counter,
        "tampered_signature": (signature[:-1] + bytes([signature[-1] ^ 1])).hex(),
        "extensions": extensions is not None,
    }


def malformed():
    """Inputs the parser must refuse, each with the reason."""
    rp_hash = hashlib.sha256(RP_ID.encode()).digest()
    good = AuthenticatorData.create(rp_hash, UP | UV, 7)
    _, es = new_key(-7)
    es384 = dict(es)
    es384[3] = -35  # ES384: not accepted
    with_key = lambda key: bytes(rp_hash) + bytes([UP | AT]) + (0).to_bytes(4, "big") + os.urandom(16) + (16).to_bytes(2, "big") + os.urandom(16) + cbor.encode(key)
    return [
        {"name": "shorter than 37 bytes", "authenticator_data": bytes(good)[:36].hex()},
        {"name": "trailing bytes", "authenticator_data": (bytes(good) + b"\x00").hex()},
        {"name": "backup state without backup eligibility", "authenticator_data": (bytes(rp_hash) + bytes([UP | BS]) + (1).to_bytes(4, "big")).hex()},
        {"name": "attested credential data truncated", "authenticator_data": (bytes(rp_hash) + bytes([UP | AT]) + (0).to_bytes(4, "big") + os.urandom(10)).hex()},
        {"name": "credential id longer than the data", "authenticator_data": (bytes(rp_hash) + bytes([UP | AT]) + (0).to_bytes(4, "big") + os.urandom(16) + (200).to_bytes(2, "big") + os.urandom(20)).hex()},
        {"name": "an ES384 key", "authenticator_data": with_key(es384).hex()},
        {"name": "an ES256 key off the curve", "authenticator_data": with_key({1: 2, 3: -7, -1: 1, -2: b"\x01" * 32, -3: b"\x02" * 32}).hex()},
        {"name": "an RSA key of 1024 bits", "authenticator_data": with_key(dict(RS256.from_cryptography_key(rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()))).hex()},
        {"name": "extension flag without extensions", "authenticator_data": (bytes(rp_hash) + bytes([UP | ED]) + (1).to_bytes(4, "big")).hex()},
    ]


CBOR_MALFORMED = [
    ("indefinite-length array", "9f01ff"),
    ("a tag", "c11a514b67b0"),
    ("a float", "f93c00"),
    ("a map key twice", "a201020103"),
    ("a byte string longer than the input", "5a7fffffff00"),
    ("an array count beyond the input", "9bffffffffffffffff"),
    ("invalid UTF-8 text", "62c328"),
    ("nesting deeper than 8", "81" * 9 + "01"),
    ("trailing bytes", "0101"),
]


def generate():
    cases = [
        case(-7, UP | UV, 1), case(-7, UP | UV | BE | BS, 42, {"credProtect": 2}), case(-8, UP | UV, 5),
        case(-257, UP, 0), case(-257, UP | UV | BE, 1000),
    ]
    document = {
        "rp_id": RP_ID, "cases": cases, "malformed_authenticator_data": malformed(),
        "malformed_cbor": [{"name": name, "hex": value} for name, value in CBOR_MALFORMED],
    }
    os.makedirs(os.path.dirname(PATH), exist_ok=True)
    with open(PATH, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases and {len(document['malformed_authenticator_data'])} + {len(CBOR_MALFORMED)} malformed inputs to {PATH}")


def verify():
    with open(PATH, encoding="utf-8") as f:
        document = json.load(f)
    failures = []
    for index, c in enumerate(document["cases"]):
        label = f"case {index} (alg {c['alg']})"
        attestation = AttestationObject(bytes.fromhex(c["attestation_object"]))
        data = attestation.auth_data
        credential = data.credential_data
        key = CoseKey.parse(cbor.decode(bytes.fromhex(c["public_key"])))
        checks = {
            "fmt packed": attestation.fmt == "packed",
            "rp id hash": data.rp_id_hash.hex() == c["rp_id_hash"] == hashlib.sha256(document["rp_id"].encode()).hexdigest(),
            "flags": data.flags == c["flags"],
            "aaguid": bytes(credential.aaguid).hex() == c["aaguid"],
            "credential id": credential.credential_id.hex() == c["credential_id"],
            "public key": dict(credential.public_key) == dict(key) and key.ALGORITHM == c["alg"],
            "extensions": (data.extensions is not None) == c["extensions"],
        }
        try:
            credential.public_key.verify(bytes(data) + bytes.fromhex(c["client_data_hash"]), attestation.att_stmt["sig"])
            checks["packed self-attestation signature"] = attestation.att_stmt["alg"] == c["alg"]
        except Exception:
            checks["packed self-attestation signature"] = False
        assertion = AuthenticatorData(bytes.fromhex(c["assertion_authenticator_data"]))
        checks["assertion counter"] = assertion.counter == c["sign_count"]
        message = bytes(assertion) + bytes.fromhex(c["assertion_client_data_hash"])
        try:
            key.verify(message, bytes.fromhex(c["assertion_signature"]))
            checks["assertion signature"] = True
        except Exception:
            checks["assertion signature"] = False
        try:
            key.verify(message, bytes.fromhex(c["tampered_signature"]))
            checks["tampered signature refused"] = False
        except Exception:
            checks["tampered signature refused"] = True
        failures += [f"{label}: {name}" for name, ok in checks.items() if not ok]
    for m in document["malformed_cbor"]:
        try:
            value = cbor.decode(bytes.fromhex(m["hex"]))
            # python-fido2 is more lenient than the server (it reads repeated map keys and cuts a byte
            # string that claims more bytes than there are),
            # but inputs that are not CBOR at all it must refuse as well.
            if m["name"] in ("trailing bytes", "invalid UTF-8 text"):
                failures.append(f"cbor {m['name']}: python-fido2 decoded {value!r}")
        except Exception:
            pass
    print(f"webauthn vectors: {len(document['cases'])} cases checked with python-fido2 and cryptography, "
          f"{len(failures)} failure(s)")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "verify"
    if command == "generate":
        generate()
        sys.exit(verify())
    sys.exit(verify())
