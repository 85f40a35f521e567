#!/usr/bin/env python3
"""Independent reference for the user's root key and its envelopes (docs/keys.md,
Public/js/root-key.js, Sources/FlowstaCrypto/Keys/RootKey.swift); prints the known-answer
vectors as JSON.

    vault_key (format 2) = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta vault v2", L: 32)
    analytics_root       = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta analytics v2", L: 32)
    signing_seed         = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta signing v1", L: 32)
    analytics_id         = base64url_nopad(HMAC-SHA256(analytics_root, utf8(client_id ":" YYYY-MM))[0:16])

    wrap_key = HKDF-SHA512(ikm: lock_secret, salt: empty, info: utf8("flowsta envelope v1:" kind), L: 32)
    aad      = utf8("flowsta envelope v1:" kind ":" user_id)
    envelope = 0x01 || nonce (12) || AES-256-GCM(wrap_key, nonce, sealed_key (32), aad)   (61 bytes)

    vault entry (format 2) = 0x02 || nonce (12) || AES-256-GCM(vault_key, nonce, utf8(plaintext),
                             aad = utf8("flowsta vault v2:" kind ":" id))

    recovery code = 15 bytes as a 120-bit big-endian integer, 24 groups of 5 bits (most significant
                    first) in Crockford's base32 alphabet 0123456789ABCDEFGHJKMNPQRSTVWXYZ, shown
                    as six groups of four joined by '-'. Typed codes are normalized: ASCII spaces
                    and '-' removed, ASCII letters uppercased, O read as 0, I and L as 1; the result
                    must be exactly 24 alphabet characters.

Lock secrets are 64 bytes (the OPAQUE export key) for `password` and `recovery` envelopes and
32 bytes (the root key) for `legacy-vault` envelopes, which hold the format-1 vault key
(HKDF-SHA512(export_key, info: "flowsta vault v1"), Tests/support/vault_vectors.py).

HKDF is the standard-library implementation of Tests/support/analytics_vectors.py (checked there
against RFC 5869); AES-GCM comes from the `cryptography` package (checked by
Tests/support/vault_vectors.py against the GCM specification's test case 16). Base64url decoding
is strict (no padding, no foreign characters, no set trailing bits), like Public/js/bytes.js and
Sources/FlowstaCore/Base64URL.swift. The self-test runs before any vector is printed, and every
vector is checked by opening it again (and every invalid one by classifying it) here.

Needs `cryptography` (it is in the test venv).
Regenerate: "$(scripts/test-venv)" Tests/support/root_key_vectors.py > Tests/FlowstaCryptoTests/Vectors/root-key-v1.json
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from analytics_vectors import analytics_id, hkdf  # noqa: E402
from vault_vectors import self_test as vault_self_test, vault_key as vault_key_v1  # noqa: E402

try:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.exceptions import InvalidTag
except ImportError:
    sys.exit("root_key_vectors.py needs the cryptography package: run it with \"$(scripts/test-venv)\"")

VAULT_INFO_V2 = b"flowsta vault v2"
ANALYTICS_INFO_V2 = b"flowsta analytics v2"
SIGNING_INFO = b"flowsta signing v1"
ENVELOPE_LABEL = "flowsta envelope v1"
ENVELOPE_VERSION = 0x01
ENVELOPE_LENGTH = 1 + 12 + 32 + 16
ENTRY_VERSION_V2 = 0x02
LOCK_SECRET_LENGTHS = {"password": 64, "recovery": 64, "legacy-vault": 32, "passkey": 32}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
B64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B64URL = re.compile(r"^[A-Za-z0-9_-]*$")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class EnvelopeError(Exception):
    """Why an envelope does not open; `code` as in Public/js/root-key.js."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


# Keys derived from the root key.

def derive(root_key, info):
    assert len(root_key) == 32
    return hkdf("sha512", root_key, b"", info, 32)


def vault_key_v2(root_key):
    return derive(root_key, VAULT_INFO_V2)


def analytics_root_v2(root_key):
    return derive(root_key, ANALYTICS_INFO_V2)


def signing_seed(root_key):
    return derive(root_key, SIGNING_INFO)


# Base64url without padding, strict.

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text):
    """Strict decoding: None for padding, foreign characters, impossible lengths or set trailing bits."""
    if not isinstance(text, str) or not B64URL.match(text) or len(text) % 4 == 1:
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    # A canonical encoding is the only one that re-encodes to itself (no set trailing bits).
    return data if b64url(data) == text else None


# Envelopes.

def check_lock(kind, lock_secret):
    if kind not in LOCK_SECRET_LENGTHS:
        raise ValueError(f"unknown envelope kind {kind!r}")
    if len(lock_secret) != LOCK_SECRET_LENGTHS[kind]:
        raise ValueError(f"a {kind} lock secret has {LOCK_SECRET_LENGTHS[kind]} bytes")


def wrap_key(lock_secret, kind):
    check_lock(kind, lock_secret)
    return hkdf("sha512", lock_secret, b"", f"{ENVELOPE_LABEL}:{kind}".encode("utf-8"), 32)


def envelope_aad(kind, user_id):
    if not UUID.match(user_id):
        raise ValueError(f"not a lowercase UUID: {user_id!r}")
    return f"{ENVELOPE_LABEL}:{kind}:{user_id}".encode("utf-8")


def seal_envelope(kind, lock_secret, user_id, sealed_key, nonce):
    assert len(sealed_key) == 32 and len(nonce) == 12
    box = AESGCM(wrap_key(lock_secret, kind)).encrypt(nonce, sealed_key, envelope_aad(kind, user_id))
    return bytes([ENVELOPE_VERSION]) + nonce + box


def open_envelope(kind, lock_secret, user_id, text):
    data = from_b64url(text)
    if data is None or len(data) != ENVELOPE_LENGTH:
        raise EnvelopeError("invalid_envelope")
    if data[0] != ENVELOPE_VERSION:
        raise EnvelopeError("unsupported_version")
    try:
        return AESGCM(wrap_key(lock_secret, kind)).decrypt(data[1:13], data[13:], envelope_aad(kind, user_id))
    except InvalidTag:
        raise EnvelopeError("decryption_failed") from None


# Vault entries of format 2.

def entry_aad(kind, entry_id):
    if not UUID.match(entry_id):
        raise ValueError(f"not a lowercase UUID: {entry_id!r}")
    if not kind:
        raise ValueError("empty kind")
    return VAULT_INFO_V2 + b":" + kind.encode("utf-8") + b":" + entry_id.encode("ascii")


def seal_entry(key, entry_id, kind, nonce, plaintext):
    assert len(nonce) == 12
    return bytes([ENTRY_VERSION_V2]) + nonce + AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), entry_aad(kind, entry_id))


def open_entry(key, entry_id, kind, sealed):
    if len(sealed) < 1 + 12 + 16 or sealed[0] != ENTRY_VERSION_V2:
        raise ValueError("not a format 2 entry")
    return AESGCM(key).decrypt(sealed[1:13], sealed[13:], entry_aad(kind, entry_id)).decode("utf-8")


# Recovery codes.

def recovery_code(data):
    """(code as shown, normalized 24 characters) of 15 bytes."""
    assert len(data) == 15
    number = int.from_bytes(data, "big")
    normalized = "".join(ALPHABET[(number >> (5 * (23 - i))) & 31] for i in range(24))
    return "-".join(normalized[i:i + 4] for i in range(0, 24, 4)), normalized


def recovery_bytes(normalized):
    """The 15 bytes of a normalized code (the inverse of recovery_code)."""
    number = 0
    for character in normalized:
        number = (number << 5) | ALPHABET.index(character)
    return number.to_bytes(15, "big")


def normalize_recovery_code(typed):
    """The normalized code, or None. Only ASCII is transformed: str.upper() would map 'ı' to 'I'."""
    text = typed.replace(" ", "").replace("-", "").translate(ASCII_UPPER)
    text = text.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) != 24 or any(c not in ALPHABET for c in text):
        return None
    return text


# Self-test.

def self_test():
    vault_self_test()  # HKDF (RFC 5869 A.1, A.3) and AES-256-GCM (GCM spec test case 16)
    # HKDF-SHA512 with L = 32 is the first 32 bytes of T(1) = HMAC(PRK, info || 0x01).
    prk = hmac.new(bytes(64), b"ikm", "sha512").digest()
    assert hkdf("sha512", b"ikm", b"", b"info", 32) == hmac.new(prk, b"info\x01", "sha512").digest()[:32]
    # Strict base64url.
    assert from_b64url("AQID") == b"\x01\x02\x03" and from_b64url("AQI") == b"\x01\x02" and from_b64url("") == b""
    for bad in ("AQI=", "AQJ", "A", "AQ+/", "AQ I", "é"):
        assert from_b64url(bad) is None, bad
    # Recovery codes: the extremes, a round trip, and ASCII-only normalization.
    assert recovery_code(bytes(15)) == ("0000-0000-0000-0000-0000-0000", "0" * 24)
    assert recovery_code(b"\xff" * 15) == ("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", "Z" * 24)
    assert recovery_code(b"\x00" * 14 + b"\x01")[1] == "0" * 23 + "1"
    assert recovery_code(b"\x80" + b"\x00" * 14)[1] == "G" + "0" * 23  # 0b10000 = 16 = 'G'
    sample = bytes(range(100, 115))
    assert recovery_bytes(recovery_code(sample)[1]) == sample
    assert normalize_recovery_code("ı" * 24) is None and normalize_recovery_code("o" * 24) == "0" * 24
    # Envelopes round-trip and are 61 bytes.
    sealed = seal_envelope("password", bytes(64), "00000000-0000-4000-8000-000000000001", bytes(32), bytes(12))
    assert len(sealed) == ENVELOPE_LENGTH
    assert open_envelope("password", bytes(64), "00000000-0000-4000-8000-000000000001", b64url(sealed)) == bytes(32)


# Vectors.

def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


ROOT_KEYS = [
    bytes(32),
    bytes(range(32)),
    b"\xff" * 32,
    hashlib.sha256(b"flowsta root key vector 4").digest(),
]
EXPORT_KEYS = [bytes(64), bytes(range(64)), b"\xff" * 64, bytes(range(64, 128))]
USERS = [
    "00000000-0000-4000-8000-000000000001",
    "7d444840-9dc0-41d2-a3c3-a1f5b9c1e2d3",
    "f47ac10b-58cc-4372-a567-0e02b2c3d479",
    "c0ffee00-1234-4abc-9def-0123456789ab",
]
CLIENTS = ["flowsta_app_aaaaaaaaaaaaaaaaaaaaaaaa", "flowsta_app_bbbbbbbbbbbbbbbbbbbbbbbb"]
MONTHS = ["2026-11", "2026-12", "2027-01"]


def derivations():
    out = []
    for n, root in enumerate(ROOT_KEYS):
        analytics = analytics_root_v2(root)
        pairs = [(CLIENTS[0], MONTHS[0]), (CLIENTS[0], MONTHS[1]), (CLIENTS[1], MONTHS[0]), (CLIENTS[n % 2], MONTHS[2])]
        out.append({
            "root_key": root.hex(), "vault_key": vault_key_v2(root).hex(), "analytics_root": analytics.hex(),
            "signing_seed": signing_seed(root).hex(),
            "analytics_ids": [{"client_id": c, "month": m, "id": analytics_id(analytics, c, m)} for c, m in pairs],
        })
    return out


ENVELOPES = [
    # kind, lock secret, user, sealed key, nonce
    ("password", EXPORT_KEYS[0], USERS[0], ROOT_KEYS[0], bytes(12)),
    ("password", EXPORT_KEYS[1], USERS[1], ROOT_KEYS[1], bytes(range(12))),
    ("recovery", EXPORT_KEYS[2], USERS[1], ROOT_KEYS[1], b"\xff" * 12),
    ("recovery", EXPORT_KEYS[3], USERS[2], ROOT_KEYS[2], bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaab")),
    # A legacy-vault envelope: the root key locks the format-1 vault key of the old export key.
    ("legacy-vault", ROOT_KEYS[1], USERS[1], vault_key_v1(EXPORT_KEYS[1]), bytes.fromhex("0102030405060708090a0b0c")),
    ("legacy-vault", ROOT_KEYS[0], USERS[0], vault_key_v1(EXPORT_KEYS[0]), bytes(12)),
    ("password", EXPORT_KEYS[2], USERS[3], ROOT_KEYS[3], bytes.fromhex("5a" * 12)),
    ("legacy-vault", ROOT_KEYS[3], USERS[3], vault_key_v1(EXPORT_KEYS[2]), bytes.fromhex("fedcba987654321001234567")),
    # Passkey envelopes: the lock secret is the 32-byte output of the passkey's PRF extension.
    ("passkey", hashlib.sha256(b"prf output 1").digest(), USERS[0], ROOT_KEYS[0], bytes.fromhex("0f" * 12)),
    ("passkey", hashlib.sha256(b"prf output 2").digest(), USERS[1], ROOT_KEYS[1], bytes.fromhex("00112233445566778899aabb")),
]


def envelopes():
    out = []
    for kind, lock_secret, user_id, sealed_key, nonce in ENVELOPES:
        envelope = b64url(seal_envelope(kind, lock_secret, user_id, sealed_key, nonce))
        assert len(envelope) == 82 and open_envelope(kind, lock_secret, user_id, envelope) == sealed_key
        out.append({
            "kind": kind, "user_id": user_id, "lock_secret": lock_secret.hex(), "sealed_key": sealed_key.hex(),
            "nonce": nonce.hex(), "wrap_key": wrap_key(lock_secret, kind).hex(),
            "aad": envelope_aad(kind, user_id).decode("utf-8"), "envelope": envelope,
        })
    return out


def altered(data, index, mask):
    out = bytearray(data)
    out[index] ^= mask
    return bytes(out)


def invalid_envelopes():
    kind, secret, user, key, nonce = ENVELOPES[1]
    good = seal_envelope(kind, secret, user, key, nonce)
    legacy_kind, root, legacy_user, legacy_key, legacy_nonce = ENVELOPES[4]
    legacy = seal_envelope(legacy_kind, root, legacy_user, legacy_key, legacy_nonce)
    text = b64url(good)
    # 61 bytes leave 4 unused bits in the last of 82 characters: setting one is not canonical.
    non_canonical = text[:-1] + B64URL_ALPHABET[B64URL_ALPHABET.index(text[-1]) | 1]
    cases = [
        ("another user's id", kind, USERS[2], secret, text, "decryption_failed"),
        ("another kind of lock (a password envelope read as a recovery envelope)", "recovery", user, secret, text, "decryption_failed"),
        ("a ciphertext bit flipped", kind, user, secret, b64url(altered(good, 13, 0x01)), "decryption_failed"),
        ("a tag bit flipped", kind, user, secret, b64url(altered(good, 60, 0x80)), "decryption_failed"),
        ("a nonce bit flipped", kind, user, secret, b64url(altered(good, 1, 0x40)), "decryption_failed"),
        ("the wrong lock secret", kind, user, EXPORT_KEYS[0], text, "decryption_failed"),
        ("a password envelope read as a passkey envelope", "passkey", user, ROOT_KEYS[1], text, "decryption_failed"),
        ("a legacy-vault envelope under another root key", legacy_kind, legacy_user, ROOT_KEYS[0], b64url(legacy), "decryption_failed"),
        ("version byte 0x02", kind, user, secret, b64url(bytes([0x02]) + good[1:]), "unsupported_version"),
        ("version byte 0x00", kind, user, secret, b64url(bytes([0x00]) + good[1:]), "unsupported_version"),
        ("truncated to 60 bytes", kind, user, secret, b64url(good[:60]), "invalid_envelope"),
        ("62 bytes (one appended)", kind, user, secret, b64url(good + b"\x00"), "invalid_envelope"),
        ("a version 0x02 envelope of 62 bytes (the length is checked first)", kind, user, secret,
         b64url(bytes([0x02]) + good[1:] + b"\x00"), "invalid_envelope"),
        ("empty", kind, user, secret, "", "invalid_envelope"),
        ("not base64url (a space inside)", kind, user, secret, text[:40] + " " + text[41:], "invalid_envelope"),
        ("not base64url (padded)", kind, user, secret, text + "==", "invalid_envelope"),
        ("not base64url (the standard alphabet's '+')", kind, user, secret, text[:-2] + "+" + text[-1], "invalid_envelope"),
        ("not base64url (set trailing bits)", kind, user, secret, non_canonical, "invalid_envelope"),
    ]
    out = []
    for description, kind_, user_, secret_, envelope, error in cases:
        try:
            open_envelope(kind_, secret_, user_, envelope)
            raise AssertionError(f"{description}: opened")
        except EnvelopeError as failure:
            assert failure.code == error, (description, failure.code)
        out.append({"description": description, "kind": kind_, "user_id": user_, "lock_secret": secret_.hex(),
                    "envelope": envelope, "error": error})
    return out


def vault_entries():
    entries = [
        (ROOT_KEYS[0], "00000000-0000-4000-8000-000000000001", "signin", bytes(12),
         compact({"type": "signin", "at": "2026-11-29T20:15:00.000Z"})),
        (ROOT_KEYS[1], "7d444840-9dc0-41d2-a3c3-a1f5b9c1e2d3", "consent", bytes(range(12)),
         compact({"type": "consent", "at": "2026-11-29T20:16:30.250Z", "client_id": CLIENTS[0],
                  "app": "Café Démo ✓ 日本語 🎉", "scopes": ["openid", "profile"], "decision": "allow"})),
        (ROOT_KEYS[1], "f47ac10b-58cc-4372-a567-0e02b2c3d479", "signin", b"\xff" * 12,
         compact({"type": "signin", "at": "2026-12-01T08:00:00.000Z", "client_id": CLIENTS[1], "app": "Notes"})),
        (ROOT_KEYS[2], "c0ffee00-1234-4abc-9def-0123456789ab", "note.v2_x-1", bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaab"),
         "plain text, not JSON: Grüße — ½ ∑ 𝄞"),
        (ROOT_KEYS[3], "00000000-0000-4000-8000-000000000002", "signin", bytes.fromhex("0102030405060708090a0b0c"), ""),
        (ROOT_KEYS[3], "00000000-0000-4000-8000-000000000003", "consent", bytes.fromhex("5a" * 12), "{}"),
    ]
    out = []
    for root, entry_id, kind, nonce, plaintext in entries:
        key = vault_key_v2(root)
        sealed = seal_entry(key, entry_id, kind, nonce, plaintext)
        assert open_entry(key, entry_id, kind, sealed) == plaintext
        out.append({
            "root_key": root.hex(), "vault_key": key.hex(), "id": entry_id, "kind": kind,
            "aad": entry_aad(kind, entry_id).decode("utf-8"), "nonce": nonce.hex(), "plaintext": plaintext,
            "sealed": b64url(sealed),
        })
    return out


def typed_variants(code, normalized):
    """Ways a user may type `code` back; each normalizes to `normalized`."""
    groups = code.split("-")
    variants = [
        code.lower(),
        normalized,
        normalized.lower(),
        " ".join(groups),
        "  " + " - ".join(g.lower() for g in groups) + " ",
        "--" + "".join(g + "-" for g in groups),
        code.replace("0", "O"),
        code.lower().replace("0", "o"),
        code.replace("1", "I"),
        code.replace("1", "L"),
        code.lower().replace("1", "i"),
        code.lower().replace("1", "l"),
        "".join(c.lower() if i % 2 else c for i, c in enumerate(code)).replace("0", "o").replace("1", "L"),
        " ".join(normalized[i:i + 3] for i in range(0, 24, 3)),
    ]
    out = []
    for variant in variants:
        assert normalize_recovery_code(variant) == normalized, (variant, normalized)
        if variant not in out:
            out.append(variant)
    return out


def recovery_codes():
    documented = recovery_bytes("7K3MQ9XD2FGH0WZTM4RA8CNE")  # the example of docs/keys.md
    sources = [bytes(15), b"\xff" * 15, bytes(range(15)), documented,
               bytes.fromhex("0842108421" * 3), hashlib.sha256(b"flowsta recovery code vector").digest()[:15]]
    out = []
    for data in sources:
        code, normalized = recovery_code(data)
        assert normalize_recovery_code(code) == normalized and recovery_bytes(normalized) == data
        out.append({"bytes": data.hex(), "code": code, "normalized": normalized, "typed": typed_variants(code, normalized)})
    assert out[3]["code"] == "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNE"
    return out


INVALID_RECOVERY_CODES = [
    "",
    "    -   ",
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CN",            # 23 characters
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNEX",          # 25 characters
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNE-7K3M-Q9XD-2FGH-0WZT-M4RA-8CNE",  # twice
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNU",           # U is not in the alphabet
    "7k3m-q9xd-2fgh-0wzt-m4ra-8cnu",           # nor u
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNÉ",           # non-ASCII letter
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CN\u0415",      # Cyrillic Е, looks like E
    "\uff17K3M-Q9XD-2FGH-0WZT-M4RA-8CNE",      # fullwidth digit seven
    "7K3M-Q9XD-2FGH-\u0131WZT-M4RA-8CNE",      # dotless ı: JavaScript's toUpperCase makes it I
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CN\u017f",      # long ſ: toUpperCase makes it S
    "7K3M_Q9XD_2FGH_0WZT_M4RA_8CNE",           # underscores
    "7K3M.Q9XD.2FGH.0WZT.M4RA.8CNE",           # dots
    "7K3M/Q9XD/2FGH/0WZT/M4RA/8CNE",           # slashes
    "7K3M\tQ9XD\t2FGH\t0WZT\tM4RA\t8CNE",      # tabs
    "7K3M\nQ9XD-2FGH-0WZT-M4RA-8CNE",          # a newline
    "7K3M\u00a0Q9XD\u00a02FGH\u00a00WZT\u00a0M4RA\u00a08CNE",  # no-break spaces
    "7K3M\u2010Q9XD\u20102FGH\u20100WZT\u2010M4RA\u20108CNE",  # Unicode hyphens
    "7K3M\u2013Q9XD\u20132FGH\u20130WZT\u2013M4RA\u20138CNE",  # en dashes
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CNE\u0000",     # a NUL
    "7K3M-Q9XD-2FGH-0WZT-M4RA-8CN=",           # punctuation in place of a character
]


def invalid_recovery_codes():
    for typed in INVALID_RECOVERY_CODES:
        assert normalize_recovery_code(typed) is None, typed
    assert len(set(INVALID_RECOVERY_CODES)) == len(INVALID_RECOVERY_CODES)
    return INVALID_RECOVERY_CODES


def main():
    self_test()
    document = {
        "description": "Flowsta root key (docs/keys.md): keys derived from the root key with HKDF-SHA512 (salt empty, "
                       "L 32; info \"flowsta vault v2\", \"flowsta analytics v2\", \"flowsta signing v1\") and the "
                       "analytics ids of the derived root (base64url_nopad(HMAC-SHA256(analytics_root, utf8(client_id "
                       "\":\" YYYY-MM))[0..<16])); envelopes 0x01 || nonce || AES-256-GCM(wrap_key, nonce, sealed_key, "
                       "aad) with wrap_key = HKDF-SHA512(lock_secret, info \"flowsta envelope v1:\" kind) and aad "
                       "\"flowsta envelope v1:\" kind \":\" user_id (61 bytes, base64url without padding), and "
                       "envelopes that must not open, with the error expected (invalid_envelope: not base64url or not "
                       "61 bytes; unsupported_version: 61 bytes not starting with 0x01; decryption_failed); vault "
                       "entries of format 2 (0x02 || nonce || AES-256-GCM(vault_key, nonce, utf8(plaintext), aad "
                       "\"flowsta vault v2:\" kind \":\" id)); recovery codes (15 bytes as 24 Crockford base32 "
                       "characters, most significant first, in groups of four), ways of typing them back, and typed "
                       "strings that are not recovery codes. Generated by Tests/support/root_key_vectors.py.",
        "derivations": derivations(),
        "envelopes": envelopes(),
        "invalid_envelopes": invalid_envelopes(),
        "vault_entries": vault_entries(),
        "recovery_codes": recovery_codes(),
        "invalid_recovery_codes": invalid_recovery_codes(),
    }
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
