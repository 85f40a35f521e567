import FlowstaCore
import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

/// The OAuth engine's storage ports on the Fluent database (SQLKit queries; the atomic steps
/// are single `UPDATE … RETURNING` statements or transactions).
public struct FluentOAuthRepository: Sendable {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    var sql: any SQLDatabase { store.sql }

    /// The grant columns of code and refresh token rows.
    struct GrantSnapshot: Codable {
        var grant_id: UUID
        var user_id: UUID
        var app_id: UUID
        var client_id: String
        var scope: String
        var auth_time: Date
        var granted_at: Date
        var amr: String?
        var acr: String?
        var id_token_claims: String?
        var session_ref: String?

        static let columns = ["grant_id", "user_id", "app_id", "client_id", "scope", "auth_time", "granted_at", "amr", "acr", "id_token_claims", "session_ref"]

        /// - Throws: for grants without a user (codes and refresh tokens are issued to users).
        static func binds(_ grant: StoredGrant) throws -> [SQLBind] {
            guard let userID = grant.userID else { throw OAuthError(.serverError, "issued to users only", cause: "grant without user") }
            return [
                SQLBind(grant.id), SQLBind(userID), SQLBind(grant.appID), SQLBind(grant.clientID), SQLBind(grant.scope.wire),
                SQLBind(grant.authTime), SQLBind(grant.createdAt), SQLBind(grant.methods.stored), SQLBind(grant.acr),
                SQLBind(GrantRowClaims.stored(grant.idTokenClaims)), SQLBind(grant.sessionRef),
            ]
        }

        var grant: StoredGrant {
            StoredGrant(
                id: grant_id, userID: user_id, appID: app_id, clientID: client_id,
                scope: (try? ScopeSet(parsing: scope)) ?? ScopeSet([]), authTime: auth_time,
                methods: AuthenticationMethods(stored: amr), acr: acr, idTokenClaims: GrantRowClaims.parsed(id_token_claims),
                sessionRef: session_ref, createdAt: granted_at
            )
        }
    }
}

extension FluentOAuthRepository: SigningKeyRepository {
    struct KeyRow: Codable {
        var kid: String
        var algorithm: String
        var sealed_private_key: Data
        var created_at: Date
        var retires_at: Date?
    }

    public func all() async throws -> [StoredSigningKey] {
        try await sql.select().columns("kid", "algorithm", "sealed_private_key", "created_at", "retires_at")
            .from("oauth_signing_keys").all(decoding: KeyRow.self)
            .compactMap { row in
                SigningAlgorithm(rawValue: row.algorithm).map {
                    StoredSigningKey(kid: row.kid, algorithm: $0, sealedPrivateKey: [UInt8](row.sealed_private_key), createdAt: row.created_at, retiresAt: row.retires_at)
                }
            }
    }

    public func insert(_ key: StoredSigningKey) async throws {
        try await sql.insert(into: "oauth_signing_keys")
            .columns("kid", "algorithm", "sealed_private_key", "created_at", "retires_at")
            .values(SQLBind(key.kid), SQLBind(key.algorithm.rawValue), SQLBind(Data(key.sealedPrivateKey)), SQLBind(key.createdAt), SQLBind(key.retiresAt))
            .run()
    }

    public func retire(kid: String, at: Date) async throws {
        try await sql.update("oauth_signing_keys").set("retires_at", to: SQLBind(at))
            .where("kid", .equal, kid).where("retires_at", .is, SQLLiteral.null).run()
    }

    public func deleteRetired(before now: Date) async throws {
        try await sql.delete(from: "oauth_signing_keys").where("retires_at", .lessThanOrEqual, SQLBind(now)).run()
    }
}

extension FluentOAuthRepository: ConsentRepository {
    struct ConsentRow: Codable {
        var user_id: UUID
        var app_id: UUID
        var scope: String
        var updated_at: Date

        var consent: StoredConsent? {
            (try? ScopeSet(parsing: scope)).map { StoredConsent(userID: user_id, appID: app_id, scope: $0, updatedAt: updated_at) }
        }
    }

    public func find(userID: UUID, appID: UUID) async throws -> StoredConsent? {
        try await sql.select().columns("user_id", "app_id", "scope", "updated_at").from("oauth_consents")
            .where("user_id", .equal, userID).where("app_id", .equal, appID)
            .first(decoding: ConsentRow.self)?.consent
    }

    public func save(_ consent: StoredConsent) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.delete(from: "oauth_consents").where("user_id", .equal, consent.userID).where("app_id", .equal, consent.appID).run()
            try await sql.insert(into: "oauth_consents").columns("user_id", "app_id", "scope", "updated_at")
                .values(SQLBind(consent.userID), SQLBind(consent.appID), SQLBind(consent.scope.wire), SQLBind(consent.updatedAt)).run()
        }
    }

    public func delete(userID: UUID, appID: UUID) async throws {
        try await sql.delete(from: "oauth_consents").where("user_id", .equal, userID).where("app_id", .equal, appID).run()
    }

    public func list(userID: UUID) async throws -> [StoredConsent] {
        try await sql.select().columns("user_id", "app_id", "scope", "updated_at").from("oauth_consents")
            .where("user_id", .equal, userID).all(decoding: ConsentRow.self).compactMap(\.consent)
    }
}

extension FluentOAuthRepository: OAuthRetentionRepository {
    public func purge(now: Date, codesBefore: Date, grantsBefore: Date) async throws -> OAuthPurgeCounts {
        let codes = try await store.deleteInBatches(from: "oauth_codes") { $0.where("expires_at", .lessThan, SQLBind(codesBefore)) }
        let refreshTokens = try await store.deleteInBatches(from: "oauth_refresh_tokens") { $0.where("expires_at", .lessThanOrEqual, SQLBind(now)) }
        let grants = try await store.deleteInBatches(from: "oauth_grants", key: ["id"]) {
            $0.where(SQLQueryString("""
                (revoked_at IS NOT NULL AND revoked_at < \(bind: grantsBefore))
                OR (revoked_at IS NULL AND created_at < \(bind: grantsBefore)
                    AND NOT EXISTS (SELECT 1 FROM oauth_refresh_tokens t WHERE t.grant_id = oauth_grants.id))
                """))
        }
        return OAuthPurgeCounts(codes: codes, refreshTokens: refreshTokens, grants: grants)
    }
}

/// The ID token claims of a grant as stored: space-separated names, `NULL` for none.
enum GrantRowClaims {
    static func stored(_ claims: [String]) -> String? { claims.isEmpty ? nil : claims.joined(separator: " ") }
    static func parsed(_ stored: String?) -> [String] { (stored ?? "").split(separator: " ").map(String.init) }
}
