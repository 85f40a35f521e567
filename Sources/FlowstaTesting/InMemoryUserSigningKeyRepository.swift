import FlowstaAccounts
import Foundation

/// ``UserSigningKeyRepository`` in memory: the reference semantics for the stores' contract tests.
public actor InMemoryUserSigningKeyRepository: UserSigningKeyRepository {
    private var keys: [UUID: StoredUserSigningKey] = [:]
    private let users: InMemoryUserRepository?

    /// - Parameter users: the users whose `agentPublicKey` a registration sets, if any.
    public init(users: InMemoryUserRepository? = nil) { self.users = users }

    public func register(_ key: StoredUserSigningKey) async -> Bool {
        guard !keys.values.contains(where: { $0.did == key.did }) else { return false }
        if let users, await !users.setAgentPublicKey(id: key.userID, key.publicKey) { return false }
        for (id, existing) in keys where existing.userID == key.userID && existing.revokedAt == nil {
            keys[id]?.revokedAt = key.createdAt
        }
        var fresh = key
        fresh.revokedAt = nil
        keys[key.id] = fresh
        return true
    }

    public func current(userID: UUID) -> StoredUserSigningKey? {
        keys.values.first { $0.userID == userID && $0.revokedAt == nil }
    }

    public func keys(userID: UUID) -> [StoredUserSigningKey] {
        keys.values.filter { $0.userID == userID }.sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }
    }

    public func key(did: String) -> StoredUserSigningKey? {
        keys.values.first { $0.did == did }
    }
}
