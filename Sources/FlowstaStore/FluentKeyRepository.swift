import FlowstaAccounts
import FlowstaCrypto
import FluentKit
import Foundation
import SQLKit

/// ``KeyRepository`` on the Fluent database: `root_key_envelopes`, and the credential changes
/// that commit with them (each in one transaction).
public struct FluentKeyRepository: KeyRepository {
    let store: FlowstaDatabase
    static let table = "root_key_envelopes"

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var kind: String
        var envelope: Data
        var opaque_record: Data?
        var credential_identifier: String?
    }

    public func keys(userID: UUID) async throws -> UserKeys {
        try Self.keys(try await store.reader.select().columns("kind", "envelope", "opaque_record", "credential_identifier")
            .from(Self.table).where("user_id", .equal, userID).all(decoding: Row.self))
    }

    public func setUp(userID: UUID, keys: UserKeys, now: Date) async throws -> Bool {
        do {
            return try await store.database.transaction { db in
                let sql = db as! any SQLDatabase
                guard try await Self.lockUser(userID, sql: sql, engine: store.engine) else { return false }
                guard !(try await Self.has(.password, userID: userID, sql: sql)) else { return false }
                try await sql.delete(from: Self.table).where("user_id", .equal, userID).run()
                try await Self.insert(keys, userID: userID, now: now, sql: sql)
                return true
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A concurrent setup won the race.
            return false
        }
    }

    public func replaceRecovery(userID: UUID, lock: RecoveryLock, now: Date) async throws -> Bool {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            guard try await Self.lockUser(userID, sql: sql, engine: store.engine), try await Self.has(.password, userID: userID, sql: sql) else {
                return false
            }
            try await sql.delete(from: Self.table).where("user_id", .equal, userID).where("kind", .equal, KeyEnvelope.Kind.recovery.rawValue).run()
            try await Self.insert(UserKeys(recovery: lock), userID: userID, now: now, sql: sql)
            return true
        }
    }

    public func changePassword(_ user: StoredUser, envelope: [UInt8]?, keepingSession: String?, now: Date) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            guard try await Self.lockUser(user.id, sql: sql, engine: store.engine) else { throw RepositoryConflict.rootKey }
            let hasRootKey = try await Self.has(.password, userID: user.id, sql: sql)
            if envelope == nil, hasRootKey { throw RepositoryConflict.rootKey }
            try await Self.updateCredentials(user, sql: sql)
            if let envelope {
                try await sql.delete(from: Self.table).where("user_id", .equal, user.id).where("kind", .equal, KeyEnvelope.Kind.password.rawValue).run()
                try await Self.insert(UserKeys(envelopes: [.password: envelope]), userID: user.id, now: now, sql: sql)
            }
            let sessions = sql.delete(from: SessionModel.schema).where("user_id", .equal, user.id)
            if let keepingSession { sessions.where("token_hash", .notEqual, keepingSession) }
            try await sessions.run()
        }
    }

    public func reset(_ user: StoredUser, keys: UserKeys, now: Date) async throws {
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            guard try await Self.lockUser(user.id, sql: sql, engine: store.engine) else { return }
            try await Self.updateCredentials(user, sql: sql)
            try await sql.delete(from: Self.table).where("user_id", .equal, user.id).run()
            try await Self.insert(keys, userID: user.id, now: now, sql: sql)
            try await sql.delete(from: "vault_entries").where("user_id", .equal, user.id).run()
            // The passkeys still sign the user in, but their envelopes hold the old root key.
            try await sql.update("passkeys").set("root_key_envelope", to: SQLLiteral.null).where("user_id", .equal, user.id).run()
            try await sql.delete(from: SessionModel.schema).where("user_id", .equal, user.id).run()
        }
    }

    /// Locks the user's row for the transaction (PostgreSQL; SQLite transactions are serial).
    /// - Returns: whether the user exists.
    static func lockUser(_ userID: UUID, sql: any SQLDatabase, engine: FlowstaDatabase.Engine) async throws -> Bool {
        let select = sql.select().column("id").from(UserModel.schema).where("id", .equal, userID)
        if engine == .postgres { select.lockingClause(SQLLockingClause.update) }
        return try await select.first() != nil
    }

    static func has(_ kind: KeyEnvelope.Kind, userID: UUID, sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("kind").from(table).where("user_id", .equal, userID).where("kind", .equal, kind.rawValue).first() != nil
    }

    static func updateCredentials(_ user: StoredUser, sql: any SQLDatabase) async throws {
        try await sql.update(UserModel.schema)
            .set("opaque_record", to: Data(user.opaqueRecord))
            .set("credential_identifier", to: user.credentialIdentifier)
            .set("updated_at", to: user.updatedAt)
            .where("id", .equal, user.id)
            .run()
    }

    static func insert(_ keys: UserKeys, userID: UUID, now: Date, sql: any SQLDatabase) async throws {
        for (kind, envelope) in keys.envelopes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where kind != .recovery {
            try await sql.insert(into: table).columns("user_id", "kind", "envelope", "created_at")
                .values(SQLBind(userID), SQLBind(kind.rawValue), SQLBind(Data(envelope)), SQLBind(now)).run()
        }
        if let lock = keys.recovery {
            try await sql.insert(into: table).columns("user_id", "kind", "envelope", "opaque_record", "credential_identifier", "created_at")
                .values(
                    SQLBind(userID), SQLBind(KeyEnvelope.Kind.recovery.rawValue), SQLBind(Data(lock.envelope)),
                    SQLBind(Data(lock.opaqueRecord)), SQLBind(lock.credentialIdentifier), SQLBind(now)
                ).run()
        }
    }

    static func keys(_ rows: [Row]) throws -> UserKeys {
        var keys = UserKeys()
        for row in rows {
            guard let kind = KeyEnvelope.Kind(rawValue: row.kind) else { continue }
            if kind == .recovery {
                guard let record = row.opaque_record, let identifier = row.credential_identifier else { continue }
                keys.recovery = RecoveryLock(opaqueRecord: [UInt8](record), credentialIdentifier: identifier, envelope: [UInt8](row.envelope))
            } else {
                keys.envelopes[kind] = [UInt8](row.envelope)
            }
        }
        return keys
    }
}

/// ``AccountTokenRepository`` on the Fluent database (`account_tokens`).
public struct FluentAccountTokenRepository: AccountTokenRepository {
    let store: FlowstaDatabase
    static let table = "account_tokens"
    static let columns = ["token_hash", "user_id", "purpose", "binding", "created_at", "expires_at"]

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Codable {
        var token_hash: String
        var user_id: UUID
        var purpose: String
        var binding: String
        var created_at: Date
        var expires_at: Date

        var token: AccountToken? {
            AccountTokenPurpose(rawValue: purpose).map {
                AccountToken(tokenHash: token_hash, userID: user_id, purpose: $0, binding: binding, createdAt: created_at, expiresAt: expires_at)
            }
        }
    }

    public func insert(_ token: AccountToken) async throws {
        try await store.sql.insert(into: Self.table).columns(Self.columns)
            .values(
                SQLBind(token.tokenHash), SQLBind(token.userID), SQLBind(token.purpose.rawValue), SQLBind(token.binding),
                SQLBind(token.createdAt), SQLBind(token.expiresAt)
            ).run()
    }

    public func find(tokenHash: String, purpose: AccountTokenPurpose) async throws -> AccountToken? {
        try await store.sql.select().columns(Self.columns).from(Self.table)
            .where("token_hash", .equal, tokenHash).where("purpose", .equal, purpose.rawValue)
            .first(decoding: Row.self)?.token
    }

    public func consume(tokenHash: String, purpose: AccountTokenPurpose) async throws -> AccountToken? {
        // DELETE … RETURNING: one statement, so two concurrent uses cannot both get the row.
        try await store.sql.delete(from: Self.table)
            .where("token_hash", .equal, tokenHash).where("purpose", .equal, purpose.rawValue)
            .returning("token_hash", "user_id", "purpose", "binding", "created_at", "expires_at")
            .first(decoding: Row.self)?.token
    }

    public func count(userID: UUID, purpose: AccountTokenPurpose, since: Date) async throws -> Int {
        struct Count: Codable { var count: Int }
        return try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(Self.table)
            .where("user_id", .equal, userID).where("purpose", .equal, purpose.rawValue).where("created_at", .greaterThan, since)
            .first(decoding: Count.self)?.count ?? 0
    }

    public func deleteAll(userID: UUID, purpose: AccountTokenPurpose) async throws {
        try await store.sql.delete(from: Self.table).where("user_id", .equal, userID).where("purpose", .equal, purpose.rawValue).run()
    }

    public func deleteExpired(now: Date) async throws -> Int {
        let cutoff = now.addingTimeInterval(-AccountTokenRetention.afterExpiry)
        return try await store.deleteInBatches(from: Self.table, key: ["token_hash"]) { $0.where("expires_at", .lessThanOrEqual, cutoff) }
    }
}
