import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

extension FluentOAuthRepository: RefreshTokenRepository {
    struct RefreshRow: Codable {
        var token_hash: String
        var grant_id: UUID
        var user_id: UUID
        var app_id: UUID
        var client_id: String
        var scope: String
        var auth_time: Date
        var granted_at: Date
        var expires_at: Date
        var rotated_at: Date?

        static let columns = [
            "token_hash", "grant_id", "user_id", "app_id", "client_id", "scope", "auth_time", "granted_at", "expires_at", "rotated_at",
        ]

        var grant: StoredGrant {
            StoredGrant(
                id: grant_id, userID: user_id, appID: app_id, clientID: client_id,
                scope: (try? ScopeSet(parsing: scope)) ?? ScopeSet([]), authTime: auth_time, createdAt: granted_at
            )
        }

        var token: StoredRefreshToken {
            StoredRefreshToken(tokenHash: token_hash, grant: grant, expiresAt: expires_at, rotatedAt: rotated_at)
        }
    }

    public func insert(_ token: StoredRefreshToken) async throws {
        guard let userID = token.grant.userID else { throw OAuthError(.serverError, "refresh tokens are issued to users", cause: "refresh token without user") }
        let grant = token.grant
        try await sql.insert(into: "oauth_refresh_tokens").columns(RefreshRow.columns)
            .values(
                SQLBind(token.tokenHash), SQLBind(grant.id), SQLBind(userID), SQLBind(grant.appID), SQLBind(grant.clientID),
                SQLBind(grant.scope.wire), SQLBind(grant.authTime), SQLBind(grant.createdAt), SQLBind(token.expiresAt), SQLBind(token.rotatedAt)
            ).run()
    }

    public func find(tokenHash: String) async throws -> StoredRefreshToken? {
        try await sql.select().columns(RefreshRow.columns).from("oauth_refresh_tokens").where("token_hash", .equal, tokenHash)
            .first(decoding: RefreshRow.self)?.token
    }

    /// Two statements in the common case, no transaction: one conditional `UPDATE … RETURNING`
    /// (the atomic step) and the successor's `INSERT`. A crash between the two costs the user a
    /// new sign-in, never a second valid token.
    public func rotate(tokenHash: String, clientID: String, nextHash: String, nextExpiresAt: Date, at now: Date, grace: TimeInterval) async throws -> RefreshRotation {
        let rotated = try await sql.update("oauth_refresh_tokens").set("rotated_at", to: SQLBind(now))
            .where("token_hash", .equal, tokenHash).where("client_id", .equal, clientID)
            .where("rotated_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, SQLBind(now))
            .returning(RefreshRow.columns.map { SQLColumn($0) as any SQLExpression })
            .all(decoding: RefreshRow.self)
        if let row = rotated.first {
            try await insert(StoredRefreshToken(tokenHash: nextHash, grant: row.grant, expiresAt: nextExpiresAt))
            return .rotated(row.grant)
        }
        guard let current = try await find(tokenHash: tokenHash) else { return .unknown }
        guard current.grant.clientID == clientID else { return .otherClient }
        guard let rotatedAt = current.rotatedAt else { return .expired }
        guard now.timeIntervalSince(rotatedAt) <= grace else { return .reused(grantID: current.grantID) }
        try await insert(StoredRefreshToken(tokenHash: nextHash, grant: current.grant, expiresAt: nextExpiresAt))
        return .graced(current.grant)
    }
}
