import FlowstaAccounts
import FluentKit
import Foundation

/// ``SecretRepository`` on Fluent.
public struct FluentSecretRepository: SecretRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    public func load(name: String) async throws -> [UInt8]? {
        try await ServerSecretModel.find(name, on: store.database).map { [UInt8]($0.sealedValue) }
    }

    public func insertIfAbsent(name: String, value: [UInt8]) async throws -> [UInt8] {
        let model = ServerSecretModel()
        model.id = name
        model.sealedValue = Data(value)
        model.createdAt = Date()
        do {
            try await model.create(on: store.database)
            return value
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another instance won the race: use its secret.
            guard let stored = try await load(name: name) else { throw RepositoryConflict.secret }
            return stored
        }
    }
}
