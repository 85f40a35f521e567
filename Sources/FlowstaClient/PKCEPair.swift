import Crypto
import FlowstaCore
import FlowstaCrypto

/// A PKCE code verifier and its S256 challenge (RFC 7636 §4.1–4.2).
public struct PKCEPair: Sendable, Equatable {
    /// The secret the app keeps until the token request.
    public let verifier: String
    /// `BASE64URL(SHA256(verifier))`, sent in the authorization request.
    public let challenge: String
    /// Always `S256` (Flowsta refuses `plain`).
    public let method = "S256"

    /// A fresh pair: 32 random bytes, base64url (43 characters).
    public static func generate() -> PKCEPair {
        PKCEPair(verifier: Base64URL.encode(SecureRandom.bytes(32)))
    }

    /// The pair for a given verifier (43–128 characters of `[A-Za-z0-9-._~]`).
    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }
}
