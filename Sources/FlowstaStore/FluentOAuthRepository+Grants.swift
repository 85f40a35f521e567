import FlowstaCore
import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

extension FluentOAuthRepository: GrantRepository {
    struct GrantRow: Codable {
        var id: UUID
        var user_id: UUID?
        var app_id: UUID
        var client_id: String
        var scope: String
        var auth_time: Date
        var created_at: Date
        var revoked_at: Date?
        var amr: String?
        var acr: String?
        var id_token_claims: String?
        var session_ref: String?

        static let columns = [
            "id", "user_id", "app_id", "client_id", "scope", "auth_time", "created_at", "revoked_at", "amr", "acr", "id_token_claims", "session_ref",
        ]
        static let list = HotSQL.columns(columns)
    }

    public func insert(_ grant: StoredGrant) async throws {
        let values = HotSQL.values([
            SQLBind(grant.id), SQLBind(grant.userID), SQLBind(grant.appID), SQLBind(grant.clientID), SQLBind(grant.scope.wire),
            SQLBind(grant.authTime), SQLBind(grant.createdAt), SQLBind(grant.revokedAt), SQLBind(grant.methods.stored), SQLBind(grant.acr),
            SQLBind(GrantRowClaims.stored(grant.idTokenClaims)), SQLBind(grant.sessionRef),
        ])
        try await sql.raw("INSERT INTO oauth_grants (\(unsafeRaw: GrantRow.list)) VALUES (\(values))").run()
    }

    public func find(id: UUID) async throws -> StoredGrant? {
        guard let row = try await store.reader.raw("SELECT \(unsafeRaw: GrantRow.list) FROM oauth_grants WHERE id = \(bind: id)")
            .first(decoding: GrantRow.self) else { return nil }
        return StoredGrant(
            id: row.id, userID: row.user_id, appID: row.app_id, clientID: row.client_id,
            scope: (try? ScopeSet(parsing: row.scope)) ?? ScopeSet([]), authTime: row.auth_time,
            methods: AuthenticationMethods(stored: row.amr), acr: row.acr, idTokenClaims: GrantRowClaims.parsed(row.id_token_claims),
            sessionRef: row.session_ref, createdAt: row.created_at, revokedAt: row.revoked_at
        )
    }

    public func live(sessionRef: String) async throws -> [StoredGrant] {
        try await sql.raw("SELECT \(unsafeRaw: GrantRow.list) FROM oauth_grants WHERE session_ref = \(bind: sessionRef) AND revoked_at IS NULL")
            .all(decoding: GrantRow.self).map { row in
                StoredGrant(
                    id: row.id, userID: row.user_id, appID: row.app_id, clientID: row.client_id,
                    scope: (try? ScopeSet(parsing: row.scope)) ?? ScopeSet([]), authTime: row.auth_time,
                    methods: AuthenticationMethods(stored: row.amr), acr: row.acr, idTokenClaims: GrantRowClaims.parsed(row.id_token_claims),
                    sessionRef: row.session_ref, createdAt: row.created_at, revokedAt: row.revoked_at
                )
            }
    }

    public func revoke(id: UUID, at now: Date) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.update("oauth_grants").set("revoked_at", to: SQLBind(now))
                .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
            try await sql.delete(from: "oauth_refresh_tokens").where("grant_id", .equal, id).run()
            // Spent codes stay (until purged) so a later replay is still recognised.
            try await sql.delete(from: "oauth_codes").where("grant_id", .equal, id).where("consumed_at", .is, SQLLiteral.null).run()
        }
    }

    public func revokeAll(userID: UUID, appID: UUID?, at now: Date) async throws -> [UUID] {
        struct IDRow: Codable { var id: UUID }
        var query = sql.select().column("id").from("oauth_grants")
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null)
        if let appID { query = query.where("app_id", .equal, appID) }
        let ids = try await query.all(decoding: IDRow.self).map(\.id)
        for id in ids { try await revoke(id: id, at: now) }
        return ids
    }
}

extension FluentOAuthRepository: AuthorizationCodeRepository {
    struct CodeRow: Codable {
        var redirect_uri: String?
        /// Empty for a request without PKCE (the column predates optional PKCE and is NOT NULL).
        var code_challenge: String
        var nonce: String?
        var expires_at: Date

        static let columns = GrantSnapshot.columns + ["redirect_uri", "code_challenge", "nonce", "expires_at"]
        static let list = HotSQL.columns(columns)
        static let insertList = HotSQL.columns(["code_hash"] + columns + ["consumed_at"])
    }

    public func insert(_ code: StoredAuthorizationCode) async throws {
        let grant = try GrantSnapshot.binds(code.grant)
        let values = HotSQL.values([SQLBind(code.codeHash)] + grant + [
            SQLBind(code.redirectURI), SQLBind(code.codeChallenge ?? ""), SQLBind(code.nonce), SQLBind(code.expiresAt), SQLBind(code.consumedAt),
        ])
        try await sql.raw("INSERT INTO oauth_codes (\(unsafeRaw: CodeRow.insertList)) VALUES (\(values))").run()
    }

    public func find(codeHash: String) async throws -> StoredAuthorizationCode? {
        struct SpentRow: Codable { var consumed_at: Date? }
        guard let row = try await sql.select().columns(CodeRow.columns + ["consumed_at"]).from("oauth_codes")
            .where("code_hash", .equal, codeHash).first() else { return nil }
        let code = try row.decode(model: CodeRow.self)
        return StoredAuthorizationCode(
            codeHash: codeHash, grant: try row.decode(model: GrantSnapshot.self).grant, redirectURI: code.redirect_uri,
            codeChallenge: code.code_challenge.isEmpty ? nil : code.code_challenge, nonce: code.nonce, expiresAt: code.expires_at,
            consumedAt: try row.decode(model: SpentRow.self).consumed_at
        )
    }

    public func consume(codeHash: String, at now: Date) async throws -> CodeConsumption {
        // One statement: of concurrent exchanges exactly one sees consumed_at still NULL.
        let rows = try await sql.raw("""
            UPDATE oauth_codes SET consumed_at = \(bind: now) WHERE code_hash = \(bind: codeHash) AND consumed_at IS NULL
            RETURNING \(unsafeRaw: CodeRow.list)
            """).all()
        if let row = rows.first {
            let code = try row.decode(model: CodeRow.self)
            return .consumed(StoredAuthorizationCode(
                codeHash: codeHash, grant: try row.decode(model: GrantSnapshot.self).grant, redirectURI: code.redirect_uri,
                codeChallenge: code.code_challenge.isEmpty ? nil : code.code_challenge, nonce: code.nonce, expiresAt: code.expires_at, consumedAt: now
            ))
        }
        struct GrantIDRow: Codable { var grant_id: UUID }
        if let spent = try await sql.select().column("grant_id").from("oauth_codes").where("code_hash", .equal, codeHash)
            .first(decoding: GrantIDRow.self) {
            return .replayed(grantID: spent.grant_id)
        }
        return .unknown
    }
}
