import Foundation

/// A passkey as stored: the credential's id and public key (neither is a secret), its counter,
/// the name the user gave it and, where the authenticator has the PRF extension, the user's root
/// key sealed by the client under a PRF-derived key (docs/keys.md: the server cannot open it).
/// Nothing about the device (no AAGUID, no name from the authenticator) is kept.
public struct StoredPasskey: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID
    public var credentialID: [UInt8]
    /// The COSE key as the authenticator encoded it.
    public var publicKey: [UInt8]
    public var algorithm: Int
    public var signCount: UInt32
    public var name: String
    /// A synced passkey (backup eligible): `swk` in `amr`; a device-bound one is `hwk`.
    public var backupEligible: Bool
    /// The root key sealed under the PRF output of this passkey, when the client made one.
    public var rootKeyEnvelope: [UInt8]?
    public var createdAt: Date

    public init(
        id: UUID, userID: UUID, credentialID: [UInt8], publicKey: [UInt8], algorithm: Int, signCount: UInt32, name: String,
        backupEligible: Bool, rootKeyEnvelope: [UInt8]? = nil, createdAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.credentialID = credentialID
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.signCount = signCount
        self.name = name
        self.backupEligible = backupEligible
        self.rootKeyEnvelope = rootKeyEnvelope
        self.createdAt = createdAt
    }
}

/// Storage of passkeys. The counter moves by compare-and-set, so two assertions racing with one
/// counter value cannot both be accepted.
public protocol PasskeyRepository: Sendable {
    /// - Returns: `false` when the credential id is registered already (to anyone).
    func insert(_ passkey: StoredPasskey) async throws -> Bool
    func passkey(credentialID: [UInt8]) async throws -> StoredPasskey?
    /// The user's passkeys, oldest first.
    func passkeys(userID: UUID) async throws -> [StoredPasskey]
    /// Sets the counter to `to` if it is still `from`. - Returns: whether it was.
    func updateSignCount(id: UUID, from: UInt32, to: UInt32) async throws -> Bool
    /// Gives a passkey its root key envelope, if it has none yet (one is never replaced: a
    /// session alone must not be able to swap a working lock for one that does not open).
    /// - Returns: whether the user had such a passkey without an envelope.
    func setRootKeyEnvelope(id: UUID, userID: UUID, envelope: [UInt8]) async throws -> Bool
    /// - Returns: whether the user has such a passkey.
    func rename(id: UUID, userID: UUID, to name: String) async throws -> Bool
    /// - Returns: whether the user had such a passkey.
    func delete(id: UUID, userID: UUID) async throws -> Bool
}
