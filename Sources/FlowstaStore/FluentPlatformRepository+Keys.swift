import FlowstaPlatform
import FluentKit
import Foundation
import SQLKit

extension FluentPlatformRepository: APIKeyRepository {
    struct KeyRow: Codable {
        var id: UUID
        var organization_id: UUID
        var name: String
        var prefix: String
        var key_hash: String
        var created_at: Date
        var last_used_day: String?
        var expires_at: Date?
        var revoked_at: Date?

        static let columns = ["id", "organization_id", "name", "prefix", "key_hash", "created_at", "last_used_day", "expires_at", "revoked_at"]

        var key: StoredAPIKey {
            StoredAPIKey(
                id: id, organizationID: organization_id, name: name, prefix: prefix, keyHash: key_hash, createdAt: created_at,
                lastUsedDay: last_used_day, expiresAt: expires_at, revokedAt: revoked_at
            )
        }
    }

    public func create(_ key: StoredAPIKey) async throws {
        try await sql.insert(into: "api_keys").columns(KeyRow.columns).values(
            SQLBind(key.id), SQLBind(key.organizationID), SQLBind(key.name), SQLBind(key.prefix), SQLBind(key.keyHash),
            SQLBind(key.createdAt), SQLBind(key.lastUsedDay), SQLBind(key.expiresAt), SQLBind(key.revokedAt)
        ).run()
    }

    public func find(keyHash: String) async throws -> StoredAPIKey? {
        try await sql.select().columns(KeyRow.columns).from("api_keys").where("key_hash", .equal, keyHash)
            .first(decoding: KeyRow.self)?.key
    }

    public func find(id: UUID, organizationID: UUID) async throws -> StoredAPIKey? {
        try await sql.select().columns(KeyRow.columns).from("api_keys")
            .where("id", .equal, id).where("organization_id", .equal, organizationID)
            .first(decoding: KeyRow.self)?.key
    }

    public func keys(organizationID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [StoredAPIKey] {
        let select = sql.select().columns(KeyRow.columns).from("api_keys").where("organization_id", .equal, organizationID)
        return try await Self.paged(select, time: SQLColumn("created_at"), id: SQLColumn("id"), page).all(decoding: KeyRow.self).map(\.key)
    }

    public func revoke(id: UUID, at: Date) async throws {
        try await sql.update("api_keys").set("revoked_at", to: at).where("id", .equal, id).run()
    }

    public func expire(id: UUID, at: Date) async throws {
        try await sql.update("api_keys").set("expires_at", to: at).where("id", .equal, id).run()
    }

    public func recordUse(id: UUID, day: String) async throws {
        try await sql.update("api_keys").set("last_used_day", to: day).where("id", .equal, id).run()
    }
}

extension FluentPlatformRepository: AuditRepository {
    struct EventRow: Codable {
        var id: UUID
        var organization_id: UUID
        var occurred_at: Date
        var actor_type: String
        var actor_id: UUID
        var action: String
        var target_type: String
        var target_id: String

        static let columns = ["id", "organization_id", "occurred_at", "actor_type", "actor_id", "action", "target_type", "target_id"]
    }

    public func append(_ event: AuditEvent) async throws {
        try await sql.insert(into: "audit_events").columns(EventRow.columns).values(
            SQLBind(event.id), SQLBind(event.organizationID), SQLBind(event.occurredAt), SQLBind(event.actorType),
            SQLBind(event.actorID), SQLBind(event.action), SQLBind(event.targetType), SQLBind(event.targetID)
        ).run()
    }

    public func count(organizationID: UUID, actions: [String], since: Date) async throws -> Int {
        struct CountRow: Codable { var n: Int }
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events")
            .where("organization_id", .equal, organizationID).where("action", .in, actions).where("occurred_at", .greaterThanOrEqual, SQLBind(since))
            .first(decoding: CountRow.self)?.n ?? 0
    }

    public func events(organizationID: UUID, page: FlowstaPlatform.PageRequest) async throws -> [AuditEvent] {
        let select = sql.select().columns(EventRow.columns).from("audit_events").where("organization_id", .equal, organizationID)
        return try await Self.paged(select, time: SQLColumn("occurred_at"), id: SQLColumn("id"), page)
            .all(decoding: EventRow.self)
            .map {
                AuditEvent(
                    id: $0.id, organizationID: $0.organization_id, occurredAt: $0.occurred_at, actorType: $0.actor_type,
                    actorID: $0.actor_id, action: $0.action, targetType: $0.target_type, targetID: $0.target_id
                )
            }
    }
}

extension FluentPlatformRepository: UserDirectory {
    public func withSecondFactor(_ userIDs: [UUID]) async throws -> Set<UUID> {
        guard !userIDs.isEmpty else { return [] }
        struct Row: Codable { var user_id: UUID }
        let rows = try await store.reader.select().column("user_id").from("totp_factors")
            .where("user_id", .in, userIDs).where("confirmed_at", .isNot, SQLLiteral.null).all(decoding: Row.self)
        return Set(rows.map(\.user_id))
    }

    public func sealedEmails(of userIDs: [UUID]) async throws -> [UUID: [UInt8]] {
        guard !userIDs.isEmpty else { return [:] }
        struct Row: Codable {
            var id: UUID
            var email_sealed: Data?
        }
        // Only verified addresses: until verified, an address receives nothing but its link.
        let rows = try await sql.select().columns("id", "email_sealed").from(UserModel.schema)
            .where("id", .in, userIDs).where("email_verified", .equal, true).all(decoding: Row.self)
        var result: [UUID: [UInt8]] = [:]
        for row in rows { if let sealed = row.email_sealed { result[row.id] = [UInt8](sealed) } }
        return result
    }

    public func displayNames(of userIDs: [UUID]) async throws -> [UUID: (username: String, displayName: String?)] {
        guard !userIDs.isEmpty else { return [:] }
        struct Row: Codable {
            var id: UUID
            var username: String
            var display_name: String?
        }
        let rows = try await sql.select().columns("id", "username", "display_name").from(UserModel.schema)
            .where("id", .in, userIDs).all(decoding: Row.self)
        var result: [UUID: (username: String, displayName: String?)] = [:]
        for row in rows { result[row.id] = (row.username, row.display_name) }
        return result
    }
}
