import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``UserRepository`` on the Fluent database, written with SQLKit: these queries sit on the
/// login path, and Fluent's reflection-based model mapping costs more than the query.
public struct FluentUserRepository: UserRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    /// One `users` row as stored.
    struct Row: Codable {
        var id: UUID
        var username: String
        var usernameNormalized: String
        var credentialIdentifier: String
        var displayName: String?
        var emailSealed: Data?
        var emailIndex: String?
        var emailVerified: Bool
        var agentPublicKey: Data?
        var opaqueRecord: Data
        var createdAt: Date
        var updatedAt: Date

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, username
            case usernameNormalized = "username_normalized"
            case credentialIdentifier = "credential_identifier"
            case displayName = "display_name"
            case emailSealed = "email_sealed"
            case emailIndex = "email_index"
            case emailVerified = "email_verified"
            case agentPublicKey = "agent_public_key"
            case opaqueRecord = "opaque_record"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }

        static let columns = CodingKeys.allCases.map(\.rawValue)
        static let selectList = HotSQL.columns(columns)
    }

    public func create(_ user: StoredUser) async throws {
        let row = Row(user)
        try await save(checking: user) {
            try await store.sql.insert(into: UserModel.schema)
                .columns(Row.columns)
                .values(
                    SQLBind(row.id), SQLBind(row.username), SQLBind(row.usernameNormalized), SQLBind(row.credentialIdentifier),
                    SQLBind(row.displayName), SQLBind(row.emailSealed), SQLBind(row.emailIndex), SQLBind(row.emailVerified), SQLBind(row.agentPublicKey),
                    SQLBind(row.opaqueRecord), SQLBind(row.createdAt), SQLBind(row.updatedAt)
                )
                .run()
        }
    }

    public func find(id: UUID) async throws -> StoredUser? {
        try await store.reader.raw("SELECT \(unsafeRaw: Row.selectList) FROM users WHERE id = \(bind: id)")
            .first(decoding: Row.self).map(StoredUser.init)
    }

    public func userID(emailIndex: String) async throws -> UUID? {
        struct IDRow: Codable { var id: UUID }
        return try await store.reader.raw("SELECT id FROM users WHERE email_index = \(bind: emailIndex)").first(decoding: IDRow.self)?.id
    }

    public func find(usernameNormalized: String) async throws -> StoredUser? {
        try await store.reader.raw("SELECT \(unsafeRaw: Row.selectList) FROM users WHERE username_normalized = \(bind: usernameNormalized)")
            .first(decoding: Row.self).map(StoredUser.init)
    }

    public func update(_ user: StoredUser) async throws {
        let row = Row(user)
        try await save(checking: user) {
            try await store.sql.update(UserModel.schema)
                .set("username", to: row.username)
                .set("username_normalized", to: row.usernameNormalized)
                .set("credential_identifier", to: row.credentialIdentifier)
                .set("display_name", to: row.displayName)
                .set("email_sealed", to: row.emailSealed)
                .set("email_index", to: row.emailIndex)
                .set("email_verified", to: row.emailVerified)
                // agent_public_key is written at sign-up and by FluentUserSigningKeyRepository only:
                // an update from a stale copy of the user must not undo a key registration.
                .set("opaque_record", to: row.opaqueRecord)
                .set("updated_at", to: row.updatedAt)
                .where("id", .equal, row.id)
                .run()
        }
    }

    public func delete(id: UUID) async throws {
        // Explicit deletes in one transaction rather than relying on foreign-key cascades alone.
        try await store.database.transaction { db in
            let sql = db as! any SQLDatabase
            try await sql.delete(from: LoginStateModel.schema).where("user_id", .equal, id).run()
            try await sql.delete(from: SessionModel.schema).where("user_id", .equal, id).run()
            try await sql.delete(from: "root_key_envelopes").where("user_id", .equal, id).run()
            try await sql.delete(from: "account_tokens").where("user_id", .equal, id).run()
            try await sql.delete(from: "totp_factors").where("user_id", .equal, id).run()
            try await sql.delete(from: "backup_codes").where("user_id", .equal, id).run()
            try await sql.delete(from: "passkeys").where("user_id", .equal, id).run()
            try await sql.delete(from: "user_signing_keys").where("user_id", .equal, id).run()
            try await sql.delete(from: UserModel.schema).where("id", .equal, id).run()
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

extension FluentUserRepository.Row {
    init(_ user: StoredUser) {
        self.init(
            id: user.id, username: user.username, usernameNormalized: user.usernameNormalized,
            credentialIdentifier: user.credentialIdentifier, displayName: user.displayName,
            emailSealed: user.emailSealed.map { Data($0) }, emailIndex: user.emailIndex, emailVerified: user.emailVerified,
            agentPublicKey: user.agentPublicKey.map { Data($0) }, opaqueRecord: Data(user.opaqueRecord),
            createdAt: user.createdAt, updatedAt: user.updatedAt
        )
    }
}

extension StoredUser {
    init(_ row: FluentUserRepository.Row) {
        self.init(
            id: row.id, username: row.username, usernameNormalized: row.usernameNormalized,
            credentialIdentifier: row.credentialIdentifier, displayName: row.displayName,
            emailSealed: row.emailSealed.map { [UInt8]($0) }, emailIndex: row.emailIndex, emailVerified: row.emailVerified,
            agentPublicKey: row.agentPublicKey.map { [UInt8]($0) }, opaqueRecord: [UInt8](row.opaqueRecord),
            createdAt: row.createdAt, updatedAt: row.updatedAt
        )
    }
}
