import FlowstaAccounts
import FluentKit
import Foundation

/// ``UserRepository`` on Fluent.
public struct FluentUserRepository: UserRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func create(_ user: StoredUser) async throws {
        let model = UserModel()
        model.id = user.id
        model.apply(user)
        try await save(checking: user) { try await model.create(on: store.database) }
    }

    public func find(id: UUID) async throws -> StoredUser? {
        try await UserModel.find(id, on: store.database).map(StoredUser.init)
    }

    public func find(usernameNormalized: String) async throws -> StoredUser? {
        try await UserModel.query(on: store.database)
            .filter(\.$usernameNormalized == usernameNormalized)
            .first()
            .map(StoredUser.init)
    }

    public func update(_ user: StoredUser) async throws {
        try await save(checking: user) {
            try await UserModel.query(on: store.database)
                .filter(\.$id == user.id)
                .set(\.$username, to: user.username)
                .set(\.$usernameNormalized, to: user.usernameNormalized)
                .set(\.$credentialIdentifier, to: user.credentialIdentifier)
                .set(\.$displayName, to: user.displayName)
                .set(\.$emailSealed, to: user.emailSealed.map { Data($0) })
                .set(\.$emailIndex, to: user.emailIndex)
                .set(\.$agentPublicKey, to: user.agentPublicKey.map { Data($0) })
                .set(\.$opaqueRecord, to: Data(user.opaqueRecord))
                .set(\.$updatedAt, to: user.updatedAt)
                .update()
        }
    }

    public func delete(id: UUID) async throws {
        // Explicit deletes rather than relying on foreign-key cascades alone (SQLite enforces
        // them per connection), in one transaction.
        try await store.database.transaction { db in
            try await LoginStateModel.query(on: db).filter(\.$userID == id).delete()
            try await SessionModel.query(on: db).filter(\.$userID == id).delete()
            try await UserModel.query(on: db).filter(\.$id == id).delete()
        }
    }

    /// Runs a write; on a constraint failure finds out which unique field clashed.
    private func save(checking user: StoredUser, _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            if let other = try await find(usernameNormalized: user.usernameNormalized), other.id != user.id {
                throw RepositoryConflict.username
            }
            throw RepositoryConflict.email
        }
    }
}

extension UserModel {
    func apply(_ user: StoredUser) {
        username = user.username
        usernameNormalized = user.usernameNormalized
        credentialIdentifier = user.credentialIdentifier
        displayName = user.displayName
        emailSealed = user.emailSealed.map { Data($0) }
        emailIndex = user.emailIndex
        agentPublicKey = user.agentPublicKey.map { Data($0) }
        opaqueRecord = Data(user.opaqueRecord)
        createdAt = user.createdAt
        updatedAt = user.updatedAt
    }
}

extension StoredUser {
    init(_ model: UserModel) {
        self.init(
            id: model.id!, username: model.username, usernameNormalized: model.usernameNormalized,
            credentialIdentifier: model.credentialIdentifier, displayName: model.displayName,
            emailSealed: model.emailSealed.map { [UInt8]($0) }, emailIndex: model.emailIndex,
            agentPublicKey: model.agentPublicKey.map { [UInt8]($0) }, opaqueRecord: [UInt8](model.opaqueRecord),
            createdAt: model.createdAt, updatedAt: model.updatedAt
        )
    }
}
