import FlowstaOAuth
import FluentKit
import Foundation
import SQLKit

/// ``DeviceAuthorizationRepository`` on the Fluent database (`device_authorizations`). Answers
/// and consumption are conditional updates, so concurrent polls and clicks settle in the database.
public struct FluentDeviceAuthorizationRepository: DeviceAuthorizationRepository {
    let store: FlowstaDatabase
    static let columns = [
        "id", "device_code_hash", "user_code_hash", "client_id", "app_id", "scope", "status", "grant_id", "poll_interval", "last_polled_at",
        "expires_at", "created_at",
    ]

    public init(store: FlowstaDatabase) { self.store = store }

    struct Row: Decodable {
        var id: UUID
        var device_code_hash: String
        var user_code_hash: String
        var client_id: String
        var app_id: UUID
        var scope: String
        var status: String
        var grant_id: UUID?
        var poll_interval: Int
        var last_polled_at: Date?
        var expires_at: Date
        var created_at: Date

        var stored: StoredDeviceAuthorization {
            StoredDeviceAuthorization(
                id: id, deviceCodeHash: device_code_hash, userCodeHash: user_code_hash, clientID: client_id, appID: app_id,
                scope: (try? ScopeSet(parsing: scope)) ?? ScopeSet([]), status: DeviceAuthorizationStatus(rawValue: status) ?? .denied,
                grantID: grant_id, interval: poll_interval, lastPolledAt: last_polled_at, expiresAt: expires_at, createdAt: created_at
            )
        }
    }

    struct IDRow: Decodable { var id: UUID }

    public func insert(_ a: StoredDeviceAuthorization) async throws -> Bool {
        try await store.sql.raw("""
            INSERT INTO device_authorizations (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(bind: a.id), \(bind: a.deviceCodeHash), \
            \(bind: a.userCodeHash), \(bind: a.clientID), \(bind: a.appID), \(bind: a.scope.wire), \(bind: a.status.rawValue), \(bind: a.grantID), \
            \(bind: a.interval), \(bind: a.lastPolledAt), \(bind: a.expiresAt), \(bind: a.createdAt))
            ON CONFLICT DO NOTHING RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func find(deviceCodeHash: String) async throws -> StoredDeviceAuthorization? {
        try await store.sql.select().columns(Self.columns).from("device_authorizations").where("device_code_hash", .equal, deviceCodeHash)
            .first(decoding: Row.self)?.stored
    }

    public func find(userCodeHash: String) async throws -> StoredDeviceAuthorization? {
        try await store.sql.select().columns(Self.columns).from("device_authorizations").where("user_code_hash", .equal, userCodeHash)
            .first(decoding: Row.self)?.stored
    }

    public func decide(id: UUID, status: DeviceAuthorizationStatus, grantID: UUID?, now: Date) async throws -> Bool {
        try await store.sql.raw("""
            UPDATE device_authorizations SET status = \(bind: status.rawValue), grant_id = \(bind: grantID)
            WHERE id = \(bind: id) AND status = 'pending' AND expires_at > \(bind: now) RETURNING id
            """).first(decoding: IDRow.self) != nil
    }

    public func polled(id: UUID, at date: Date, interval: Int) async throws {
        try await store.sql.update("device_authorizations").set("last_polled_at", to: date).set("poll_interval", to: interval)
            .where("id", .equal, id).run()
    }

    public func consume(id: UUID) async throws -> UUID? {
        struct GrantRow: Decodable { var grant_id: UUID? }
        return try await store.sql.raw("""
            UPDATE device_authorizations SET status = 'consumed' WHERE id = \(bind: id) AND status = 'approved' RETURNING grant_id
            """).first(decoding: GrantRow.self)?.grant_id
    }

    public func purge(expiredBefore before: Date) async throws -> Int {
        try await store.sql.raw("DELETE FROM device_authorizations WHERE expires_at < \(bind: before) RETURNING id").all(decoding: IDRow.self).count
    }
}
