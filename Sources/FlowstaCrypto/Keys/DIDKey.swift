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

    /// The Ed25519 public key of a `did:key` made by ``did(ed25519PublicKey:)``, or `nil` for
    /// anything else (another key type, bad base58, a wrong length). Bounded: a DID longer than
    /// 64 characters is refused before decoding.
    public static func ed25519PublicKey(of did: String) -> [UInt8]? {
        let prefix = "did:key:z"
        guard did.utf8.count <= 64, did.hasPrefix(prefix), let bytes = Base58.decode(String(did.dropFirst(prefix.count))),
              bytes.count == 34, bytes[0] == 0xed, bytes[1] == 0x01 else {
            return nil
        }
        let key = Array(bytes[2...])
        // Only the canonical spelling: re-encoding must give the same DID.
        return (try? Self.did(ed25519PublicKey: key)) == did ? key : nil
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

    /// The bytes of base58 `text`, or `nil` for a character outside the alphabet.
    static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []  // little-endian base-256 digits
        for character in text {
            guard let digit = alphabet.firstIndex(of: character) else { return nil }
            var carry = digit
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        let zeros = text.prefix(while: { $0 == "1" }).count
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
