import FlowstaAccounts
import FlowstaCore
import FluentKit
import Foundation
import SQLKit

/// ``SessionRepository`` on the Fluent database (SQLKit queries: every authenticated request
/// reads a session).
public struct FluentSessionRepository: SessionRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var tokenHash: String
        var userID: UUID
        var createdAt: Date
        var expiresAt: Date
        var amr: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case tokenHash = "token_hash"
            case userID = "user_id"
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case amr
        }

        static let columns = CodingKeys.allCases.map(\.rawValue)

        var session: StoredSession {
            StoredSession(tokenHash: tokenHash, userID: userID, createdAt: createdAt, expiresAt: expiresAt, methods: AuthenticationMethods(stored: amr))
        }
    }

    public func create(_ session: StoredSession) async throws {
        try await store.sql.insert(into: SessionModel.schema)
            .columns(Row.columns)
            .values(SQLBind(session.tokenHash), SQLBind(session.userID), SQLBind(session.createdAt), SQLBind(session.expiresAt), SQLBind(session.methods.stored))
            .run()
    }

    public func find(tokenHash: String) async throws -> StoredSession? {
        try await store.reader.select().columns(Row.columns).from(SessionModel.schema)
            .where("token_hash", .equal, tokenHash)
            .first(decoding: Row.self)
            .map(\.session)
    }

    public func delete(tokenHash: String) async throws {
        try await store.sql.delete(from: SessionModel.schema).where("token_hash", .equal, tokenHash).run()
    }

    public func deleteExpired(now: Date) async throws -> Int {
        try await store.deleteInBatches(from: SessionModel.schema, key: ["token_hash"]) { $0.where("expires_at", .lessThanOrEqual, now) }
    }

    public func deleteAll(userID: UUID, keeping: String?) async throws {
        let query = store.sql.delete(from: SessionModel.schema).where("user_id", .equal, userID)
        if let keeping { query.where("token_hash", .notEqual, keeping) }
        try await query.run()
    }

    public func list(userID: UUID, limit: Int) async throws -> [StoredSession] {
        try await store.sql.select().columns(Row.columns).from(SessionModel.schema)
            .where("user_id", .equal, userID)
            .orderBy("created_at", .descending)
            .limit(limit)
            .all(decoding: Row.self)
            .map(\.session)
    }
}
