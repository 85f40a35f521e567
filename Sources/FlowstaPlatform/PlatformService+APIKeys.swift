import FlowstaCore
import FlowstaCrypto
import Foundation

/// API key metadata as listed (never the key).
public struct APIKeyView: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var prefix: String
    public var createdAt: Date
    public var lastUsedDay: String?
    public var expiresAt: Date?
    public var revoked: Bool
}

/// A freshly created key: the only time the full key is shown.
public struct CreatedAPIKey: Sendable {
    public var key: APIKeyView
    public var secret: String
}

extension PlatformService {
    static let keyPrefix = "fsk_live_"
    /// The furthest an API key's expiry may be set.
    public static let maxKeyLifetime: TimeInterval = 10 * 365 * 86_400
    static let defaultRotationGrace: TimeInterval = 24 * 3600

    /// Resolves `Authorization: Bearer fsk_live_…` to a principal (cached, see ``APIKeyCache``).
    public func authenticate(apiKey: String) async throws -> Principal {
        guard apiKey.hasPrefix(Self.keyPrefix), apiKey.utf8.count < 100 else { throw PlatformError.unauthenticated }
        let hash = keyHasher.hash(apiKey)
        let key: StoredAPIKey?
        if let cached = await keyCache.lookup(hash) {
            key = cached
        } else {
            key = try await keys.find(keyHash: hash)
            await keyCache.store(hash, key)
        }
        let now = time.now
        guard var key, key.isValid(at: now) else { throw PlatformError.unauthenticated }
        try await ensureActive(key.organizationID)
        let today = UTCDay.string(from: now)
        if key.lastUsedDay != today {
            try await keys.recordUse(id: key.id, day: today)
            key.lastUsedDay = today
            await keyCache.store(hash, key)
        }
        return .apiKey(id: key.id, organizationID: key.organizationID)
    }

    public func createKey(_ principal: Principal, _ organizationID: UUID, name: String, expiresAt: Date? = nil) async throws -> CreatedAPIKey {
        try await authorize(principal, organizationID, .manageKeys)
        let created = try await mintKey(organizationID, name: name, expiresAt: expiresAt)
        try await record(principal, organizationID, "api_key.created", "api_key", created.key.id.uuidString.lowercased())
        await alertOwners(organizationID, subject: "API key created", text: "An API key named \"\(created.key.name)\" (\(created.key.prefix)…) was created.")
        return created
    }

    public func listKeys(_ principal: Principal, _ organizationID: UUID, page: PageRequest) async throws -> Page<APIKeyView> {
        try await authorize(principal, organizationID, .read)
        var request = page
        request.limit += 1
        let rows = try await keys.keys(organizationID: organizationID, page: request)
        return PageCursor.page(rows.map(Self.view), limit: page.limit) { ($0.createdAt, $0.id) }
    }

    /// Revokes a key; it stops working at once here and, on a shared database, on the other
    /// instances as soon as they hear of it (within 5 s at worst).
    public func revokeKey(_ principal: Principal, _ organizationID: UUID, keyID: UUID) async throws {
        try await authorize(principal, organizationID, .manageKeys)
        guard let key = try await keys.find(id: keyID, organizationID: organizationID), key.revokedAt == nil else {
            throw PlatformError.notFound
        }
        try await keys.revoke(id: keyID, at: time.now)
        await changes.announce(.apiKey(keyID))
        try await record(principal, organizationID, "api_key.revoked", "api_key", keyID.uuidString.lowercased())
        await alertOwners(organizationID, subject: "API key revoked", text: "The API key named \"\(key.name)\" (\(key.prefix)…) was revoked.")
    }

    /// Issues a replacement key; the old one keeps working for `grace` (default 24 h).
    public func rotateKey(_ principal: Principal, _ organizationID: UUID, keyID: UUID, grace: TimeInterval? = nil) async throws -> CreatedAPIKey {
        try await authorize(principal, organizationID, .manageKeys)
        guard let old = try await keys.find(id: keyID, organizationID: organizationID), old.isValid(at: time.now) else {
            throw PlatformError.notFound
        }
        let grace = grace ?? Self.defaultRotationGrace
        guard (0...(30 * 24 * 3600)).contains(grace) else {
            throw PlatformError.invalidRequest("grace_hours must be between 0 and 720")
        }
        let created = try await mintKey(organizationID, name: old.name, expiresAt: old.expiresAt)
        let end = time.now.addingTimeInterval(grace)
        try await keys.expire(id: keyID, at: min(end, old.expiresAt ?? end))
        await changes.announce(.apiKey(keyID))
        try await record(principal, organizationID, "api_key.rotated", "api_key", keyID.uuidString.lowercased())
        await alertOwners(organizationID, subject: "API key rotated", text: "The API key named \"\(old.name)\" (\(old.prefix)…) was rotated; the old key stops working at \(min(end, old.expiresAt ?? end).ISO8601Format()).")
        return created
    }

    private func mintKey(_ organizationID: UUID, name raw: String, expiresAt: Date?) async throws -> CreatedAPIKey {
        let name = try Self.validName(raw)
        if let expiresAt, expiresAt <= time.now || expiresAt > time.now.addingTimeInterval(Self.maxKeyLifetime) {
            throw PlatformError.invalidRequest("expires_at must be in the future and at most \(Int(Self.maxKeyLifetime / 86_400 / 365)) years away")
        }
        let secret = Self.keyPrefix + Base62.encode(SecureRandom.bytes(32))
        let key = StoredAPIKey(
            id: UUID(), organizationID: organizationID, name: name,
            prefix: String(secret.prefix(Self.keyPrefix.count + 6)), keyHash: keyHasher.hash(secret),
            createdAt: timestamp(), lastUsedDay: nil, expiresAt: expiresAt, revokedAt: nil
        )
        try await keys.create(key)
        return CreatedAPIKey(key: Self.view(key), secret: secret)
    }

    static func view(_ key: StoredAPIKey) -> APIKeyView {
        APIKeyView(id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, lastUsedDay: key.lastUsedDay, expiresAt: key.expiresAt, revoked: key.revokedAt != nil)
    }

    /// The audit log, newest last.
    public func auditLog(_ principal: Principal, _ organizationID: UUID, page: PageRequest) async throws -> Page<AuditEvent> {
        try await authorize(principal, organizationID, .read)
        var request = page
        request.limit += 1
        let rows = try await audit.events(organizationID: organizationID, page: request)
        return PageCursor.page(rows, limit: page.limit) { ($0.occurredAt, $0.id) }
    }
}
