import Foundation

/// A user's signing key as registered (issue #21): the Ed25519 public key and its `did:key`,
/// proven held when it was registered (``FlowstaCrypto/SigningKeyProof``). The private key
/// never reaches the server: the user's client derives it from the root key (docs/keys.md). A
/// rotated key is kept, revoked, so signatures made with it can still be checked and dated.
public struct StoredUserSigningKey: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID
    public var publicKey: [UInt8]
    public var did: String
    public var createdAt: Date
    /// When a newer key replaced it; `nil` for the user's current key.
    public var revokedAt: Date?

    public init(id: UUID, userID: UUID, publicKey: [UInt8], did: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.publicKey = publicKey
        self.did = did
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Storage of signing keys. A DID is registered once, ever (a revoked key cannot come back to
/// anyone); a user has at most one current key.
public protocol UserSigningKeyRepository: Sendable {
    /// Makes `key` the user's current key, revoking the current one (at `key.createdAt`), and
    /// sets the user's `agentPublicKey` (what profiles, `did` and `public_key` show) to it, in one
    /// transaction. Nothing else writes `agentPublicKey` after sign-up.
    /// - Returns: `false` (nothing changed) when the DID was ever registered or the user is gone.
    func register(_ key: StoredUserSigningKey) async throws -> Bool
    /// The user's current key.
    func current(userID: UUID) async throws -> StoredUserSigningKey?
    /// The user's keys, newest first.
    func keys(userID: UUID) async throws -> [StoredUserSigningKey]
    /// The key of a DID, current or revoked.
    func key(did: String) async throws -> StoredUserSigningKey?
}
