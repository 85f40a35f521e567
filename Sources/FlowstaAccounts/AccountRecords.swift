import FlowstaCore
import Foundation

/// A user account as stored. Secrets are already sealed or hashed here (P6): the email is
/// AES-GCM ciphertext plus a keyed blind index, the OPAQUE record is the RFC 9807
/// registration record (no password-equivalent).
public struct StoredUser: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var usernameNormalized: String
    /// The OPAQUE credential identifier the record was registered under (the normalized
    /// username at registration or last password change; kept when the username changes so the
    /// record stays valid).
    public var credentialIdentifier: String
    public var displayName: String?
    public var emailSealed: [UInt8]?
    /// The blind index of the address, set only once the address is verified (so at most one
    /// account holds a verified address).
    public var emailIndex: String?
    /// Whether the user followed a verification link sent to the current address.
    public var emailVerified: Bool
    public var agentPublicKey: [UInt8]?
    public var opaqueRecord: [UInt8]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, username: String, usernameNormalized: String, credentialIdentifier: String,
        displayName: String?, emailSealed: [UInt8]?, emailIndex: String?, emailVerified: Bool = false, agentPublicKey: [UInt8]?,
        opaqueRecord: [UInt8], createdAt: Date, updatedAt: Date
    ) {
        self.emailVerified = emailVerified
        self.id = id
        self.username = username
        self.usernameNormalized = usernameNormalized
        self.credentialIdentifier = credentialIdentifier
        self.displayName = displayName
        self.emailSealed = emailSealed
        self.emailIndex = emailIndex
        self.agentPublicKey = agentPublicKey
        self.opaqueRecord = opaqueRecord
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A browser or SDK session. Only the keyed hash of the token is stored.
public struct StoredSession: Sendable, Equatable {
    public var tokenHash: String
    public var userID: UUID
    /// When the user signed in (the session is opened by the sign-in).
    public var createdAt: Date
    public var expiresAt: Date
    /// How the user signed in (OIDC `amr`).
    public var methods: AuthenticationMethods

    public init(tokenHash: String, userID: UUID, createdAt: Date, expiresAt: Date, methods: AuthenticationMethods = .password) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.methods = methods
    }
}

/// Server state between OPAQUE `KE2` and `KE3`, sealed, keyed by the hash of the login id.
public struct PendingLogin: Sendable, Equatable {
    public var handleHash: String
    /// `nil` when the username was unknown and a fake record answered.
    public var userID: UUID?
    public var sealedState: [UInt8]
    public var expiresAt: Date

    public init(handleHash: String, userID: UUID?, sealedState: [UInt8], expiresAt: Date) {
        self.handleHash = handleHash
        self.userID = userID
        self.sealedState = sealedState
        self.expiresAt = expiresAt
    }
}
