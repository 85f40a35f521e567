#!/usr/bin/env python3
"""Independent reference for the user vault's entry sealing (Public/js/vault.js, privacy
invariant P4); prints the known-answer vectors as JSON.

    vault_key = HKDF-SHA512(ikm: export_key, salt: empty, info: "flowsta vault v1", L: 32)
    aad       = utf8("flowsta vault v1:" kind ":" id)        (id: the entry's lowercase UUID)
    sealed    = 0x01 || nonce (12 bytes) || AES-256-GCM(vault_key, nonce, utf8(plaintext), aad)
                (the GCM output is ciphertext || 16-byte tag; on the wire base64url without padding)

HKDF is the standard-library implementation of Tests/support/analytics_vectors.py (checked there
against RFC 5869). AES-GCM comes from the `cryptography` package, which the standard library
lacks; the self-test checks it against the GCM specification's test case 16 (AES-256, 96-bit IV,
additional data) and checks HKDF against RFC 5869 A.1 before any vector is printed.

Needs `cryptography` (it is in the test venv: `"$(scripts/test-venv)" Tests/support/vault_vectors.py`).
Regenerate: "$(scripts/test-venv)" Tests/support/vault_vectors.py > Tests/FlowstaCryptoTests/Vectors/vault-v1.json
"""
import base64
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from analytics_vectors import hkdf, self_test as hkdf_self_test  # noqa: E402

try:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
except ImportError:
    sys.exit("vault_vectors.py needs the cryptography package: run it with \"$(scripts/test-venv)\"")

INFO = b"flowsta vault v1"
VERSION = b"\x01"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def vault_key(export_key):
    assert len(export_key) == 64
    return hkdf("sha512", export_key, b"", INFO, 32)


def aad(kind, entry_id):
    if not UUID.match(entry_id):
        raise ValueError(f"not a lowercase UUID: {entry_id!r}")
    if not kind:
        raise ValueError("empty kind")
    return INFO + b":" + kind.encode("utf-8") + b":" + entry_id.encode("ascii")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def seal(key, entry_id, kind, nonce, plaintext):
    assert len(nonce) == 12
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), aad(kind, entry_id))


def open_sealed(key, entry_id, kind, sealed):
    if len(sealed) < 1 + 12 + 16 or sealed[:1] != VERSION:
        raise ValueError("not a version 1 entry")
    return AESGCM(key).decrypt(sealed[1:13], sealed[13:], aad(kind, entry_id)).decode("utf-8")


def self_test():
    hkdf_self_test()
    # The Galois/Counter Mode of Operation (McGrew, Viega), test case 16: AES-256, 96-bit IV, AAD.
    key = bytes.fromhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
    iv = bytes.fromhex("cafebabefacedbaddecaf888")
    plaintext = bytes.fromhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                              "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
    additional = bytes.fromhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    expected = ("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                "76fc6ece0f4e1768cddf8853bb2d551b")
    out = AESGCM(key).encrypt(iv, plaintext, additional)
    assert out.hex() == expected, out.hex()


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def vectors():
    keys = [bytes(64), bytes(range(64))]
    entries = [
        (keys[0], "00000000-0000-4000-8000-000000000001", "signin", bytes(12),
         compact({"type": "signin", "at": "2026-11-29T20:15:00.000Z"})),
        (keys[0], "00000000-0000-4000-8000-000000000002", "consent", bytes(range(12)),
         compact({"type": "consent", "at": "2026-11-29T20:16:30.250Z", "client_id": "flowsta_app_aaaaaaaaaaaaaaaaaaaaaaaa",
                  "app": "Café Démo ✓", "scopes": ["openid", "profile"], "decision": "allow"})),
        (keys[1], "7d444840-9dc0-41d2-a3c3-a1f5b9c1e2d3", "signin", bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaab"),
         compact({"type": "signin", "at": "2026-12-01T08:00:00.000Z", "client_id": "flowsta_app_bbbbbbbbbbbbbbbbbbbbbbbb",
                  "app": "Notes"})),
        (keys[1], "f47ac10b-58cc-4372-a567-0e02b2c3d479", "consent", bytes.fromhex("ffffffffffffffffffffffff"),
         compact({"type": "consent", "at": "2026-12-01T08:01:00.000Z", "client_id": "flowsta_app_bbbbbbbbbbbbbbbbbbbbbbbb",
                  "app": "Notes", "scopes": ["openid"], "decision": "deny"})),
        (keys[1], "f47ac10b-58cc-4372-a567-0e02b2c3d480", "signin", bytes.fromhex("0102030405060708090a0b0c"), "{}"),
    ]
    out = []
    for export_key, entry_id, kind, nonce, plaintext in entries:
        key = vault_key(export_key)
        sealed = seal(key, entry_id, kind, nonce, plaintext)
        assert open_sealed(key, entry_id, kind, sealed) == plaintext
        out.append({
            "export_key": export_key.hex(), "vault_key": key.hex(), "id": entry_id, "kind": kind,
            "aad": aad(kind, entry_id).decode("utf-8"), "nonce": nonce.hex(), "plaintext": plaintext,
            "sealed": b64url(sealed),
        })
    return out


def main():
    self_test()
    document = {
        "description": "Flowsta user vault entries: vault_key = HKDF-SHA512(ikm: export_key, salt: empty, info, L: 32); "
                       "sealed = base64url_nopad(0x01 || nonce (12 bytes) || AES-256-GCM(vault_key, nonce, "
                       "utf8(plaintext), aad = utf8(info \":\" kind \":\" id)) with ciphertext || 16-byte tag). "
                       "Generated by Tests/support/vault_vectors.py.",
        "info": INFO.decode("ascii"),
        "vectors": vectors(),
    }
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
