import FlowstaCore
import FlowstaCrypto
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// A platform service on in-memory storage with a fixed clock.
struct PlatformHarness {
    let time = FixedTimeSource()
    let store = InMemoryPlatformStore()
    let mail = CapturingMailer()
    let keyRing = try! KeyRing(kek: SecureRandom.bytes(32))
    let service: PlatformService

    init() throws {
        service = PlatformService(
            organizations: store, memberships: store, keys: store, apps: store, invites: store, audit: store, users: store,
            mailer: mail, publicBaseURL: "https://auth.example.com", keyRing: keyRing, time: time
        )
    }

    /// An organization owned by a new user, plus an admin and a member added directly.
    func team() async throws -> (org: UUID, owner: Principal, admin: Principal, member: Principal) {
        let ownerID = UUID(), adminID = UUID(), memberID = UUID()
        let sealed = try keyRing.seal(Array("owner@acme.example".utf8), context: SealingContext.userEmail(ownerID))
        await store.registerUser(ownerID, username: "owner", displayName: "The Owner", sealedEmail: sealed)
        let org = try await service.createOrganization(.user(ownerID), name: "Acme", contactEmail: "ops@acme.example", billingAddress: nil)
        try await store.add(Membership(organizationID: org.id, userID: adminID, role: .admin, createdAt: time.now))
        try await store.add(Membership(organizationID: org.id, userID: memberID, role: .member, createdAt: time.now))
        return (org.id, .user(ownerID), .user(adminID), .user(memberID))
    }
}

@Suite struct PlatformServiceTests {
    @Test func creatorBecomesOwnerOnTheFreePlan() async throws {
        let harness = try PlatformHarness()
        let user = UUID()
        let org = try await harness.service.createOrganization(.user(user), name: "  Acme  ", contactEmail: "Ops@Acme.Example", billingAddress: "1 Main St")
        #expect(org.name == "Acme")
        #expect(org.plan == .free)
        #expect(org.role == .owner)
        #expect(org.contactEmail == "Ops@acme.example")
        let stored = try #require(await harness.store.find(id: org.id))
        #expect(!String(decoding: stored.contactEmailSealed ?? [], as: UTF8.self).contains("Ops"))
        let mine = try await harness.service.listOrganizations(.user(user), page: PageRequest())
        #expect(mine.items.map(\.id) == [org.id])
    }

    @Test func rolesGateOperations() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, member) = try await harness.team()
        await #expect(throws: PlatformError.forbidden("this needs the owner role")) {
            try await harness.service.updateOrganization(admin, org, OrganizationUpdate(name: "Renamed"))
        }
        _ = try await harness.service.updateOrganization(owner, org, OrganizationUpdate(name: "Renamed"))
        await #expect(throws: PlatformError.forbidden("this needs the admin role")) {
            try await harness.service.createKey(member, org, name: "ci")
        }
        _ = try await harness.service.createKey(admin, org, name: "ci")
        #expect(try await harness.service.listMembers(member, org, page: PageRequest()).items.count == 3)
    }

    @Test func outsidersSeeNothing() async throws {
        let harness = try PlatformHarness()
        let (org, _, _, _) = try await harness.team()
        let outsider = Principal.user(UUID())
        await #expect(throws: PlatformError.notFound) { try await harness.service.organization(outsider, org) }
        await #expect(throws: PlatformError.notFound) { try await harness.service.listMembers(outsider, org, page: PageRequest()) }
        await #expect(throws: PlatformError.notFound) { try await harness.service.organization(.user(UUID()), UUID()) }
    }

    @Test func theLastOwnerStays() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, _) = try await harness.team()
        guard case .user(let ownerID) = owner, case .user(let adminID) = admin else { return }
        await #expect(throws: PlatformError.lastOwner) { try await harness.service.leave(owner, org) }
        await #expect(throws: PlatformError.lastOwner) { try await harness.service.changeRole(owner, org, userID: ownerID, to: .admin) }
        await #expect(throws: PlatformError.forbidden("only owners grant or take away the owner role")) {
            try await harness.service.changeRole(admin, org, userID: adminID, to: .owner)
        }
        _ = try await harness.service.changeRole(owner, org, userID: adminID, to: .owner)
        try await harness.service.leave(owner, org)
        await #expect(throws: PlatformError.notFound) { try await harness.service.organization(owner, org) }
    }

    @Test func apiKeysAuthenticateRotateAndRevoke() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        let created = try await harness.service.createKey(owner, org, name: "deploy")
        #expect(created.secret.hasPrefix("fsk_live_"))
        #expect(created.secret.count == "fsk_live_".count + 43)
        #expect(created.secret.hasPrefix(created.key.prefix))
        #expect(try await harness.service.authenticate(apiKey: created.secret) == .apiKey(id: created.key.id, organizationID: org))

        let listed = try await harness.service.listKeys(owner, org, page: PageRequest())
        #expect(listed.items.first?.lastUsedDay != nil)

        let rotated = try await harness.service.rotateKey(owner, org, keyID: created.key.id)
        _ = try await harness.service.authenticate(apiKey: created.secret)  // grace period
        harness.time.advance(by: 24 * 3600 + 1)
        await #expect(throws: PlatformError.unauthenticated) { try await harness.service.authenticate(apiKey: created.secret) }
        _ = try await harness.service.authenticate(apiKey: rotated.secret)

        try await harness.service.revokeKey(owner, org, keyID: rotated.key.id)
        await #expect(throws: PlatformError.unauthenticated) { try await harness.service.authenticate(apiKey: rotated.secret) }
        await #expect(throws: PlatformError.unauthenticated) { try await harness.service.authenticate(apiKey: "fsk_live_nope") }
    }

    @Test func apiKeysReadAndManageAppsButNotKeysOrTeam() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        let key = try await harness.service.authenticate(apiKey: harness.service.createKey(owner, org, name: "k").secret)
        _ = try await harness.service.organization(key, org)
        await #expect(throws: PlatformError.self) { try await harness.service.createKey(key, org, name: "more") }
        await #expect(throws: PlatformError.notFound) { try await harness.service.organization(key, UUID()) }
    }

    @Test func everyChangeIsAudited() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, member) = try await harness.team()
        guard case .user(let memberID) = member else { return }
        harness.time.advance(by: 1)
        let key = try await harness.service.createKey(owner, org, name: "k")
        harness.time.advance(by: 1)
        try await harness.service.revokeKey(owner, org, keyID: key.key.id)
        harness.time.advance(by: 1)
        try await harness.service.removeMember(owner, org, userID: memberID)
        let log = try await harness.service.auditLog(owner, org, page: PageRequest())
        #expect(log.items.map(\.action) == ["organization.created", "api_key.created", "api_key.revoked", "member.removed"])
    }

    @Test func listsPageWithCursors() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        for index in 0..<5 {
            _ = try await harness.service.createKey(owner, org, name: "key \(index)")
            harness.time.advance(by: 1)
        }
        let first = try await harness.service.listKeys(owner, org, page: PageRequest(limit: 2))
        #expect(first.items.map(\.name) == ["key 0", "key 1"])
        let cursor = try #require(first.nextCursor)
        let second = try await harness.service.listKeys(owner, org, page: PageCursor.request(limit: "2", cursor: cursor))
        #expect(second.items.map(\.name) == ["key 2", "key 3"])
        #expect(throws: PlatformError.self) { try PageCursor.request(limit: "0", cursor: nil) }
        #expect(throws: PlatformError.self) { try PageCursor.request(limit: nil, cursor: "garbage!") }
    }

    @Test func keyChangesAlertTheOwners() async throws {
        let harness = try PlatformHarness()
        let (org, _, admin, _) = try await harness.team()
        let key = try await harness.service.createKey(admin, org, name: "deploy")
        _ = try await harness.service.rotateKey(admin, org, keyID: key.key.id)
        try await harness.service.revokeKey(admin, org, keyID: key.key.id)
        let alerts = harness.mail.messages
        #expect(alerts.map(\.to) == Array(repeating: "owner@acme.example", count: 3))
        #expect(alerts.map(\.subject) == ["API key created", "API key rotated", "API key revoked"].map { "Security alert for Acme: \($0)" })
        #expect(alerts.allSatisfy { !$0.text.contains("fsk_live_") || $0.text.contains("…") })
        #expect(!alerts.contains { $0.text.contains(key.secret) })
    }
}

@Suite struct KeyRevocationAcrossInstancesTests {
    /// Two instances sharing one store: a revocation works at once on the instance that
    /// revoked, and on the other once its 5-second cache entry lapses.
    @Test func revocationReachesOtherInstancesWithinFiveSeconds() async throws {
        let harness = try PlatformHarness()
        let other = PlatformService(
            organizations: harness.store, memberships: harness.store, keys: harness.store, apps: harness.store,
            invites: harness.store, audit: harness.store, users: harness.store, mailer: harness.mail,
            publicBaseURL: "https://auth.example.com", keyRing: harness.keyRing, time: harness.time
        )
        let (org, owner, _, _) = try await harness.team()
        let key = try await harness.service.createKey(owner, org, name: "shared")
        _ = try await harness.service.authenticate(apiKey: key.secret)
        _ = try await other.authenticate(apiKey: key.secret)

        try await harness.service.revokeKey(owner, org, keyID: key.key.id)
        await #expect(throws: PlatformError.unauthenticated) { try await harness.service.authenticate(apiKey: key.secret) }
        harness.time.advance(by: 4)
        _ = try await other.authenticate(apiKey: key.secret)  // still cached on the other instance
        harness.time.advance(by: 1.5)
        await #expect(throws: PlatformError.unauthenticated) { try await other.authenticate(apiKey: key.secret) }
    }
}
