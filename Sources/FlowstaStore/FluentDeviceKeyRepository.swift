import FlowstaAccounts
import FluentKit
import Foundation
import SQLKit

/// ``DeviceKeyRepository`` on the Fluent database (`device_keys`, `device_key_enrolments`). An
/// approval stores the key and answers the enrolment in one transaction, under the user's row lock
/// on PostgreSQL, so the per-account limit holds under concurrent approvals.
public struct FluentDeviceKeyRepository: DeviceKeyRepository {
    let store: FlowstaDatabase
    static let keyColumns = ["id", "user_id", "name", "public_key", "did", "created_at", "last_used_at"]
    static let enrolmentColumns = ["id", "user_code_hash", "poll_secret_hash", "name", "public_key", "status", "device_key_id", "expires_at", "created_at"]

    public init(store: FlowstaDatabase) { self.store = store }

    struct KeyRow: Decodable {
        var id: UUID
        var user_id: UUID
        var name: String
        var public_key: Data
        var did: String
        var created_at: Date
        var last_used_at: Date?

        var stored: StoredDeviceKey {
            StoredDeviceKey(id: id, userID: user_id, name: name, publicKey: [UInt8](public_key), did: did, createdAt: created_at, lastUsedAt: last_used_at)
        }
    }

    struct EnrolmentRow: Decodable {
        var id: UUID
        var user_code_hash: String
        var poll_secret_hash: String
        var name: String
        var public_key: Data
        var status: String
        var device_key_id: UUID?
        var expires_at: Date
        var created_at: Date

        var stored: StoredDeviceKeyEnrolment {
            StoredDeviceKeyEnrolment(
                id: id, userCodeHash: user_code_hash, pollSecretHash: poll_secret_hash, name: name, publicKey: [UInt8](public_key),
                status: DeviceKeyEnrolmentStatus(rawValue: status) ?? .denied, deviceKeyID: device_key_id, expiresAt: expires_at, createdAt: created_at
            )
        }
    }

    struct IDRow: Decodable { var id: UUID }
    struct CountRow: Decodable { var count: Int }
    /// Rolls an approval back.
    struct Refused: Error {}

    public func insertEnrolment(_ e: StoredDeviceKeyEnrolment) async throws -> Bool {
        try await store.sql.raw("""
            INSERT INTO device_key_enrolments (\(unsafeRaw: Self.enrolmentColumns.joined(separator: ", "))) VALUES (\(bind: e.id), \
            \(bind: e.userCodeHash), \(bind: e.pollSecretHash), \(bind: e.name), \(bind: Data(e.publicKey)), \(bind: e.status.rawValue), \
            \(bind: e.deviceKeyID), \(bind: e.expiresAt), \(bind: e.createdAt))
            ON CONFLICT DO NOTHING RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func enrolment(id: UUID) async throws -> StoredDeviceKeyEnrolment? {
        try await store.sql.select().columns(Self.enrolmentColumns).from("device_key_enrolments").where("id", .equal, id).first(decoding: EnrolmentRow.self)?.stored
    }

    public func enrolment(userCodeHash: String) async throws -> StoredDeviceKeyEnrolment? {
        try await store.sql.select().columns(Self.enrolmentColumns).from("device_key_enrolments").where("user_code_hash", .equal, userCodeHash)
            .first(decoding: EnrolmentRow.self)?.stored
    }

    public func approve(enrolmentID: UUID, key: StoredDeviceKey, limit: Int, now: Date) async throws -> Bool {
        do {
            try await store.database.transaction { db in
                let sql = db as! any SQLDatabase
                guard try await FluentKeyRepository.lockUser(key.userID, sql: sql, engine: store.engine) else { throw Refused() }
                let count = try await sql.raw("SELECT COUNT(*) AS count FROM device_keys WHERE user_id = \(bind: key.userID)").first(decoding: CountRow.self)?.count ?? 0
                guard count < limit else { throw Refused() }
                guard try await sql.raw("""
                    UPDATE device_key_enrolments SET status = 'approved', device_key_id = \(bind: key.id)
                    WHERE id = \(bind: enrolmentID) AND status = 'pending' AND expires_at > \(bind: now) RETURNING id
                    """).first(decoding: IDRow.self) != nil else { throw Refused() }
                guard try await sql.raw("""
                    INSERT INTO device_keys (\(unsafeRaw: Self.keyColumns.joined(separator: ", "))) VALUES (\(bind: key.id), \(bind: key.userID), \
                    \(bind: key.name), \(bind: Data(key.publicKey)), \(bind: key.did), \(bind: key.createdAt), \(bind: key.lastUsedAt))
                    ON CONFLICT (public_key) DO NOTHING RETURNING id
                    """).first(decoding: IDRow.self) != nil else { throw Refused() }
            }
            return true
        } catch is Refused {
            return false
        }
    }

    public func deny(enrolmentID: UUID, now: Date) async throws -> Bool {
        try await store.sql.raw("""
            UPDATE device_key_enrolments SET status = 'denied' WHERE id = \(bind: enrolmentID) AND status = 'pending' AND expires_at > \(bind: now) RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func key(id: UUID) async throws -> StoredDeviceKey? {
        try await store.sql.select().columns(Self.keyColumns).from("device_keys").where("id", .equal, id).first(decoding: KeyRow.self)?.stored
    }

    public func keys(userID: UUID) async throws -> [StoredDeviceKey] {
        try await store.reader.select().columns(Self.keyColumns).from("device_keys").where("user_id", .equal, userID)
            .orderBy("created_at").orderBy("id").all(decoding: KeyRow.self).map(\.stored)
    }

    public func markUsed(id: UUID, at date: Date) async throws {
        try await store.sql.update("device_keys").set("last_used_at", to: date).where("id", .equal, id).run()
    }

    public func remove(id: UUID, userID: UUID) async throws -> Bool {
        try await store.sql.raw("DELETE FROM device_keys WHERE id = \(bind: id) AND user_id = \(bind: userID) RETURNING id").first(decoding: IDRow.self) != nil
    }

    public func purgeEnrolments(expiredBefore before: Date) async throws -> Int {
        try await store.sql.raw("DELETE FROM device_key_enrolments WHERE expires_at < \(bind: before) RETURNING id").all(decoding: IDRow.self).count
    }
}
