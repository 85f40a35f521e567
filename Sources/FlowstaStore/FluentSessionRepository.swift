import FlowstaAccounts
import FluentKit
import Foundation

/// ``SessionRepository`` on Fluent.
public struct FluentSessionRepository: SessionRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func create(_ session: StoredSession) async throws {
        let model = SessionModel()
        model.id = session.tokenHash
        model.userID = session.userID
        model.createdAt = session.createdAt
        model.expiresAt = session.expiresAt
        try await model.create(on: store.database)
    }

    public func find(tokenHash: String) async throws -> StoredSession? {
        try await SessionModel.find(tokenHash, on: store.database).map {
            StoredSession(tokenHash: $0.id!, userID: $0.userID, createdAt: $0.createdAt, expiresAt: $0.expiresAt)
        }
    }

    public func delete(tokenHash: String) async throws {
        try await SessionModel.query(on: store.database).filter(\.$id == tokenHash).delete()
    }

    public func deleteAll(userID: UUID, keeping: String?) async throws {
        let query = SessionModel.query(on: store.database).filter(\.$userID == userID)
        if let keeping { query.filter(\.$id != keeping) }
        try await query.delete()
    }
}
