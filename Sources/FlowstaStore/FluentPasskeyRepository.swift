import FlowstaAccounts
import FlowstaCore
import FluentKit
import Foundation
import SQLKit

/// ``PasskeyRepository`` on the Fluent database (`passkeys`). Credential ids are looked up by
/// their base64url text (unique index); public keys are not secrets and are stored as given.
public struct FluentPasskeyRepository: PasskeyRepository {
    let store: FlowstaDatabase
    static let columns = [
        "id", "user_id", "credential_id", "public_key", "algorithm", "sign_count", "name", "backup_eligible", "root_key_envelope", "created_at",
    ]

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Decodable {
        var id: UUID
        var user_id: UUID
        var credential_id: String
        var public_key: Data
        var algorithm: Int
        var sign_count: Int64
        var name: String
        var backup_eligible: Bool
        var root_key_envelope: Data?
        var created_at: Date

        var stored: StoredPasskey {
            StoredPasskey(
                id: id, userID: user_id, credentialID: Base64URL.decode(credential_id) ?? [], publicKey: [UInt8](public_key), algorithm: algorithm,
                signCount: UInt32(clamping: sign_count), name: name, backupEligible: backup_eligible,
                rootKeyEnvelope: root_key_envelope.map { [UInt8]($0) }, createdAt: created_at
            )
        }
    }

    struct IDRow: Decodable { var id: UUID }

    public func insert(_ passkey: StoredPasskey) async throws -> Bool {
        let credential = Base64URL.encode(passkey.credentialID)
        // One statement: of two registrations of one credential id, one row is written.
        let inserted = try await store.sql.raw("""
            INSERT INTO passkeys (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(bind: passkey.id), \(bind: passkey.userID), \
            \(bind: credential), \(bind: Data(passkey.publicKey)), \(bind: passkey.algorithm), \(bind: Int64(passkey.signCount)), \(bind: passkey.name), \
            \(bind: passkey.backupEligible), \(bind: passkey.rootKeyEnvelope.map { Data($0) }), \(bind: passkey.createdAt))
            ON CONFLICT (credential_id) DO NOTHING RETURNING id
            """).first(decoding: IDRow.self)
        return inserted != nil
    }

    public func passkey(credentialID: [UInt8]) async throws -> StoredPasskey? {
        try await store.reader.select().columns(Self.columns).from("passkeys").where("credential_id", .equal, Base64URL.encode(credentialID))
            .first(decoding: Row.self)?.stored
    }

    public func passkeys(userID: UUID) async throws -> [StoredPasskey] {
        try await store.sql.select().columns(Self.columns).from("passkeys").where("user_id", .equal, userID)
            .orderBy("created_at").orderBy("id").all(decoding: Row.self).map(\.stored)
    }

    public func updateSignCount(id: UUID, from: UInt32, to: UInt32) async throws -> Bool {
        try await store.sql.update("passkeys").set("sign_count", to: Int64(to))
            .where("id", .equal, id).where("sign_count", .equal, Int64(from))
            .returning("id").first(decoding: IDRow.self) != nil
    }

    public func setRootKeyEnvelope(id: UUID, userID: UUID, envelope: [UInt8]) async throws -> Bool {
        try await store.sql.update("passkeys").set("root_key_envelope", to: Data(envelope))
            .where("id", .equal, id).where("user_id", .equal, userID).where("root_key_envelope", .is, SQLLiteral.null)
            .returning("id").first(decoding: IDRow.self) != nil
    }

    public func rename(id: UUID, userID: UUID, to name: String) async throws -> Bool {
        try await store.sql.update("passkeys").set("name", to: name)
            .where("id", .equal, id).where("user_id", .equal, userID)
            .returning("id").first(decoding: IDRow.self) != nil
    }

    public func delete(id: UUID, userID: UUID) async throws -> Bool {
        try await store.sql.delete(from: "passkeys").where("id", .equal, id).where("user_id", .equal, userID)
            .returning("id").first(decoding: IDRow.self) != nil
    }
}
