import FlowstaCore
import Foundation

/// An app the user agreed to share data with (`/account`).
public struct ConnectedApp: Sendable, Equatable {
    public var appID: UUID
    public var clientID: String
    public var name: String
    public var scope: ScopeSet
    public var since: Date
}

extension OAuthProvider {
    /// The apps the user consented to, newest first.
    public func connectedApps(userID: UUID) async throws -> [ConnectedApp] {
        var result: [ConnectedApp] = []
        for consent in try await environment.consents.list(userID: userID) {
            guard let app = try await environment.directory.client(appID: consent.appID)?.app else { continue }
            result.append(ConnectedApp(appID: app.id, clientID: app.clientID, name: app.name, scope: consent.scope, since: consent.updatedAt))
        }
        return result.sorted { $0.since > $1.since }
    }

    /// Disconnects an app: forgets the consent and revokes every grant (so its refresh tokens
    /// and access tokens stop working).
    public func disconnect(userID: UUID, appID: UUID) async throws {
        let hadConsent = try await environment.consents.find(userID: userID, appID: appID) != nil
        try await environment.consents.delete(userID: userID, appID: appID)
        let revoked = try await environment.grants.revokeAll(userID: userID, appID: appID, at: environment.time.now)
        for grantID in revoked {
            await environment.changes.announce(.grant(grantID))
        }
        guard let app = try await environment.directory.client(appID: appID)?.app else { return }
        if hadConsent { await environment.report(.consentRevoked, userID: userID, app: app) }
        if !revoked.isEmpty { await environment.report(.tokensRevoked, userID: userID, app: app, details: ["reason": OAuthEvent.RevocationReason.consentRevoked.rawValue]) }
    }

    /// After a password change: every grant of the user is revoked, so no app keeps a refresh
    /// or access token issued before it (consents stay on record: the next sign-in needs no
    /// new consent).
    public func revokeAllGrants(userID: UUID) async throws {
        for grantID in try await environment.grants.revokeAll(userID: userID, appID: nil, at: environment.time.now) {
            await environment.changes.announce(.grant(grantID))
        }
    }
}

extension OAuthProvider {
    /// Retention (`flowsta retention run`): deletes spent or expired codes an hour after they
    /// expired (a replay within that hour still revokes what the code issued), expired refresh
    /// tokens, and grants whose tokens can no longer be used (revoked, or without a refresh token,
    /// once the last access token issued from them has expired: a grant issues tokens for at most
    /// a code's lifetime or the client-credentials reuse window, plus a minute of slack).
    public func purgeExpired(storage: any OAuthRetentionRepository) async throws -> OAuthPurgeCounts {
        let now = environment.time.now
        let tokenLifetime = max(environment.configuration.accessTokenLifetime, environment.configuration.idTokenLifetime)
        return try await storage.purge(
            now: now, codesBefore: now.addingTimeInterval(-3600),
            grantsBefore: now.addingTimeInterval(-(tokenLifetime + max(environment.configuration.codeLifetime, environment.configuration.clientCredentialsGrantReuse) + 60))
        )
    }
}
