import FlowstaOAuth
import Foundation

/// Every OAuth storage port in memory, with the same atomicity as the SQL implementations.
public actor InMemoryOAuthStore: AuthorizationCodeRepository, RefreshTokenRepository, GrantRepository, ConsentRepository, SigningKeyRepository, OAuthRetentionRepository {
    public private(set) var codes: [String: StoredAuthorizationCode] = [:]
    public private(set) var refreshTokens: [String: StoredRefreshToken] = [:]
    public private(set) var grants: [UUID: StoredGrant] = [:]
    public private(set) var consents: [String: StoredConsent] = [:]
    public private(set) var keys: [String: StoredSigningKey] = [:]

    public init() {}

    // MARK: AuthorizationCodeRepository

    public func insert(_ code: StoredAuthorizationCode) { codes[code.codeHash] = code }
    public func find(codeHash: String) -> StoredAuthorizationCode? { codes[codeHash] }

    public func consume(codeHash: String, at now: Date) -> CodeConsumption {
        guard var code = codes[codeHash] else { return .unknown }
        guard code.consumedAt == nil else { return .replayed(grantID: code.grantID) }
        code.consumedAt = now
        codes[codeHash] = code
        return .consumed(code)
    }

    // MARK: RefreshTokenRepository

    public func insert(_ token: StoredRefreshToken) { refreshTokens[token.tokenHash] = token }
    public func find(tokenHash: String) -> StoredRefreshToken? { refreshTokens[tokenHash] }

    public func rotate(
        tokenHash: String, clientID: String, nextHash: String, nextExpiresAt: Date, maxGrantAge: TimeInterval, at now: Date, grace: TimeInterval
    ) -> RefreshRotation {
        guard var token = refreshTokens[tokenHash] else { return .unknown }
        guard token.grant.clientID == clientID else { return .otherClient }
        let expiry = min(nextExpiresAt, token.grant.createdAt.addingTimeInterval(maxGrantAge))
        let next = StoredRefreshToken(tokenHash: nextHash, grant: token.grant, expiresAt: expiry)
        if let rotatedAt = token.rotatedAt {
            guard now.timeIntervalSince(rotatedAt) <= grace else { return .reused(grantID: token.grantID) }
            guard token.gracedAt == nil else { return .graceSpent }
            token.gracedAt = now
            refreshTokens[tokenHash] = token
            refreshTokens[nextHash] = next
            return .graced(token.grant)
        }
        guard token.expiresAt > now else { return .expired }
        token.rotatedAt = now
        refreshTokens[tokenHash] = token
        refreshTokens[nextHash] = next
        return .rotated(token.grant)
    }

    // MARK: GrantRepository

    public func insert(_ grant: StoredGrant) { grants[grant.id] = grant }
    public func find(id: UUID) -> StoredGrant? { grants[id] }
    public func live(sessionRef: String) -> [StoredGrant] { grants.values.filter { $0.sessionRef == sessionRef && $0.revokedAt == nil } }

    public func revoke(id: UUID, at now: Date) {
        if grants[id]?.revokedAt == nil { grants[id]?.revokedAt = now }
        refreshTokens = refreshTokens.filter { $0.value.grantID != id }
        codes = codes.filter { $0.value.grantID != id || $0.value.consumedAt != nil }
    }

    public func revokeAll(userID: UUID, appID: UUID?, at now: Date) -> [UUID] {
        let ids = grants.values.filter { $0.userID == userID && (appID == nil || $0.appID == appID) && $0.revokedAt == nil }.map(\.id)
        for id in ids { revoke(id: id, at: now) }
        return ids
    }

    // MARK: ConsentRepository

    private static func key(_ userID: UUID, _ appID: UUID) -> String { "\(userID)/\(appID)" }
    public func find(userID: UUID, appID: UUID) -> StoredConsent? { consents[Self.key(userID, appID)] }
    public func save(_ consent: StoredConsent) { consents[Self.key(consent.userID, consent.appID)] = consent }
    public func delete(userID: UUID, appID: UUID) { consents[Self.key(userID, appID)] = nil }
    public func list(userID: UUID) -> [StoredConsent] { consents.values.filter { $0.userID == userID } }

    // MARK: SigningKeyRepository

    public func all() -> [StoredSigningKey] { Array(keys.values) }
    public func insert(_ key: StoredSigningKey) { keys[key.kid] = key }
    public func retire(kid: String, at: Date) { if keys[kid]?.retiresAt == nil { keys[kid]?.retiresAt = at } }
    public func deleteRetired(before now: Date) { keys = keys.filter { ($0.value.retiresAt ?? .distantFuture) > now } }

    // MARK: OAuthRetentionRepository

    public func purge(now: Date, codesBefore: Date, grantsBefore: Date) -> OAuthPurgeCounts {
        let codeCount = codes.count
        codes = codes.filter { $0.value.expiresAt >= codesBefore }
        let tokenCount = refreshTokens.count
        refreshTokens = refreshTokens.filter { $0.value.expiresAt > now }
        let live = Set(refreshTokens.values.map(\.grantID))
        let grantCount = grants.count
        grants = grants.filter { _, grant in
            if let revokedAt = grant.revokedAt { return revokedAt >= grantsBefore }
            return grant.createdAt >= grantsBefore || live.contains(grant.id)
        }
        let deletedCodes = codeCount - codes.count
        let remaining = Set(grants.keys)
        // The SQL stores delete a grant's codes with it (ON DELETE CASCADE), uncounted.
        codes = codes.filter { remaining.contains($0.value.grantID) }
        return OAuthPurgeCounts(codes: deletedCodes, refreshTokens: tokenCount - refreshTokens.count, grants: grantCount - grants.count)
    }
}
