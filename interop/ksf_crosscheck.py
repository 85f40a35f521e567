#!/usr/bin/env python3
"""Supplementary KSF check (the HTTP interop run cannot see the KSF: only clients run it).

Question: does opaque-ke's `argon2::Argon2::default()` KSF (used by the third-party client)
produce the same stretched value as the Swift KSF (`KSF.recommended` in
Sources/FlowstaCrypto/OPAQUE/KSF.swift: libsodium crypto_pwhash, Argon2id v1.3, m = 19456 KiB,
t = 2, 16 zero salt bytes, 64-byte output)? If yes, a password registered by one client logs in
with the other.

How: register/start against a running server with `opaque-ke-py` (its client state is
serializable, so the OPRF blind is visible), let the library finish the registration, then
recompute randomized_password from scratch (RFC 9807 §5.2.1 / §4.1.2) with the system libsodium
(the library the Swift binary links) using the exact crypto_pwhash call of KSF.swift, and compare
the library's export_key and the record's masking_key. Three wrong KSFs serve as negative controls.

Usage: python3 ksf_crosscheck.py BASE_URL        (needs: pip install 'opaque-ke-py==0.1.0', libsodium)
"""

import base64
import ctypes
import ctypes.util
import hashlib
import hmac
import json
import os
import secrets
import sys
import urllib.request

import opaque_ke_py

sodium = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
assert sodium.sodium_init() >= 0


def b64e(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def argon2id(data, ops, mem_kib, out_len=64, salt=bytes(16)):
    """The same call as KSF.swift: crypto_pwhash(out, 64, in, len, salt, t, m*1024, argon2id13)."""
    out = ctypes.create_string_buffer(out_len)
    rc = sodium.crypto_pwhash(out, ctypes.c_ulonglong(out_len), data, ctypes.c_ulonglong(len(data)),
                              salt, ctypes.c_ulonglong(ops), ctypes.c_size_t(mem_kib * 1024),
                              ctypes.c_int(sodium.crypto_pwhash_alg_argon2id13()))
    assert rc == 0, "crypto_pwhash failed"
    return out.raw


def unblind(blind, evaluated):
    inverse, n = ctypes.create_string_buffer(32), ctypes.create_string_buffer(32)
    assert sodium.crypto_core_ristretto255_scalar_invert(inverse, blind) == 0
    assert sodium.crypto_scalarmult_ristretto255(n, inverse, evaluated) == 0
    return n.raw


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLOWSTA_URL", "")).rstrip("/")
    password = ("ksf " + secrets.token_hex(8)).encode()
    start = opaque_ke_py.client_registration_start(password)
    state = bytes(start.get_state())  # opaque-ke: blind scalar (32, LE) || blinded element (32)
    body = json.dumps({"username": "ksf" + secrets.token_hex(5),
                       "registration_request": b64e(bytes(start.get_message()))}).encode()
    req = urllib.request.Request(base + "/auth/opaque/register/start", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    response = b64d(json.load(urllib.request.urlopen(req, timeout=30))["registration_response"])
    finish = opaque_ke_py.client_registration_finish(password, state, response)
    record, export_key = bytes(finish.get_message()), bytes(finish.get_export_key())
    masking_key, nonce = record[32:96], record[96:128]  # client_public_key | masking_key | envelope

    n = unblind(state[:32], response[:32])
    oprf_output = hashlib.sha512(len(password).to_bytes(2, "big") + password
                                 + (32).to_bytes(2, "big") + n + b"Finalize").digest()

    def derived(stretched):
        rp = hmac.new(bytes(64), oprf_output + stretched, hashlib.sha512).digest()  # Extract("", ..)
        expand = lambda info: hmac.new(rp, info + b"\x01", hashlib.sha512).digest()  # Expand, L=64
        return expand(nonce + b"ExportKey"), expand(b"MaskingKey")

    cases = [
        ("Swift KSF.recommended (Argon2id m=19456 KiB, t=2, p=1, zero salt, 64 B) reproduces "
         "the library's export_key and masking_key", argon2id(oprf_output, 2, 19456), True),
        ("negative control: identity KSF does not match", oprf_output, False),
        ("negative control: Argon2id m=65536 KiB does not match", argon2id(oprf_output, 2, 65536), False),
        ("negative control: Argon2id t=3 does not match", argon2id(oprf_output, 3, 19456), False),
    ]
    passed = failed = 0
    for name, stretched, should_match in cases:
        ok = (derived(stretched) == (export_key, masking_key)) == should_match
        passed, failed = passed + ok, failed + (not ok)
        print(("PASS " if ok else "FAIL ") + name)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
