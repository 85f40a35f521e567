import FlowstaOAuth
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// The OAuth storage contract for every store: single-use codes and refresh rotation under
/// concurrency, revocation, consents and signing keys.
@Suite struct OAuthRepositoryContractTests {
    static let t0 = PlatformRepositoryContractTests.t0

    /// A user, an app and a grant for them.
    static func grant(_ stores: Stores) async throws -> StoredGrant {
        let owner = try await PlatformRepositoryContractTests.user(stores, "oauth")
        let organization = PlatformRepositoryContractTests.organization("OAuth")
        try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: t0))
        let app = StoredApp(
            id: UUID(), organizationID: organization.id, clientID: RepositoryContractTests.unique("flowsta_app"), name: "RP",
            description: nil, type: .web, redirectURIs: ["https://rp.example/cb"], allowedScopes: ["openid"], logoURL: nil,
            privacyURL: nil, termsURL: nil, active: true, secretHash: nil, idTokenSigningAlgorithm: "ES256", createdAt: t0, updatedAt: t0
        )
        _ = try await stores.platform.create(app, limit: nil)
        #expect(try await stores.platform.app(id: app.id)?.idTokenSigningAlgorithm == "ES256")
        let grant = StoredGrant(
            id: UUID(), userID: owner, appID: app.id, clientID: app.clientID, scope: ScopeSet([.openid, .offlineAccess]), authTime: t0,
            methods: .passwordAndCode, acr: "urn:flowsta:acr:mfa", createdAt: t0
        )
        try await stores.oauth.insert(grant)
        // The grant, and the snapshot of it codes and refresh tokens carry, keep how the user signed in.
        #expect(try await stores.oauth.find(id: grant.id) == grant)
        return grant
    }

    @Test(arguments: StoreKind.all)
    func codesAreSpentExactlyOnceAndReplaysNameTheirGrant(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let grant = try await Self.grant(stores)
            let hash = RepositoryContractTests.unique("code")
            try await stores.oauth.insert(StoredAuthorizationCode(
                codeHash: hash, grant: grant, redirectURI: nil, codeChallenge: "c", nonce: "n", expiresAt: Self.t0.addingTimeInterval(60)
            ))
            async let a = stores.oauth.consume(codeHash: hash, at: Self.t0)
            async let b = stores.oauth.consume(codeHash: hash, at: Self.t0)
            async let c = stores.oauth.consume(codeHash: hash, at: Self.t0)
            let results = try await [a, b, c]
            let consumed = results.compactMap { if case .consumed(let code) = $0 { code } else { nil } }
            #expect(consumed.count == 1)
            #expect(consumed.first?.grant == grant)
            #expect(consumed.first?.nonce == "n")
            #expect(results.filter { $0 == .replayed(grantID: grant.id) }.count == 2)
            #expect(try await stores.oauth.consume(codeHash: "unknown", at: Self.t0) == .unknown)
        }
    }

    static let year: TimeInterval = 365 * 86_400

    /// Issue #15: a token rotated a moment ago (a concurrent refresh) gets one successor, not a
    /// chain of them; and successors never outlive the grant's absolute lifetime.
    @Test(arguments: StoreKind.all)
    func aRotatedTokenGetsOneGraceSuccessorAndSuccessorsStopAtTheAbsoluteLifetime(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let grant = try await Self.grant(stores)
            let first = RepositoryContractTests.unique("rt")
            try await stores.oauth.insert(StoredRefreshToken(tokenHash: first, grant: grant, expiresAt: Self.t0.addingTimeInterval(3600)))
            let now = Self.t0.addingTimeInterval(1)
            let sliding = now.addingTimeInterval(30 * 86_400)
            let maxAge: TimeInterval = 600
            #expect(try await stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-a", nextExpiresAt: sliding, maxGrantAge: maxAge, at: now, grace: 10) == .rotated(grant))
            let soon = now.addingTimeInterval(2)
            #expect(try await stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-b", nextExpiresAt: sliding, maxGrantAge: maxAge, at: soon, grace: 10) == .graced(grant))
            #expect(try await stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-c", nextExpiresAt: sliding, maxGrantAge: maxAge, at: soon, grace: 10) == .graceSpent)
            #expect(try await stores.oauth.find(tokenHash: first + "-c") == nil, "no second grace successor")
            for successor in [first + "-a", first + "-b"] {
                let token = try #require(try await stores.oauth.find(tokenHash: successor))
                #expect(abs(token.expiresAt.timeIntervalSince(grant.createdAt.addingTimeInterval(maxAge))) < 1, "clamped to the grant's absolute lifetime")
            }
        }
    }

    @Test(arguments: StoreKind.all)
    func refreshRotationIsAtomicAndRevocationEndsTheGrant(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let grant = try await Self.grant(stores)
            let first = RepositoryContractTests.unique("rt")
            try await stores.oauth.insert(StoredRefreshToken(tokenHash: first, grant: grant, expiresAt: Self.t0.addingTimeInterval(3600)))
            #expect(try await stores.oauth.find(tokenHash: first)?.grant == grant)
            let now = Self.t0.addingTimeInterval(1)
            let expires = Self.t0.addingTimeInterval(7200)
            async let a = stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-a", nextExpiresAt: expires, maxGrantAge: Self.year, at: now, grace: 0)
            async let b = stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-b", nextExpiresAt: expires, maxGrantAge: Self.year, at: now, grace: 0)
            let results = try await [a, b]
            #expect(results.filter { $0 == .rotated(grant) }.count == 1)
            // The loser arrives within a zero-second grace window only if rotated at the same instant.
            #expect(results.allSatisfy { $0 == .rotated(grant) || $0 == .graced(grant) })
            let later = now.addingTimeInterval(30)
            #expect(try await stores.oauth.rotate(tokenHash: first, clientID: grant.clientID, nextHash: first + "-c", nextExpiresAt: expires, maxGrantAge: Self.year, at: later, grace: 10) == .reused(grantID: grant.id))
            #expect(try await stores.oauth.find(tokenHash: first + "-c") == nil, "no successor for a reused token")
            #expect(try await stores.oauth.rotate(tokenHash: first + "-a", clientID: "someone-else", nextHash: first + "-d", nextExpiresAt: expires, maxGrantAge: Self.year, at: later, grace: 10) == .otherClient)
            #expect(try await stores.oauth.rotate(tokenHash: first + "-a", clientID: grant.clientID, nextHash: first + "-e", nextExpiresAt: expires, maxGrantAge: Self.year, at: expires.addingTimeInterval(1), grace: 10) == .expired)
            #expect(try await stores.oauth.rotate(tokenHash: "nope", clientID: grant.clientID, nextHash: first + "-f", nextExpiresAt: expires, maxGrantAge: Self.year, at: later, grace: 10) == .unknown)

            let ids = try await stores.oauth.revokeAll(userID: try #require(grant.userID), appID: grant.appID, at: later)
            #expect(ids == [grant.id])
            #expect(try await stores.oauth.find(id: grant.id)?.revokedAt != nil)
            #expect(try await stores.oauth.find(tokenHash: first + "-a") == nil)
            #expect(try await stores.oauth.revokeAll(userID: try #require(grant.userID), appID: grant.appID, at: later).isEmpty)
        }
    }

    @Test(arguments: StoreKind.all)
    func consentsAndSigningKeys(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let grant = try await Self.grant(stores)
            let userID = try #require(grant.userID)
            try await stores.oauth.save(StoredConsent(userID: userID, appID: grant.appID, scope: ScopeSet([.openid]), updatedAt: Self.t0))
            try await stores.oauth.save(StoredConsent(userID: userID, appID: grant.appID, scope: ScopeSet([.openid, .email]), updatedAt: Self.t0))
            #expect(try await stores.oauth.find(userID: userID, appID: grant.appID)?.scope == ScopeSet([.openid, .email]))
            #expect(try await stores.oauth.list(userID: userID).count == 1)
            try await stores.oauth.delete(userID: userID, appID: grant.appID)
            #expect(try await stores.oauth.list(userID: userID).isEmpty)

            let kid = RepositoryContractTests.unique("kid")
            try await stores.oauth.insert(StoredSigningKey(kid: kid, algorithm: .edDSA, sealedPrivateKey: [1, 2, 3], createdAt: Self.t0))
            try await stores.oauth.retire(kid: kid, at: Self.t0.addingTimeInterval(10))
            #expect(try await stores.oauth.all().first { $0.kid == kid }?.retiresAt == Self.t0.addingTimeInterval(10))
            try await stores.oauth.deleteRetired(before: Self.t0.addingTimeInterval(11))
            #expect(try await stores.oauth.all().contains { $0.kid == kid } == false)
        }
    }
}

@Suite struct OAuthRetentionContractTests {
    /// Long before any other test's data: the PostgreSQL database is shared, so a purge must
    /// only reach this test's rows.
    static let t0 = Date(timeIntervalSince1970: 1_000_000_000)

    /// Each rule one second before and one second after its boundary.
    @Test(arguments: StoreKind.all)
    func purgeKeepsWhatCanStillBeUsedAndDeletesTheRest(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let base = try await OAuthRepositoryContractTests.grant(stores)
            func grant(createdAt: Date, revokedAt: Date? = nil) async throws -> StoredGrant {
                var grant = base
                grant.id = UUID()
                grant.createdAt = createdAt
                try await stores.oauth.insert(grant)
                if let revokedAt { try await stores.oauth.revoke(id: grant.id, at: revokedAt) }
                return grant
            }
            let boundary = Self.t0.addingTimeInterval(10_000)
            let oldWithToken = try await grant(createdAt: boundary.addingTimeInterval(-1))
            let oldWithExpiredToken = try await grant(createdAt: boundary.addingTimeInterval(-1))
            let oldWithoutToken = try await grant(createdAt: boundary.addingTimeInterval(-1))
            let youngWithoutToken = try await grant(createdAt: boundary.addingTimeInterval(1))
            let revokedLongAgo = try await grant(createdAt: Self.t0, revokedAt: boundary.addingTimeInterval(-1))
            let revokedRecently = try await grant(createdAt: Self.t0, revokedAt: boundary.addingTimeInterval(1))
            let now = boundary.addingTimeInterval(5_000)
            let live = RepositoryContractTests.unique("rt-live")
            let expired = RepositoryContractTests.unique("rt-expired")
            try await stores.oauth.insert(StoredRefreshToken(tokenHash: live, grant: oldWithToken, expiresAt: now.addingTimeInterval(1)))
            try await stores.oauth.insert(StoredRefreshToken(tokenHash: expired, grant: oldWithExpiredToken, expiresAt: now.addingTimeInterval(-1)))
            let codesBefore = now.addingTimeInterval(-3600)
            let oldCode = RepositoryContractTests.unique("code-old")
            let newCode = RepositoryContractTests.unique("code-new")
            for (hash, expiry) in [(oldCode, codesBefore.addingTimeInterval(-1)), (newCode, codesBefore.addingTimeInterval(1))] {
                try await stores.oauth.insert(StoredAuthorizationCode(
                    codeHash: hash, grant: oldWithToken, redirectURI: nil, codeChallenge: "c", nonce: nil, expiresAt: expiry
                ))
            }

            let counts = try await stores.oauth.purge(now: now, codesBefore: codesBefore, grantsBefore: boundary)
            #expect(counts == OAuthPurgeCounts(codes: 1, refreshTokens: 1, grants: 3))
            #expect(try await stores.oauth.find(tokenHash: live) != nil)
            #expect(try await stores.oauth.find(tokenHash: expired) == nil)
            for kept in [oldWithToken, youngWithoutToken, revokedRecently] { #expect(try await stores.oauth.find(id: kept.id) != nil) }
            for gone in [oldWithExpiredToken, oldWithoutToken, revokedLongAgo] { #expect(try await stores.oauth.find(id: gone.id) == nil) }
            #expect(try await stores.oauth.consume(codeHash: oldCode, at: now) == .unknown)
            #expect(try await stores.oauth.consume(codeHash: newCode, at: now) != .unknown)
            // Idempotent.
            #expect(try await stores.oauth.purge(now: now, codesBefore: codesBefore, grantsBefore: boundary) == OAuthPurgeCounts(codes: 0, refreshTokens: 0, grants: 0))
        }
    }
}
