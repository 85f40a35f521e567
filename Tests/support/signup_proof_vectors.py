#!/usr/bin/env python3
"""Independent reference for the sign-up proof of work (Public/js/signup-proof.js and
FlowstaCrypto's ProofOfWork), using only the Python standard library; prints the known-answer
vectors as JSON.

    input  = utf8("flowsta-signup-v1:" challenge ":" username_normalized ":" nonce)
    valid  = nonce is 1-20 ASCII digits and SHA-256(input) starts with >= difficulty zero bits
             (most significant bit of the first byte first)
    nonce  = the smallest valid one counting "0", "1", "2", ... (what clients send)

username_normalized is the username lowercased (usernames are ASCII; the sign-up page trims it
first). SHA-256 is hashlib's; the self-test checks it against the NIST examples (the empty message,
"abc", the 448-bit and the 896-bit messages) before any vector is printed.

The challenges of the first vectors have the server's shape (base64url of version 1 || issue time ||
difficulty || 16 random bytes, then 32 hex digits; the "MAC" here is not a real one). The others
are shorter and longer strings chosen so that the hashed input ends in every place that matters
to a client that absorbs the constant prefix once: a prefix shorter than one block, exactly one
block, a nonce that crosses into a second block and padding that needs a second block.

Regenerate: python3 Tests/support/signup_proof_vectors.py > Tests/FlowstaCryptoTests/Vectors/signup-proof-v1.json
"""
import base64
import hashlib
import json
import re
import sys

LABEL = "flowsta-signup-v1"
MAX_NONCE_LENGTH = 20
NONCE = re.compile(r"^[0-9]{1,20}$", re.ASCII)
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{2,29}$", re.ASCII)


def normalize(username):
    return username.strip().lower()


def proof_input(challenge, username_normalized, nonce):
    return f"{LABEL}:{challenge}:{username_normalized}:{nonce}".encode("utf-8")


def leading_zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def is_solution(challenge, username_normalized, nonce, difficulty):
    if not NONCE.match(nonce):
        return False
    return leading_zero_bits(hashlib.sha256(proof_input(challenge, username_normalized, nonce)).digest()) >= difficulty


def solve(challenge, username_normalized, difficulty):
    """The smallest nonce counting up from "0" (no leading zeros)."""
    prefix = hashlib.sha256(proof_input(challenge, username_normalized, ""))
    n = 0
    while True:
        h = prefix.copy()
        h.update(str(n).encode("ascii"))
        if leading_zero_bits(h.digest()) >= difficulty:
            return str(n)
        n += 1


def server_shaped_challenge(seed, issued, difficulty):
    """base64url(1 || issued (8, big-endian) || difficulty (1) || 16 bytes) || 32 hex digits."""
    random = hashlib.sha256(b"signup-proof-v1 random " + seed).digest()[:16]
    payload = bytes([1]) + issued.to_bytes(8, "big") + bytes([difficulty]) + random
    encoded = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
    fake_mac = hashlib.sha256(b"signup-proof-v1 not a mac " + seed).hexdigest()[:32]
    challenge = encoded + fake_mac
    assert len(challenge) == 67
    return challenge


def filler(length, seed):
    """A base64url string of exactly `length` characters (a stand-in challenge)."""
    out = ""
    counter = 0
    while len(out) < length:
        out += base64.urlsafe_b64encode(hashlib.sha256(seed + bytes([counter])).digest()).rstrip(b"=").decode("ascii")
        counter += 1
    return out[:length]


def self_test():
    # NIST's SHA-256 examples (FIPS 180-4 / "SHA256.pdf"; the empty message from SHA256ShortMsg.rsp).
    kats = [
        (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]
    for message, expected in kats:
        assert hashlib.sha256(message).hexdigest() == expected, message
    assert leading_zero_bits(bytes([0, 0, 0x80])) == 16
    assert leading_zero_bits(bytes([0x0f])) == 4
    assert leading_zero_bits(bytes(32)) == 256
    # The incremental hash of solve() equals hashing the whole input.
    assert is_solution("c", "user", solve("c", "user", 6), 6)


def case(challenge, username, difficulty):
    assert USERNAME.match(username), username
    normalized = normalize(username)
    nonce = solve(challenge, normalized, difficulty)
    data = proof_input(challenge, normalized, nonce)
    digest = hashlib.sha256(data).digest()
    assert is_solution(challenge, normalized, nonce, difficulty)
    assert all(not is_solution(challenge, normalized, str(n), difficulty) for n in range(int(nonce)))
    return {
        "challenge": challenge, "username": username, "username_normalized": normalized,
        "difficulty": difficulty, "nonce": nonce, "input": data.decode("ascii"), "input_length": len(data),
        "sha256_hex": digest.hex(), "leading_zero_bits": leading_zero_bits(digest),
    }


def shaped_case(number, issued, username, difficulty):
    """A server-shaped challenge; the first of seeds "n", "n.1", "n.2", ... whose solution is not "0"
    when difficulty > 0 (so that every such vector needs a search)."""
    for attempt in range(100):
        seed = f"{number}" if attempt == 0 else f"{number}.{attempt}"
        challenge = server_shaped_challenge(seed.encode("ascii"), issued, difficulty)
        if difficulty == 0 or solve(challenge, normalize(username), difficulty) != "0":
            return challenge, username, difficulty
    raise AssertionError("no seed")


def vectors():
    issued = 1_795_000_000  # 2026-11-18T07:06:40Z
    shaped = [
        shaped_case(0, issued, "Alice", 0),
        shaped_case(1, issued + 1, "BOB_smith", 1),
        shaped_case(2, issued + 2, "carol-99", 4),
        shaped_case(3, issued + 3, "Dave", 8),
        shaped_case(4, issued + 4, "EveLynn_Example", 12),
        shaped_case(5, issued + 5, "Frank", 16),
        shaped_case(6, issued + 6, "Grace-Hopper_1906-Programmer", 16),
    ]
    prefix = len(LABEL) + 3  # "flowsta-signup-v1:" challenge ":" username ":"
    edges = [
        # Prefix shorter than one block: nothing to absorb ahead.
        ("abc", "Heidi", 8),
        # Prefix exactly one block (64 bytes): the nonce starts a new block.
        (filler(64 - prefix - len("ivan"), b"a"), "Ivan", 8),
        # 127-byte prefix: a nonce of 2 or more digits crosses from one block into the next.
        (filler(127 - prefix - len("judy"), b"b"), "JUDY", 8),
        # 118-byte prefix (54 bytes after the first block): one block for 1-digit nonces, then
        # the padding (0x80 and the 8-byte length) needs a second block.
        (filler(118 - prefix - len("mallory"), b"c"), "Mallory", 12),
        # The longest username with a server-shaped challenge: two blocks once the nonce has 3 digits.
        shaped_case(7, issued + 7, "Oscar_The_Thirty_Char_Username", 12),
    ]
    return [case(c, u, d) for c, u, d in shaped + edges]


def invalid_case(challenge, username, difficulty, nonce, reason, proof_username=None):
    """A proof the server refuses; the hash is over `proof_username` when the proof was solved for another one."""
    normalized = normalize(username)
    data = proof_input(challenge, normalized, nonce)
    digest = hashlib.sha256(data).digest()
    assert not is_solution(challenge, normalized, nonce, difficulty)
    out = {
        "challenge": challenge, "username": username, "username_normalized": normalized, "difficulty": difficulty,
        "nonce": nonce, "sha256_hex": digest.hex(), "leading_zero_bits": leading_zero_bits(digest), "reason": reason,
    }
    if proof_username is not None:
        out["solved_for_username_normalized"] = normalize(proof_username)
    return out


def first(predicate, candidates):
    return next(c for c in candidates if predicate(c))


def invalid_vectors(valid):
    out = []
    by_difficulty = {v["difficulty"]: v for v in reversed(valid)}
    for d in (8, 12, 16):
        v = by_difficulty[d]
        # The nonce just below the smallest solution: too few zero bits.
        assert v["nonce"] != "0"
        previous = str(int(v["nonce"]) - 1)
        out.append(invalid_case(v["challenge"], v["username"], d, previous, "not_enough_zero_bits"))
    # A solution presented at one bit more than its hash has.
    v = by_difficulty[12]
    harder = v["leading_zero_bits"] + 1
    out.append(invalid_case(v["challenge"], v["username"], harder, v["nonce"], "not_enough_zero_bits"))
    # A solution for one username does not work for another.
    v = by_difficulty[16]
    other = "Frankie"
    assert not is_solution(v["challenge"], normalize(other), v["nonce"], 16)
    out.append(invalid_case(v["challenge"], other, 16, v["nonce"], "wrong_username", proof_username=v["username"]))
    # Malformed nonces whose hash would meet the difficulty: only the format refuses them.
    v = by_difficulty[8]
    c, u = v["challenge"], v["username_normalized"]
    meets = lambda n: leading_zero_bits(hashlib.sha256(proof_input(c, u, n)).digest()) >= 8  # noqa: E731
    for reason, nonce in [
        ("malformed_nonce", first(meets, (f"{k}a" for k in range(10**6)))),
        ("malformed_nonce", first(meets, (f"+{k}" for k in range(10**6)))),
        ("malformed_nonce", first(meets, (f" {k}" for k in range(10**6)))),
        ("malformed_nonce", first(meets, (f"-{k}" for k in range(10**6)))),
        ("malformed_nonce", first(meets, (str(10**20 + k) for k in range(10**6)))),  # 21 digits
        ("malformed_nonce", first(meets, (f"{k}\u0661" for k in range(10**6)))),  # ARABIC-INDIC DIGIT ONE
        ("malformed_nonce", ""),
    ]:
        out.append(invalid_case(v["challenge"], v["username"], 8, nonce, reason))
    return out


def main():
    self_test()
    valid = vectors()
    document = {
        "description": "Flowsta sign-up proof of work: input = utf8(\"flowsta-signup-v1:\" challenge \":\" "
                       "username_normalized \":\" nonce); a proof is valid when nonce is 1-20 ASCII digits and "
                       "SHA-256(input) starts with at least difficulty zero bits (most significant bit of byte 0 "
                       "first). username_normalized = lowercase(trim(username)). In vectors, nonce is the smallest "
                       "valid one counting \"0\", \"1\", \"2\", ...; invalid lists proofs a server refuses "
                       "(reason: not_enough_zero_bits, wrong_username, malformed_nonce; sha256_hex and "
                       "leading_zero_bits are over the input with username_normalized). Challenges are not "
                       "real server challenges (their MACs are made up). Generated by "
                       "Tests/support/signup_proof_vectors.py.",
        "label": LABEL,
        "max_nonce_length": MAX_NONCE_LENGTH,
        "vectors": valid,
        "invalid": invalid_vectors(valid),
    }
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
