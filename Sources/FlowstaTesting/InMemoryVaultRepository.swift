import FlowstaAccounts
import Foundation

/// Vault entries in memory.
public actor InMemoryVaultRepository: VaultRepository {
    private var rows: [UUID: (userID: UUID, entry: VaultEntry)] = [:]

    public init() {}

    public func put(_ entry: VaultEntry, userID: UUID, quota: VaultQuota) -> VaultPut {
        let own = rows.values.filter { $0.userID == userID }
        let bytes = own.reduce(0) { $0 + $1.entry.ciphertext.count }
        if let existing = rows[entry.id] {
            guard existing.userID == userID else { return .taken }
            guard bytes - existing.entry.ciphertext.count + entry.ciphertext.count <= quota.maxBytes else { return .overQuota }
            rows[entry.id] = (userID, entry)
            return .replaced
        }
        guard own.count < quota.maxEntries else { return .full }
        guard bytes + entry.ciphertext.count <= quota.maxBytes else { return .overQuota }
        rows[entry.id] = (userID, entry)
        return .created
    }

    public func entry(id: UUID, userID: UUID) -> VaultEntry? {
        rows[id].flatMap { $0.userID == userID ? $0.entry : nil }
    }

    public func entries(userID: UUID, kind: String?, after: UUID?, limit: Int) -> [VaultEntry] {
        let mine = rows.values.filter { row in
            row.userID == userID && (kind == nil || row.entry.kind == kind) && (after.map { row.entry.id > $0 } ?? true)
        }
        return Array(mine.map(\.entry).sorted { $0.id < $1.id }.prefix(limit))
    }

    public func delete(id: UUID, userID: UUID) -> Bool {
        guard rows[id]?.userID == userID else { return false }
        rows.removeValue(forKey: id)
        return true
    }

    public func deleteAll(userID: UUID) -> Int {
        let mine = rows.filter { $0.value.userID == userID }.keys
        for id in mine { rows.removeValue(forKey: id) }
        return mine.count
    }
}
