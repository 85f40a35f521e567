import FlowstaCore
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// Deleting the developer account (P9) on a fixed clock: deactivation, the 30-day restore
/// window and the purge, one second either side of the boundary.
@Suite struct OrganizationDeletionTests {
    static let window = PlatformService.restoreWindow

    @Test func deletionDeactivatesAndOnlyOwnersDeleteOrRestore() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, member) = try await harness.team()
        let key = try await harness.service.createKey(owner, org, name: "ci")
        #expect(try await harness.service.isActive(org))
        for caller in [admin, member] {
            await #expect(throws: PlatformError.self) { try await harness.service.deleteOrganization(caller, org) }
        }
        await #expect(throws: PlatformError.forbidden("only an owner, signed in, can delete the organization (not an API key)")) {
            try await harness.service.deleteOrganization(.apiKey(id: key.key.id, organizationID: org), org)
        }
        await #expect(throws: PlatformError.notFound) { try await harness.service.deleteOrganization(.user(UUID()), org) }

        let deleted = try await harness.service.deleteOrganization(owner, org)
        let until = harness.time.now.addingTimeInterval(Self.window)
        #expect(deleted.deletedAt == harness.time.now)
        #expect(deleted.restorableUntil == until)
        #expect(try await !harness.service.isActive(org))
        // The key, the team and every change stop at once; reading the organization does not.
        await #expect(throws: PlatformError.organizationDeleted(restorableUntil: until)) { try await harness.service.authenticate(apiKey: key.secret) }
        await #expect(throws: PlatformError.organizationDeleted(restorableUntil: until)) { try await harness.service.listKeys(member, org, page: PageRequest()) }
        await #expect(throws: PlatformError.organizationDeleted(restorableUntil: until)) {
            try await harness.service.updateOrganization(owner, org, OrganizationUpdate(name: "Renamed"))
        }
        #expect(try await harness.service.organization(member, org).deletedAt != nil)
        // Owners hear of it, with the deadline.
        let mail = try #require(harness.mail.messages.last)
        #expect(mail.to == "owner@acme.example")
        #expect(mail.subject.contains("organization deleted"))
        #expect(mail.text.contains(until.formatted(.iso8601)))

        for caller in [admin, member] {
            await #expect(throws: PlatformError.self) { try await harness.service.restoreOrganization(caller, org) }
        }
        let restored = try await harness.service.restoreOrganization(owner, org)
        #expect(restored.deletedAt == nil)
        #expect(try await harness.service.authenticate(apiKey: key.secret) == .apiKey(id: key.key.id, organizationID: org))
        await #expect(throws: PlatformError.conflict("the organization is not deleted")) { try await harness.service.restoreOrganization(owner, org) }
        let actions = try await harness.service.auditLog(owner, org, page: PageRequest(limit: 100)).items.map(\.action)
        #expect(actions.contains("organization.deleted") && actions.contains("organization.restored"))
    }

    @Test func restoreWindowEndsAfterThirtyDays() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        _ = try await harness.service.deleteOrganization(owner, org)
        harness.time.advance(by: Self.window - 1)
        #expect(try await harness.service.restoreOrganization(owner, org).deletedAt == nil, "one second before the end")

        _ = try await harness.service.deleteOrganization(owner, org)
        harness.time.advance(by: Self.window)
        await #expect(throws: PlatformError.self) { try await harness.service.restoreOrganization(owner, org) }
        #expect(await harness.store.find(id: org) != nil, "refused, but nothing is lost before the purge")
    }

    @Test func purgeTakesOrganizationsThirtyDaysAfterDeletion() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        let (other, otherOwner, _, _) = try await harness.team()
        _ = try await harness.service.createKey(owner, org, name: "ci")
        let deletedAt = harness.time.now
        _ = try await harness.service.deleteOrganization(owner, org)
        harness.time.advance(by: 10)
        _ = try await harness.service.deleteOrganization(otherOwner, other)
        let sentBefore = harness.mail.messages.count

        #expect(try await harness.service.purgeDeletedOrganizations(now: deletedAt.addingTimeInterval(Self.window - 1)) == 0)
        #expect(await harness.store.find(id: org) != nil)
        #expect(try await harness.service.purgeDeletedOrganizations(now: deletedAt.addingTimeInterval(Self.window)) == 1)
        #expect(await harness.store.find(id: org) == nil)
        #expect(await harness.store.find(id: other) != nil, "deleted 10 s later, it has 10 s to go")
        #expect(await harness.store.keys(organizationID: org, page: PageRequest()).isEmpty)
        #expect(await harness.store.members(organizationID: org, page: PageRequest()).isEmpty)
        #expect(await harness.store.events(organizationID: org, page: PageRequest()).isEmpty)
        let purgeMail = try #require(harness.mail.messages.dropFirst(sentBefore).first)
        #expect(purgeMail.to == "owner@acme.example" && purgeMail.subject.contains("was purged"))
        #expect(try await harness.service.purgeDeletedOrganizations(now: deletedAt.addingTimeInterval(Self.window)) == 0, "idempotent")
        #expect(try await harness.service.purgeDeletedOrganizations(now: deletedAt.addingTimeInterval(Self.window + 10)) == 1)
    }

    @Test func ownerChangesAlertOldAndNewOwners() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, member) = try await harness.team()
        guard case .user(let adminID) = admin, case .user(let memberID) = member else { return }
        let sealed = try harness.keyRing.seal(Array("admin@acme.example".utf8), context: SealingContext.userEmail(adminID))
        await harness.store.registerUser(adminID, username: "admin", sealedEmail: sealed)
        let before = harness.mail.messages.count
        _ = try await harness.service.changeRole(owner, org, userID: adminID, to: .owner)
        let promoted = harness.mail.messages.dropFirst(before)
        #expect(Set(promoted.map(\.to)) == ["owner@acme.example", "admin@acme.example"])
        #expect(promoted.allSatisfy { $0.subject.contains("owners changed") && $0.text.contains("admin is now an owner") })

        let beforeLeave = harness.mail.messages.count
        try await harness.service.leave(owner, org)
        let left = harness.mail.messages.dropFirst(beforeLeave)
        #expect(Set(left.map(\.to)) == ["owner@acme.example", "admin@acme.example"], "the owner who left hears of it too")
        #expect(left.allSatisfy { $0.text.contains("owner, left") })

        // A change that does not touch the owners sends nothing.
        let quiet = harness.mail.messages.count
        _ = try await harness.service.changeRole(.user(adminID), org, userID: memberID, to: .admin)
        #expect(harness.mail.messages.count == quiet)
    }

    @Test func soleOwnersAreListedForAccountDeletion() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, _) = try await harness.team()
        guard case .user(let ownerID) = owner, case .user(let adminID) = admin else { return }
        #expect(try await harness.service.organizationsSolelyOwned(by: ownerID).map(\.id) == [org])
        #expect(try await harness.service.organizationsSolelyOwned(by: adminID).isEmpty)
        _ = try await harness.service.deleteOrganization(owner, org)
        #expect(try await harness.service.organizationsSolelyOwned(by: ownerID).isEmpty, "a deleted organization does not hold the account")
    }
}
