import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636), S256 only.
public enum PKCE {
    /// RFC 7636 §4.1/§4.2: 43–128 characters of `[A-Za-z0-9-._~]`.
    static func isWellFormed(_ value: String) -> Bool {
        (43...128).contains(value.utf8.count) && value.utf8.allSatisfy { byte in
            (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x2d || byte == 0x2e || byte == 0x5f || byte == 0x7e
        }
    }

    /// `BASE64URL(SHA256(ASCII(code_verifier)))` (RFC 7636 §4.2).
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }

    /// RFC 7636 §4.6: recompute the S256 challenge and compare in constant time.
    static func verify(verifier: String, challenge: String) -> Bool {
        guard isWellFormed(verifier) else { return false }
        return ConstantTime.equal(Self.challenge(for: verifier), challenge)
    }
}
