import Crypto
import Foundation

/// Errors of the key ring: a key of the wrong size, or a sealed value that does not open.
public enum KeyRingError: Error, Equatable, Sendable {
    case invalidKeyLength
    case cannotOpen
}

/// Every secret at rest derives from the key-encryption key (KEK) through this type (P6).
///
/// Purposes are separated with HKDF-SHA256 so the sealing key, the email blind index and the
/// token peppers are independent keys even though one KEK is configured.
public struct KeyRing: Sendable {
    private let sealingKey: SymmetricKey
    private let kek: SymmetricKey

    /// - Parameter kek: the 32-byte key-encryption key from configuration.
    public init(kek: [UInt8]) throws {
        guard kek.count == 32 else { throw KeyRingError.invalidKeyLength }
        self.kek = SymmetricKey(data: kek)
        self.sealingKey = Self.derive(from: self.kek, purpose: "seal")
    }

    /// Seals `plaintext` with AES-256-GCM, binding it to `context` (the table and row it lives
    /// in) as associated data so a sealed value cannot be moved to another row.
    /// - Returns: nonce || ciphertext || tag.
    public func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: sealingKey, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw KeyRingError.cannotOpen }
        return [UInt8](combined)
    }

    /// Opens a value sealed by ``seal(_:context:)`` with the same context.
    public func open(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return [UInt8](try AES.GCM.open(box, using: sealingKey, authenticating: Array(context.utf8)))
        } catch {
            throw KeyRingError.cannotOpen
        }
    }

    /// A keyed hash (HMAC-SHA256) for one purpose, e.g. the email blind index or token lookup.
    public func keyedHasher(purpose: String) -> KeyedHasher {
        KeyedHasher(key: Self.derive(from: kek, purpose: "hash:" + purpose))
    }

    private static func derive(from kek: SymmetricKey, purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: kek, info: Array("flowsta \(purpose) v1".utf8), outputByteCount: 32)
    }
}

/// HMAC-SHA256 under one derived key; its output is what is stored instead of a secret.
public struct KeyedHasher: Sendable {
    let key: SymmetricKey

    /// Creates a hasher with an explicit key (for keys that never touch disk).
    public init(key: SymmetricKey) { self.key = key }

    /// The hex HMAC of `value`.
    public func hash(_ value: some DataProtocol) -> String {
        HMAC<SHA256>.authenticationCode(for: value, using: key).hexString
    }

    /// The hex HMAC of a string's UTF-8 bytes.
    public func hash(_ value: String) -> String { hash(Array(value.utf8)) }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex.
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension KeyedHasher {
    /// A hasher under a fresh random key that lives in memory only (e.g. the daily
    /// rate-limit key for client addresses, P2).
    public static func ephemeral() -> KeyedHasher {
        KeyedHasher(key: SymmetricKey(size: .bits256))
    }
}
