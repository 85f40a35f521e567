import Crypto
import Foundation

/// The sign-up proof of work (issue #15 §2.3): mass sign-up costs CPU time without the server
/// knowing anything about the client. The client finds a decimal `nonce` such that
///
///     SHA-256("flowsta-signup-v1:" ‖ challenge ‖ ":" ‖ normalized username ‖ ":" ‖ nonce)
///
/// starts with `difficulty` zero bits (most significant bit of the first byte first). The
/// username is inside the hash, so one solution creates one account. The same function is in
/// the browser client (`Public/js/signup-proof.js`); both pass `signup-proof-v1.json`.
public enum ProofOfWork {
    public static let label = "flowsta-signup-v1"
    /// A nonce is 1 to 20 decimal digits (any `UInt64`).
    public static let maxNonceLength = 20

    /// The hashed bytes.
    public static func input(challenge: String, username: String, nonce: String) -> [UInt8] {
        Array("\(label):\(challenge):\(username):\(nonce)".utf8)
    }

    /// The number of leading zero bits of `digest`.
    public static func leadingZeroBits(_ digest: some Sequence<UInt8>) -> Int {
        var bits = 0
        for byte in digest {
            guard byte == 0 else { return bits + byte.leadingZeroBitCount }
            bits += 8
        }
        return bits
    }

    /// Whether `nonce` is well formed and solves the challenge for `username` at `difficulty`.
    public static func isSolution(challenge: String, username: String, nonce: String, difficulty: Int) -> Bool {
        guard (1...maxNonceLength).contains(nonce.utf8.count), nonce.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return false
        }
        return leadingZeroBits(SHA256.hash(data: input(challenge: challenge, username: username, nonce: nonce))) >= difficulty
    }

    /// The smallest solution counting up from `0` (what clients send; `2^difficulty` hashes on
    /// average). - Throws: `CancellationError` when the task is cancelled meanwhile.
    public static func solve(challenge: String, username: String, difficulty: Int) throws -> String {
        let prefix = Array("\(label):\(challenge):\(username):".utf8)
        var nonce: UInt64 = 0
        while true {
            var hasher = SHA256()
            hasher.update(data: prefix)
            hasher.update(data: Array(String(nonce).utf8))
            if leadingZeroBits(hasher.finalize()) >= difficulty { return String(nonce) }
            nonce &+= 1
            if nonce & 0xFFFF == 0 { try Task.checkCancellation() }
        }
    }
}
