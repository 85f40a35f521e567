import Crypto

/// SHA-256 for the modules above this one, which do not import swift-crypto (WebAuthn hashes the
/// relying party id and `clientDataJSON`).
public enum SHA256Digest {
    public static func of(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}
