import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

extension FluentOAuthRepository: RefreshTokenRepository {
    struct RefreshRow: Codable {
        var token_hash: String
        var grant_id: UUID
        var expires_at: Date
        var rotated_at: Date?

        static let columns = ["token_hash", "grant_id", "expires_at", "rotated_at"]
    }

    public func insert(_ token: StoredRefreshToken) async throws {
        try await Self.insert(token, into: sql)
    }

    static func insert(_ token: StoredRefreshToken, into sql: any SQLDatabase) async throws {
        try await sql.insert(into: "oauth_refresh_tokens").columns(RefreshRow.columns)
            .values(SQLBind(token.tokenHash), SQLBind(token.grantID), SQLBind(token.expiresAt), SQLBind(token.rotatedAt)).run()
    }

    public func find(tokenHash: String) async throws -> StoredRefreshToken? {
        try await sql.select().columns(RefreshRow.columns).from("oauth_refresh_tokens").where("token_hash", .equal, tokenHash)
            .first(decoding: RefreshRow.self)
            .map { StoredRefreshToken(tokenHash: $0.token_hash, grantID: $0.grant_id, expiresAt: $0.expires_at, rotatedAt: $0.rotated_at) }
    }

    public func rotate(tokenHash: String, next: StoredRefreshToken, at now: Date, grace: TimeInterval) async throws -> RefreshRotation {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            struct GrantIDRow: Codable { var grant_id: UUID }
            let rotated = try await sql.update("oauth_refresh_tokens").set("rotated_at", to: SQLBind(now))
                .where("token_hash", .equal, tokenHash).where("rotated_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, SQLBind(now))
                .returning("grant_id").all(decoding: GrantIDRow.self)
            if let row = rotated.first {
                try await Self.insert(next, into: sql)
                return .rotated(grantID: row.grant_id)
            }
            guard let row = try await sql.select().columns(RefreshRow.columns).from("oauth_refresh_tokens")
                .where("token_hash", .equal, tokenHash).first(decoding: RefreshRow.self) else { return .unknown }
            guard let rotatedAt = row.rotated_at else { return .expired }
            guard now.timeIntervalSince(rotatedAt) <= grace else { return .reused(grantID: row.grant_id) }
            try await Self.insert(next, into: sql)
            return .graced(grantID: row.grant_id)
        }
    }
}
