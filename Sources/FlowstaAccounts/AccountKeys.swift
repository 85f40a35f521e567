import FlowstaCrypto
import Foundation

/// The second OPAQUE record of an account, for its recovery code, and the envelope it opens.
public struct RecoveryLock: Sendable, Equatable {
    public var opaqueRecord: [UInt8]
    /// `recovery:<user id>` (``RecoveryCode/credentialIdentifier(userID:)``).
    public var credentialIdentifier: String
    public var envelope: [UInt8]

    public init(opaqueRecord: [UInt8], credentialIdentifier: String, envelope: [UInt8]) {
        self.opaqueRecord = opaqueRecord
        self.credentialIdentifier = credentialIdentifier
        self.envelope = envelope
    }
}

/// What the server keeps of a user's root key (docs/keys.md): envelopes only, each sealed on the
/// user's client under a key the server never holds.
public struct UserKeys: Sendable, Equatable {
    /// The `password` and `legacy-vault` envelopes, when present.
    public var envelopes: [KeyEnvelope.Kind: [UInt8]]
    public var recovery: RecoveryLock?

    public init(envelopes: [KeyEnvelope.Kind: [UInt8]] = [:], recovery: RecoveryLock? = nil) {
        self.envelopes = envelopes
        self.recovery = recovery
    }

    /// Whether the account has a root key (a password envelope).
    public var hasRootKey: Bool { envelopes[.password] != nil }

    /// Every kind of lock the account has.
    public var kinds: [KeyEnvelope.Kind] {
        KeyEnvelope.Kind.allCases.filter { $0 == .recovery ? recovery != nil : envelopes[$0] != nil }
    }
}

/// Storage of the users' envelopes, and the credential changes that must commit together with
/// them (one transaction each).
public protocol KeyRepository: Sendable {
    func keys(userID: UUID) async throws -> UserKeys
    /// Stores an account's first envelopes. - Returns: `false` (nothing stored) when the account
    /// already has a password envelope.
    func setUp(userID: UUID, keys: UserKeys, now: Date) async throws -> Bool
    /// Replaces the recovery lock. - Returns: `false` when the account has no root key.
    func replaceRecovery(userID: UUID, lock: RecoveryLock, now: Date) async throws -> Bool
    /// A password change: `user` (with its new OPAQUE record) and the password envelope in one
    /// transaction, and every session of the user but `keepingSession` ends.
    /// With `envelope == nil` the change is refused (``RepositoryConflict/rootKey``) when the
    /// account has a password envelope: its root key would become unreachable.
    func changePassword(_ user: StoredUser, envelope: [UInt8]?, keepingSession: String?, now: Date) async throws
    /// A reset without the recovery code: `user` (new OPAQUE record), every envelope replaced by
    /// `keys`, the passkeys' envelopes dropped (they hold the old root key), the vault emptied
    /// (nothing in it can be opened any more) and every session ended, in one transaction.
    func reset(_ user: StoredUser, keys: UserKeys, now: Date) async throws
}

/// What a single-use account token is for.
public enum AccountTokenPurpose: String, Sendable, CaseIterable {
    /// After the recovery code was proven: lets the client set the new password.
    case recovery
    /// A password-reset link sent to the verified address.
    case reset
    /// An email verification link.
    case emailVerification = "email-verification"
}

/// A single-use token (recovery, reset link, verification link). Only its keyed hash is stored.
public struct AccountToken: Sendable, Equatable {
    public var tokenHash: String
    public var userID: UUID
    public var purpose: AccountTokenPurpose
    /// What the token is bound to: the OPAQUE credential identifier (recovery), the email blind
    /// index of the address it was sent to (reset, verification).
    public var binding: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, userID: UUID, purpose: AccountTokenPurpose, binding: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.purpose = purpose
        self.binding = binding
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Storage of single-use account tokens.
public protocol AccountTokenRepository: Sendable {
    func insert(_ token: AccountToken) async throws
    /// The token, without using it up.
    func find(tokenHash: String, purpose: AccountTokenPurpose) async throws -> AccountToken?
    /// Removes and returns the token in one atomic step (usable once, even under concurrency).
    func consume(tokenHash: String, purpose: AccountTokenPurpose) async throws -> AccountToken?
    /// How many tokens of `purpose` were issued to the user since `since` (expired ones included
    /// until the cleanup removes them).
    func count(userID: UUID, purpose: AccountTokenPurpose, since: Date) async throws -> Int
    /// Deletes the user's tokens of `purpose` (a new address, a finished reset).
    func deleteAll(userID: UUID, purpose: AccountTokenPurpose) async throws
    /// Deletes tokens that expired ``AccountTokenRetention/afterExpiry`` or longer before `now`
    /// (until then the daily mail limits count them). - Returns: how many.
    func deleteExpired(now: Date) async throws -> Int
}

/// How long a spent-by-time token is kept: a day, so the daily mail limits still see it.
public enum AccountTokenRetention {
    public static let afterExpiry: TimeInterval = 86_400
}
