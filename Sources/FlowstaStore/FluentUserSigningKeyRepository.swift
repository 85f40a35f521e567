import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``UserSigningKeyRepository`` on the Fluent database (`user_signing_keys`). Registering revokes the
/// current key and inserts the new one in one transaction, under the user's row lock on
/// PostgreSQL; a partial unique index keeps one current key per user in any case.
public struct FluentUserSigningKeyRepository: UserSigningKeyRepository {
    let store: FlowstaDatabase
    static let columns = ["id", "user_id", "public_key", "did", "created_at", "revoked_at"]

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Decodable {
        var id: UUID
        var user_id: UUID
        var public_key: Data
        var did: String
        var created_at: Date
        var revoked_at: Date?

        var stored: StoredUserSigningKey {
            StoredUserSigningKey(id: id, userID: user_id, publicKey: [UInt8](public_key), did: did, createdAt: created_at, revokedAt: revoked_at)
        }
    }

    struct IDRow: Decodable { var id: UUID }

    /// Rolls the transaction back when the DID turns out to be taken.
    struct DIDTaken: Error {}

    public func register(_ key: StoredUserSigningKey) async throws -> Bool {
        do {
            try await store.database.transaction { db in
                let sql = db as! any SQLDatabase
                guard try await FluentKeyRepository.lockUser(key.userID, sql: sql, engine: store.engine) else { throw DIDTaken() }
                try await sql.update("user_signing_keys").set("revoked_at", to: key.createdAt)
                    .where("user_id", .equal, key.userID).where("revoked_at", .is, SQLLiteral.null).run()
                let inserted = try await sql.raw("""
                    INSERT INTO user_signing_keys (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(bind: key.id), \(bind: key.userID), \
                    \(bind: Data(key.publicKey)), \(bind: key.did), \(bind: key.createdAt), NULL)
                    ON CONFLICT (did) DO NOTHING RETURNING id
                    """).first(decoding: IDRow.self)
                guard inserted != nil else { throw DIDTaken() }
                try await sql.update(UserModel.schema).set("agent_public_key", to: Data(key.publicKey)).where("id", .equal, key.userID).run()
            }
            return true
        } catch is DIDTaken {
            return false
        }
    }

    public func current(userID: UUID) async throws -> StoredUserSigningKey? {
        try await store.reader.select().columns(Self.columns).from("user_signing_keys")
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).first(decoding: Row.self)?.stored
    }

    public func keys(userID: UUID) async throws -> [StoredUserSigningKey] {
        try await store.reader.select().columns(Self.columns).from("user_signing_keys").where("user_id", .equal, userID)
            .orderBy("created_at", .descending).orderBy("id", .descending).all(decoding: Row.self).map(\.stored)
    }

    public func key(did: String) async throws -> StoredUserSigningKey? {
        try await store.reader.select().columns(Self.columns).from("user_signing_keys").where("did", .equal, did).first(decoding: Row.self)?.stored
    }
}
