#!/usr/bin/env python3
"""Known answers for the user's signing key and its registration proof (issue #21), made with
independent implementations: pyca/cryptography (Ed25519, RFC 8032: its signatures are
deterministic) and the HKDF and base58 written here from RFC 5869 and the base58btc alphabet.

    signing_seed = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta signing v1", L: 32)
    public_key   = Ed25519 public key of the seed (RFC 8032 §5.1.5)
    did          = "did:key:z" base58btc(0xed 0x01 || public_key)
    proof        = Ed25519(seed, utf8("flowsta signing key proof v1" LF did LF base64url(challenge)))

Also DIDs that are not Ed25519 did:keys, and proofs that must not verify.
Usage: "$(scripts/test-venv)" Tests/support/signing_key_vectors.py > Tests/FlowstaCryptoTests/Vectors/signing-key-v1.json
"""
import base64
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from analytics_vectors import hkdf  # noqa: E402

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat  # noqa: E402

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
LABEL = "flowsta signing key proof v1"


def b58(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def did_of(public):
    return "did:key:z" + b58(b"\xed\x01" + public)


def message(did, challenge):
    return f"{LABEL}\n{did}\n{b64url(challenge)}".encode("utf-8")


def keys(root):
    seed = hkdf("sha512", root, b"", b"flowsta signing v1", 32)
    private = Ed25519PrivateKey.from_private_bytes(seed)
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return seed, private, public


ROOTS = [bytes(32), bytes(range(32)), b"\xff" * 32, hashlib.sha256(b"signing root 4").digest()]
CHALLENGES = [bytes(32), bytes(range(100, 132)), hashlib.sha256(b"challenge 3").digest(), b"\x01" * 32]


def main():
    proofs = []
    for root, challenge in zip(ROOTS, CHALLENGES):
        seed, private, public = keys(root)
        did = did_of(public)
        msg = message(did, challenge)
        signature = private.sign(msg)
        private.public_key().verify(signature, msg)
        proofs.append({"root_key": root.hex(), "signing_seed": seed.hex(), "public_key": public.hex(), "did": did,
                       "challenge": challenge.hex(), "message": msg.hex(), "signature": signature.hex()})
    first = proofs[0]
    sig = bytes.fromhex(first["signature"])
    flipped = bytearray(sig)
    flipped[10] ^= 0x01
    other_challenge = bytes.fromhex(proofs[1]["challenge"])
    _, private1, _ = keys(ROOTS[1])
    invalid = [
        {"description": "a signature bit flipped", "public_key": first["public_key"], "challenge": first["challenge"], "signature": bytes(flipped).hex()},
        {"description": "another challenge", "public_key": first["public_key"], "challenge": other_challenge.hex(), "signature": first["signature"]},
        {"description": "signed by another key", "public_key": first["public_key"], "challenge": first["challenge"],
         "signature": private1.sign(bytes.fromhex(first["message"])).hex()},
        {"description": "the challenge signed without the label and DID", "public_key": first["public_key"], "challenge": first["challenge"],
         "signature": keys(ROOTS[0])[1].sign(bytes.fromhex(first["challenge"])).hex()},
        {"description": "a 63-byte signature", "public_key": first["public_key"], "challenge": first["challenge"], "signature": sig[:63].hex()},
        {"description": "a 31-byte public key", "public_key": first["public_key"][:62], "challenge": first["challenge"], "signature": first["signature"]},
    ]
    not_dids = [
        "did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F",  # an X25519 did:key (multicodec 0xec)
        "did:key:" + first["did"][len("did:key:z"):],  # no multibase prefix
        first["did"].replace("did:key:z", "did:key:z0", 1),  # '0' is not base58
        "did:key:z" + b58(b"\xed\x01" + bytes(31)),  # 31-byte key
        "did:web:example.com",
        "did:key:z" + b58(b"\x00\xed\x01" + bytes.fromhex(first["public_key"])),  # a leading zero byte
        "",
    ]
    document = {
        "description": "Flowsta signing keys (docs/keys.md): signing_seed = HKDF-SHA512(root_key, info \"flowsta signing v1\", "
                       "L 32), the Ed25519 public key of the seed (RFC 8032), did = \"did:key:z\" base58btc(0xed 0x01 || "
                       "public_key), and the registration proof: Ed25519 over utf8(\"flowsta signing key proof v1\" LF did LF "
                       "base64url(challenge)); proofs that must not verify; strings that are not Ed25519 did:keys. Generated "
                       "by Tests/support/signing_key_vectors.py (pyca/cryptography).",
        "proofs": proofs,
        "invalid_proofs": invalid,
        "not_ed25519_did_keys": not_dids,
    }
    json.dump(document, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
