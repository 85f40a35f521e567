import FlowstaCore

/// `did:key` identifiers for Ed25519 public keys (W3C did:key method, multicodec `ed25519-pub`).
public enum DIDKey {
    /// Errors building a DID.
    public enum Error: Swift.Error, Equatable, Sendable { case invalidPublicKey }

    /// `did:key:z…`: base58btc (multibase prefix `z`) of 0xed 0x01 || the 32-byte key.
    public static func did(ed25519PublicKey key: [UInt8]) throws -> String {
        guard key.count == 32 else { throw Error.invalidPublicKey }
        return "did:key:z" + Base58.encode([0xed, 0x01] + key)
    }
}

/// Bitcoin-alphabet base58, as multibase `base58btc` uses.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

    static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        let digits = RadixDigits.digits(of: bytes, base: 58).map { alphabet[$0] }
        return String(repeating: "1", count: zeros) + String(digits)
    }
}
