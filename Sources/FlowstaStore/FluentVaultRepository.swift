import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``VaultRepository`` on the Fluent database.
public struct FluentVaultRepository: VaultRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var id: UUID
        var kind: String
        var ciphertext: Data

        var entry: VaultEntry { VaultEntry(id: id, kind: kind, ciphertext: [UInt8](ciphertext)) }
    }

    struct Owner: Codable {
        var user_id: UUID
        var size: Int
    }

    struct Usage: Codable {
        var count: Int
        var bytes: Int
    }

    public func put(_ entry: VaultEntry, userID: UUID, quota: VaultQuota) async throws -> VaultPut {
        let lock = store.engine == .postgres ? SQLLockingClause.update : nil
        return try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            // Lock the user's row: concurrent puts count entries one after the other.
            let user = sql.select().column("id").from("users").where("id", .equal, userID)
            if let lock { user.lockingClause(lock) }
            _ = try await user.all()
            let usage = try await sql.select()
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
                .column(SQLFunction("COALESCE", args: SQLFunction("SUM", args: SQLFunction("LENGTH", args: SQLColumn("ciphertext"))), SQLLiteral.numeric("0")), as: "bytes")
                .from("vault_entries").where("user_id", .equal, userID).first(decoding: Usage.self) ?? Usage(count: 0, bytes: 0)
            if let owner = try await sql.select().column("user_id").column(SQLFunction("LENGTH", args: SQLColumn("ciphertext")), as: "size").from("vault_entries").where("id", .equal, entry.id).first(decoding: Owner.self) {
                guard owner.user_id == userID else { return .taken }
                guard usage.bytes - owner.size + entry.ciphertext.count <= quota.maxBytes else { return .overQuota }
                try await sql.update("vault_entries").set("kind", to: entry.kind).set("ciphertext", to: Data(entry.ciphertext))
                    .where("id", .equal, entry.id).run()
                return .replaced
            }
            guard usage.count < quota.maxEntries else { return .full }
            guard usage.bytes + entry.ciphertext.count <= quota.maxBytes else { return .overQuota }
            try await sql.insert(into: "vault_entries").columns("id", "user_id", "kind", "ciphertext")
                .values(SQLBind(entry.id), SQLBind(userID), SQLBind(entry.kind), SQLBind(Data(entry.ciphertext))).run()
            return .created
        }
    }

    public func entry(id: UUID, userID: UUID) async throws -> VaultEntry? {
        try await store.sql.select().columns("id", "kind", "ciphertext").from("vault_entries")
            .where("id", .equal, id).where("user_id", .equal, userID).first(decoding: Row.self)?.entry
    }

    public func entries(userID: UUID, kind: String?, after: UUID?, limit: Int) async throws -> [VaultEntry] {
        let select = store.sql.select().columns("id", "kind", "ciphertext").from("vault_entries").where("user_id", .equal, userID)
        if let kind { select.where("kind", .equal, kind) }
        if let after { select.where("id", .greaterThan, after) }
        return try await select.orderBy("id").limit(limit).all(decoding: Row.self).map(\.entry)
    }

    public func delete(id: UUID, userID: UUID) async throws -> Bool {
        try await store.sql.delete(from: "vault_entries").where("id", .equal, id).where("user_id", .equal, userID)
            .returning("id").all().count > 0
    }

    public func deleteAll(userID: UUID) async throws -> Int {
        try await store.sql.delete(from: "vault_entries").where("user_id", .equal, userID).returning("id").all().count
    }
}
