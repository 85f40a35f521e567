import FlowstaCore
import FlowstaCrypto
import Foundation

/// What the user sees of their account.
public struct UserProfile: Sendable, Equatable {
    public var id: UUID
    public var username: String
    public var displayName: String?
    public var email: String?
    /// Whether the user followed a verification link to `email`.
    public var emailVerified: Bool
    public var did: String?
    public var createdAt: Date
}

/// The signed-in user, as resolved from a session token.
public struct AuthenticatedSession: Sendable {
    public var user: StoredUser
    public var tokenHash: String
    /// When the user signed in (OIDC `auth_time`).
    public var authenticatedAt: Date
    /// How the user signed in (OIDC `amr`).
    public var methods: AuthenticationMethods = .password

    /// When and how the user signed in, for the grants this session makes.
    public var authentication: UserAuthentication { UserAuthentication(time: authenticatedAt, methods: methods, sessionRef: reference) }

    /// The session's reference in grants: a hash of its token hash, so a grant row names its
    /// session without holding the key the sessions table is looked up by.
    public var reference: String { Self.reference(tokenHash: tokenHash) }

    public static func reference(tokenHash: String) -> String {
        Base64URL.encode(SHA256Digest.of(Array(("flowsta session reference v1:" + tokenHash).utf8)))
    }
}

extension AccountService {
    /// The profile of a stored user, with the email opened.
    public func profile(of user: StoredUser) throws -> UserProfile {
        var email: String?
        if let sealed = user.emailSealed {
            email = String(decoding: try keyRing.open(sealed, context: Self.emailContext(user.id)), as: UTF8.self)
        }
        let did = try user.agentPublicKey.map { try DIDKey.did(ed25519PublicKey: $0) }
        return UserProfile(
            id: user.id, username: user.username, displayName: user.displayName,
            email: email, emailVerified: email != nil && user.emailVerified, did: did, createdAt: user.createdAt
        )
    }

    static func emailContext(_ userID: UUID) -> String { SealingContext.userEmail(userID) }
}
