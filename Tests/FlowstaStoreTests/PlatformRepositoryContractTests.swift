import FlowstaAccounts
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// The platform storage contract for every store: in-memory, SQLite and PostgreSQL.
@Suite struct PlatformRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A stored user (memberships reference users) registered with the directory.
    static func user(_ stores: Stores, _ name: String) async throws -> UUID {
        let user = RepositoryContractTests.user(RepositoryContractTests.unique(name))
        try await stores.users.create(user)
        if let memory = stores.platform as? InMemoryPlatformStore {
            await memory.registerUser(user.id, username: user.username, displayName: user.displayName)
        }
        return user.id
    }

    static func organization(_ name: String, at date: Date = t0) -> StoredOrganization {
        StoredOrganization(id: UUID(), name: name, contactEmailSealed: [1, 2, 3], billingAddress: "1 Main St", plan: .free, createdAt: date, updatedAt: date)
    }

    @Test(arguments: StoreKind.all)
    func organizationsAndMemberships(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await Self.user(stores, "owner")
            let other = try await Self.user(stores, "other")
            let first = Self.organization("First")
            let second = Self.organization("Second", at: Self.t0.addingTimeInterval(1))
            try await stores.platform.create(first, owner: Membership(organizationID: first.id, userID: owner, role: .owner, createdAt: Self.t0))
            try await stores.platform.create(second, owner: Membership(organizationID: second.id, userID: owner, role: .owner, createdAt: Self.t0))
            #expect(try await stores.platform.find(id: first.id) == first)

            var renamed = first
            renamed.name = "Renamed"
            renamed.contactEmailSealed = nil
            try await stores.platform.update(renamed)
            #expect(try await stores.platform.find(id: first.id) == renamed)

            let page1 = try await stores.platform.organizations(of: owner, page: PageRequest(limit: 1))
            #expect(page1.map(\.0.id) == [first.id])
            #expect(page1.first?.1 == .owner)
            let page2 = try await stores.platform.organizations(of: owner, page: PageRequest(limit: 5, after: (first.createdAt, first.id)))
            #expect(page2.map(\.0.id) == [second.id])

            try await stores.platform.add(Membership(organizationID: first.id, userID: other, role: .member, createdAt: Self.t0.addingTimeInterval(5)))
            await #expect(throws: PlatformError.self) {
                try await stores.platform.add(Membership(organizationID: first.id, userID: other, role: .admin, createdAt: Self.t0))
            }
            #expect(try await stores.platform.count(organizationID: first.id) == 2)
            #expect(try await stores.platform.owners(organizationID: first.id) == [owner])
            #expect(try await stores.platform.members(organizationID: first.id, page: PageRequest()).map(\.userID) == [owner, other])
            let names = try await stores.platform.displayNames(of: [owner, other])
            #expect(names.count == 2)
        }
    }

    @Test(arguments: StoreKind.all)
    func theLastOwnerIsGuarded(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await Self.user(stores, "owner")
            let admin = try await Self.user(stores, "admin")
            let organization = Self.organization("Guarded")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: Self.t0))
            try await stores.platform.add(Membership(organizationID: organization.id, userID: admin, role: .admin, createdAt: Self.t0))

            #expect(try await stores.platform.changeRole(organizationID: organization.id, userID: owner, to: .admin) == .lastOwner)
            #expect(try await stores.platform.remove(organizationID: organization.id, userID: owner) == .lastOwner)
            #expect(try await stores.platform.changeRole(organizationID: organization.id, userID: UUID(), to: .admin) == .notFound)
            #expect(try await stores.platform.changeRole(organizationID: organization.id, userID: admin, to: .owner) == .applied)
            #expect(try await stores.platform.changeRole(organizationID: organization.id, userID: owner, to: .member) == .applied)
            #expect(try await stores.platform.membership(organizationID: organization.id, userID: owner)?.role == .member)
            #expect(try await stores.platform.remove(organizationID: organization.id, userID: owner) == .applied)
            #expect(try await stores.platform.membership(organizationID: organization.id, userID: owner) == nil)

            // Two owners demoting each other at once: one change wins, one owner remains.
            let third = try await Self.user(stores, "third")
            try await stores.platform.add(Membership(organizationID: organization.id, userID: third, role: .owner, createdAt: Self.t0))
            async let a = stores.platform.changeRole(organizationID: organization.id, userID: admin, to: .member)
            async let b = stores.platform.changeRole(organizationID: organization.id, userID: third, to: .member)
            let results = try await [a, b]
            #expect(results.filter { $0 == .applied }.count == 1)
            #expect(results.filter { $0 == .lastOwner }.count == 1)
        }
    }

    @Test(arguments: StoreKind.all)
    func apiKeysAndAudit(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await Self.user(stores, "owner")
            let organization = Self.organization("Keys")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: Self.t0))
            let key = StoredAPIKey(
                id: UUID(), organizationID: organization.id, name: "deploy", prefix: "fsk_live_abcdef",
                keyHash: RepositoryContractTests.unique("hash"), createdAt: Self.t0, lastUsedDay: nil, expiresAt: nil, revokedAt: nil
            )
            try await stores.platform.create(key)
            #expect(try await stores.platform.find(keyHash: key.keyHash) == key)
            #expect(try await stores.platform.find(id: key.id, organizationID: organization.id) == key)
            #expect(try await stores.platform.find(id: key.id, organizationID: UUID()) == nil)
            try await stores.platform.recordUse(id: key.id, day: "2027-01-15")
            try await stores.platform.expire(id: key.id, at: Self.t0.addingTimeInterval(60))
            try await stores.platform.revoke(id: key.id, at: Self.t0.addingTimeInterval(30))
            let updated = try #require(try await stores.platform.find(keyHash: key.keyHash))
            #expect(updated.lastUsedDay == "2027-01-15")
            #expect(updated.expiresAt == Self.t0.addingTimeInterval(60))
            #expect(updated.revokedAt == Self.t0.addingTimeInterval(30))
            #expect(try await stores.platform.keys(organizationID: organization.id, page: PageRequest()).map(\.id) == [key.id])

            let event = AuditEvent(
                id: UUID(), organizationID: organization.id, occurredAt: Self.t0, actorType: "user", actorID: owner,
                action: "api_key.created", targetType: "api_key", targetID: key.id.uuidString
            )
            try await stores.platform.append(event)
            #expect(try await stores.platform.events(organizationID: organization.id, page: PageRequest()) == [event])
            #expect(try await stores.platform.events(organizationID: UUID(), page: PageRequest()).isEmpty)
        }
    }

    @Test(arguments: StoreKind.all)
    func appsWithAnAtomicLimit(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await Self.user(stores, "owner")
            let organization = Self.organization("Apps")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: Self.t0))
            func app(_ name: String, at offset: TimeInterval) -> StoredApp {
                StoredApp(
                    id: UUID(), organizationID: organization.id, clientID: RepositoryContractTests.unique("flowsta_app"), name: name,
                    description: "d", type: .native, redirectURIs: ["com.example:/cb", "https://x.example/cb"], allowedScopes: ["openid"],
                    logoURL: nil, privacyURL: "https://x.example/privacy", termsURL: nil, active: true, secretHash: nil,
                    createdAt: Self.t0.addingTimeInterval(offset), updatedAt: Self.t0
                )
            }
            // Three concurrent creates against a limit of two: exactly two are stored.
            async let a = stores.platform.create(app("a", at: 1), limit: 2)
            async let b = stores.platform.create(app("b", at: 2), limit: 2)
            async let c = stores.platform.create(app("c", at: 3), limit: 2)
            let results = try await [a, b, c]
            #expect(results.filter { $0 }.count == 2)
            let stored = try await stores.platform.apps(organizationID: organization.id, page: PageRequest())
            #expect(stored.count == 2)

            var changed = try #require(stored.first)
            changed.redirectURIs = ["https://y.example/cb"]
            changed.active = false
            changed.secretHash = "abc"
            changed.description = nil
            try await stores.platform.update(changed)
            #expect(try await stores.platform.app(id: changed.id, organizationID: organization.id) == changed)
            #expect(try await stores.platform.app(clientID: changed.clientID) == changed)
            #expect(try await stores.platform.app(id: changed.id, organizationID: UUID()) == nil)
            try await stores.platform.delete(id: changed.id, organizationID: UUID())
            #expect(try await stores.platform.app(clientID: changed.clientID) != nil)
            try await stores.platform.delete(id: changed.id, organizationID: organization.id)
            #expect(try await stores.platform.app(clientID: changed.clientID) == nil)
        }
    }
}
