import FlowstaCore
import Foundation

/// A change to one optional profile field.
public enum FieldUpdate: Sendable, Equatable {
    case keep
    case clear
    case set(String)
}

/// `PATCH /auth/me` input.
public struct ProfileUpdate: Sendable {
    public var username: String?
    public var displayName: FieldUpdate
    public var email: FieldUpdate

    public init(username: String? = nil, displayName: FieldUpdate = .keep, email: FieldUpdate = .keep) {
        self.username = username
        self.displayName = displayName
        self.email = email
    }
}

extension AccountService {
    /// Changes username, display name or email. A username change keeps the OPAQUE credential
    /// identifier the record was registered under, so the password keeps working.
    public func update(_ session: AuthenticatedSession, with update: ProfileUpdate) async throws -> UserProfile {
        var user = session.user
        if let raw = update.username {
            let username = try Self.validUsername(raw)
            user.username = username.value
            user.usernameNormalized = username.normalized
        }
        switch update.displayName {
        case .keep: break
        case .clear: user.displayName = nil
        case .set(let raw): user.displayName = try Self.validDisplayName(raw)
        }
        var change = EmailChange.none
        switch update.email {
        case .keep: break
        case .clear:
            user.emailSealed = nil
            user.emailIndex = nil
            user.emailVerified = false
        case .set(let raw): change = try await setEmail(raw, on: &user)
        }
        user.updatedAt = time.now
        try await save(&user, change: change, with: users.update)
        return try profile(of: user)
    }

    /// Deletes the account and all its server-side data (sessions, pending logins).
    /// - Throws: ``AccountError/reauthenticationRequired(withinSeconds:)`` without a fresh sign-in.
    public func deleteAccount(_ session: AuthenticatedSession) async throws {
        try requireFreshSignIn(session)
        try await users.delete(id: session.user.id)
    }
}
