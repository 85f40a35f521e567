import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

/// What every OAuth handler shares: configuration, storage ports, keys, clock and hashers.
struct OAuthEnvironment: Sendable {
    let configuration: OAuthConfiguration
    let directory: any OAuthClientDirectory
    let codes: any AuthorizationCodeRepository
    let refreshTokens: any RefreshTokenRepository
    let grants: any GrantRepository
    let consents: any ConsentRepository
    let users: any UserRepository
    let accounts: AccountService
    let keys: SigningKeyProvider
    let time: any TimeSource
    let grantCache: ExpiringCache<UUID, StoredGrant>
    /// Where revocations are announced (every instance's grant cache drops them).
    let changes: CacheChanges
    let verifiedTokens = VerifiedTokenCache()
    let clientGrants = ClientGrantReuse()
    /// Keyed hashes for codes and refresh tokens (only these are stored).
    let codeHasher: KeyedHasher
    let refreshHasher: KeyedHasher
    /// Derives pairwise subject identifiers.
    let subjectHasher: KeyedHasher
    /// Device authorizations (RFC 8628), their codes' keyed hashes, and the counters that limit
    /// them (per client, and wrong user codes per user).
    let devices: any DeviceAuthorizationRepository
    let deviceHasher: KeyedHasher
    let counters: any SharedCounters
    /// Where sign-ins, consents and revocations are reported (webhooks); `nil`: nowhere.
    let events: (any OAuthEventSink)?

    var issuer: String { configuration.issuer }

    /// The subject identifier of `userID` for `appID`: pairwise, so two apps cannot correlate
    /// a user (OIDC Core §8.1).
    func subject(userID: UUID, appID: UUID) -> String {
        subjectHasher.hash(appID.uuidString.lowercased() + ":" + userID.uuidString.lowercased())
    }

    /// The `sid` of a sign-in session for `appID` (OIDC Back-Channel Logout §2.1): pairwise
    /// like the subject, so two apps cannot tell they share a session.
    func sid(sessionRef: String, appID: UUID) -> String {
        subjectHasher.hash("sid:" + appID.uuidString.lowercased() + ":" + sessionRef)
    }

    /// A new random bearer secret (256 bits).
    static func randomToken() -> String { Base64URL.encode(SecureRandom.bytes(32)) }

    /// The grant, through the short-lived cache (revocations are announced to every instance;
    /// the cache lifetime bounds a lost announcement).
    func liveGrant(_ id: UUID) async throws -> StoredGrant? {
        if let cached = grantCache.get(id, now: time.now) { return cached.revokedAt == nil ? cached : nil }
        guard let grant = try await grants.find(id: id) else { return nil }
        grantCache.put(id, grant, now: time.now)
        return grant.revokedAt == nil ? grant : nil
    }

    /// Revokes a grant and everything issued from it.
    func revoke(grantID: UUID) async throws {
        try await grants.revoke(id: grantID, at: time.now)
        await changes.announce(.grant(grantID))
    }
}
