import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``LoginStateRepository`` on Fluent; `consume` is one `DELETE … RETURNING` statement, atomic
/// on both SQLite and PostgreSQL.
public struct FluentLoginStateRepository: LoginStateRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func insert(_ login: PendingLogin) async throws {
        try await store.sql.insert(into: LoginStateModel.schema)
            .columns("handle_hash", "user_id", "sealed_state", "expires_at")
            .values(SQLBind(login.handleHash), SQLBind(login.userID), SQLBind(Data(login.sealedState)), SQLBind(login.expiresAt))
            .run()
    }

    public func deleteExpired(now: Date) async throws -> Int {
        try await store.deleteInBatches(from: LoginStateModel.schema, key: ["handle_hash"]) { $0.where("expires_at", .lessThanOrEqual, now) }
    }

    public func consume(handleHash: String) async throws -> PendingLogin? {
        let rows = try await store.sql.delete(from: LoginStateModel.schema)
            .where("handle_hash", .equal, handleHash)
            .returning("user_id", "sealed_state", "expires_at")
            .all()
        guard let row = rows.first else { return nil }
        return PendingLogin(
            handleHash: handleHash,
            userID: try row.decode(column: "user_id", as: UUID?.self),
            sealedState: [UInt8](try row.decode(column: "sealed_state", as: Data.self)),
            expiresAt: try row.decode(column: "expires_at", as: Date.self)
        )
    }
}
