import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

extension FluentOAuthRepository: RefreshTokenRepository {
    struct RefreshRow: Codable {
        var token_hash: String
        var expires_at: Date
        var rotated_at: Date?

        static let columns = ["token_hash"] + GrantSnapshot.columns + ["expires_at", "rotated_at"]
        static let list = HotSQL.columns(columns)

        static func token(_ row: any SQLRow) throws -> StoredRefreshToken {
            let token = try row.decode(model: RefreshRow.self)
            return StoredRefreshToken(
                tokenHash: token.token_hash, grant: try row.decode(model: GrantSnapshot.self).grant,
                expiresAt: token.expires_at, rotatedAt: token.rotated_at
            )
        }
    }

    public func insert(_ token: StoredRefreshToken) async throws {
        let values = HotSQL.values([SQLBind(token.tokenHash)] + (try GrantSnapshot.binds(token.grant)) + [SQLBind(token.expiresAt), SQLBind(token.rotatedAt)])
        try await sql.raw("INSERT INTO oauth_refresh_tokens (\(unsafeRaw: RefreshRow.list)) VALUES (\(values))").run()
    }

    public func find(tokenHash: String) async throws -> StoredRefreshToken? {
        try await store.reader.raw("SELECT \(unsafeRaw: RefreshRow.list) FROM oauth_refresh_tokens WHERE token_hash = \(bind: tokenHash)")
            .first().map(RefreshRow.token)
    }

    /// Two statements in the common case, no transaction: one conditional `UPDATE … RETURNING`
    /// (the atomic step) and the successor's `INSERT`. A crash between the two costs the user a
    /// new sign-in, never a second valid token.
    public func rotate(
        tokenHash: String, clientID: String, nextHash: String, nextExpiresAt: Date, maxGrantAge: TimeInterval, at now: Date, grace: TimeInterval
    ) async throws -> RefreshRotation {
        func successor(of grant: StoredGrant) -> StoredRefreshToken {
            StoredRefreshToken(tokenHash: nextHash, grant: grant, expiresAt: min(nextExpiresAt, grant.createdAt.addingTimeInterval(maxGrantAge)))
        }
        let rotated = try await sql.raw("""
            UPDATE oauth_refresh_tokens SET rotated_at = \(bind: now)
            WHERE token_hash = \(bind: tokenHash) AND client_id = \(bind: clientID) AND rotated_at IS NULL AND expires_at > \(bind: now)
            RETURNING \(unsafeRaw: RefreshRow.list)
            """).all()
        if let row = rotated.first {
            let grant = try RefreshRow.token(row).grant
            try await insert(successor(of: grant))
            return .rotated(grant)
        }
        guard let current = try await find(tokenHash: tokenHash) else { return .unknown }
        guard current.grant.clientID == clientID else { return .otherClient }
        guard let rotatedAt = current.rotatedAt else { return .expired }
        guard now.timeIntervalSince(rotatedAt) <= grace else { return .reused(grantID: current.grantID) }
        // One successor within the grace window: the same conditional-update step as above.
        let graced = try await sql.update("oauth_refresh_tokens").set("graced_at", to: SQLBind(now))
            .where("token_hash", .equal, tokenHash).where("graced_at", .is, SQLLiteral.null)
            .returning(SQLColumn("token_hash"))
            .all()
        guard !graced.isEmpty else { return .graceSpent }
        try await insert(successor(of: current.grant))
        return .graced(current.grant)
    }
}
