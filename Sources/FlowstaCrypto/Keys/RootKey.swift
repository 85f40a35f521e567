import Crypto
import Foundation

/// The user's root key (issue #16): 32 random bytes made by the user's client, never sent in
/// clear. The vault key, the analytics root and the signing seed derive from it; the server only
/// keeps it sealed in ``KeyEnvelope``s. Format and known answers: `docs/keys.md`,
/// `Vectors/root-key-v1.json`.
public struct RootKey: Sendable, Equatable {
    public static let byteCount = 32
    public let bytes: [UInt8]

    /// - Throws: ``KeyEnvelope/Error/invalidKey`` unless `bytes` is 32 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else { throw KeyEnvelope.Error.invalidKey }
        self.bytes = bytes
    }

    /// A fresh root key from the operating system's CSPRNG.
    public static func generate() -> RootKey {
        RootKey(unchecked: SecureRandom.bytes(byteCount))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The key that seals vault entries of format 2 (`HKDF-SHA512(root, "flowsta vault v2")`).
    public var vaultKey: SymmetricKey { derive("flowsta vault v2") }
    /// The HMAC key of the user's analytics ids (`HKDF-SHA512(root, "flowsta analytics v2")`).
    public var analyticsRoot: SymmetricKey { derive("flowsta analytics v2") }
    /// The seed of the user's Ed25519 signing key (`HKDF-SHA512(root, "flowsta signing v1")`).
    public var signingSeed: SymmetricKey { derive("flowsta signing v1") }
    /// The user's Ed25519 signing key (RFC 8032, the seed as its private key): its `did:key` is
    /// the user's DID.
    public var signingKey: Curve25519.Signing.PrivateKey {
        // A 32-byte seed is always a valid Ed25519 private key.
        signingSeed.withUnsafeBytes { seed in
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { preconditionFailure("a 32-byte seed") }
            return key
        }
    }

    private func derive(_ info: String) -> SymmetricKey {
        KeyEnvelope.hkdf(bytes, info: info)
    }
}

/// A 32-byte key sealed under a lock secret, bound to one user and one kind of lock:
///
/// ```
/// wrap_key = HKDF-SHA512(ikm: lock_secret, salt: empty, info: "flowsta envelope v1:" kind, L: 32)
/// aad      = "flowsta envelope v1:" kind ":" user_id (lowercase)
/// envelope = 0x01 || nonce (12) || AES-256-GCM(wrap_key, nonce, key, aad) || tag (16)   (61 bytes)
/// ```
public enum KeyEnvelope {
    /// What can go wrong sealing or opening an envelope. Messages never contain key material.
    public enum Error: Swift.Error, Equatable, Sendable {
        /// Not 61 bytes.
        case invalidEnvelope
        /// 61 bytes, but not format version 1.
        case unsupportedVersion
        /// It does not authenticate under this lock secret, user and kind.
        case decryptionFailed
        /// A key or lock secret of the wrong size.
        case invalidKey
    }

    /// The kinds of lock; each names where its lock secret comes from.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The OPAQUE export key (64 bytes) of the password record.
        case password
        /// The OPAQUE export key (64 bytes) of the recovery-code record.
        case recovery
        /// The root key (32 bytes) itself; seals the vault key of format 1 (accounts older than
        /// the root key).
        case legacyVault = "legacy-vault"
        /// The output (32 bytes) of a passkey's PRF extension for Flowsta's PRF input; kept with
        /// the passkey, not with the account's other envelopes.
        case passkey

        /// How many bytes this kind's lock secret has.
        public var lockSecretLength: Int { self == .legacyVault || self == .passkey ? 32 : 64 }
    }

    public static let version: UInt8 = 0x01
    /// 1 + 12 + 32 + 16.
    public static let byteCount = 61
    static let label = "flowsta envelope v1"

    /// Seals `key` (32 bytes). - Parameter nonce: known-answer tests only.
    public static func seal(_ key: [UInt8], kind: Kind, lockSecret: [UInt8], userID: UUID, nonce: [UInt8]? = nil) throws -> [UInt8] {
        guard key.count == 32, lockSecret.count == kind.lockSecretLength else { throw Error.invalidKey }
        let box = try AES.GCM.seal(
            key, using: wrapKey(lockSecret: lockSecret, kind: kind), nonce: try nonce.map { try AES.GCM.Nonce(data: $0) } ?? AES.GCM.Nonce(),
            authenticating: aad(kind: kind, userID: userID)
        )
        return [version] + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
    }

    /// Opens an envelope: the 32-byte key it holds.
    public static func open(_ envelope: [UInt8], kind: Kind, lockSecret: [UInt8], userID: UUID) throws -> [UInt8] {
        try check(envelope)
        guard lockSecret.count == kind.lockSecretLength else { throw Error.invalidKey }
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: envelope[1..<13]), ciphertext: envelope[13..<45], tag: envelope[45..<61]
            )
            return Array(try AES.GCM.open(box, using: wrapKey(lockSecret: lockSecret, kind: kind), authenticating: aad(kind: kind, userID: userID)))
        } catch {
            throw Error.decryptionFailed
        }
    }

    /// What the server can check without any key: the size and the format version.
    public static func check(_ envelope: [UInt8]) throws {
        guard envelope.count == byteCount else { throw Error.invalidEnvelope }
        guard envelope.first == version else { throw Error.unsupportedVersion }
    }

    /// The wrap key of a lock (exposed for known-answer tests).
    public static func wrapKey(lockSecret: [UInt8], kind: Kind) -> SymmetricKey {
        hkdf(lockSecret, info: "\(label):\(kind.rawValue)")
    }

    static func aad(kind: Kind, userID: UUID) -> [UInt8] {
        Array("\(label):\(kind.rawValue):\(userID.uuidString.lowercased())".utf8)
    }

    static func hkdf(_ ikm: [UInt8], info: String) -> SymmetricKey {
        HKDF<SHA512>.deriveKey(inputKeyMaterial: SymmetricKey(data: ikm), salt: [UInt8](), info: Array(info.utf8), outputByteCount: 32)
    }
}

/// The account recovery code: 120 random bits written as 24 characters of Crockford's base32,
/// in six groups of four (`7K3M-Q9XD-2FGH-0WZT-M4RA-8CNE`). It is the "password" of the user's
/// second OPAQUE record (credential identifier `recovery:<user id>`), so it is never sent.
public struct RecoveryCode: Sendable, Equatable {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    public static let byteCount = 15
    public static let length = 24

    /// The 24 characters, without separators: what OPAQUE hardens.
    public let normalized: String

    /// The code as shown to the user.
    public var display: String {
        let characters = Array(normalized)
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }.joined(separator: "-")
    }

    /// A fresh code from the operating system's CSPRNG.
    public static func generate() -> RecoveryCode {
        // 15 bytes always encode to 24 characters.
        RecoveryCode(normalizedUnchecked: encode(SecureRandom.bytes(byteCount)))
    }

    /// The code of 15 given bytes (known-answer tests). - Returns: `nil` for another length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init(normalizedUnchecked: Self.encode(bytes))
    }

    /// Reads a typed code: spaces and hyphens are dropped, letters uppercased, `O` read as `0`,
    /// `I` and `L` as `1`. - Returns: `nil` unless 24 alphabet characters remain.
    public init?(typed: String) {
        var out: [UInt8] = []
        for byte in typed.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            var upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
            if upper == UInt8(ascii: "O") { upper = UInt8(ascii: "0") }
            if upper == UInt8(ascii: "I") || upper == UInt8(ascii: "L") { upper = UInt8(ascii: "1") }
            guard Self.alphabet.contains(upper), out.count < Self.length else { return nil }
            out.append(upper)
        }
        guard out.count == Self.length else { return nil }
        self.init(normalizedUnchecked: String(decoding: out, as: UTF8.self))
    }

    private init(normalizedUnchecked: String) { self.normalized = normalizedUnchecked }

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 0x1f])
            }
            buffer &= (1 << bits) - 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The OPAQUE credential identifier of a user's recovery record.
    public static func credentialIdentifier(userID: UUID) -> String { "recovery:" + userID.uuidString.lowercased() }
}
