import FlowstaCore
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// Issue #20: owners can require a second factor of every member; members without one set it up
/// before they can act; the policy and members' changes are in the audit log.
@Suite struct SecondFactorPolicyTests {
    static func userID(_ principal: Principal) throws -> UUID {
        guard case .user(let id) = principal else { throw MissingUser() }
        return id
    }

    struct MissingUser: Error {}

    @Test func ownersRequireASecondFactorAndMembersWithoutOneAreStopped() async throws {
        let harness = try PlatformHarness()
        let (org, owner, admin, member) = try await harness.team()
        let key = try await harness.service.createKey(owner, org, name: "ci")
        // An owner without a second factor cannot turn the policy on: it would lock them out.
        await #expect(throws: PlatformError.self) {
            _ = try await harness.service.updateOrganization(owner, org, OrganizationUpdate(requireSecondFactor: true))
        }
        await harness.store.setSecondFactor(try Self.userID(owner), true)
        // Admins cannot change it (owners only).
        await #expect(throws: PlatformError.self) {
            _ = try await harness.service.updateOrganization(admin, org, OrganizationUpdate(requireSecondFactor: true))
        }
        let updated = try await harness.service.updateOrganization(owner, org, OrganizationUpdate(requireSecondFactor: true))
        #expect(updated.requiresSecondFactor)

        // Members without one are stopped at everything; with one they go on; API keys are not members.
        await #expect(throws: PlatformError.secondFactorRequired) { _ = try await harness.service.listApps(member, org, page: PageRequest()) }
        await #expect(throws: PlatformError.secondFactorRequired) { _ = try await harness.service.listApps(admin, org, page: PageRequest()) }
        _ = try await harness.service.listApps(.apiKey(id: key.key.id, organizationID: org), org, page: PageRequest())
        await harness.store.setSecondFactor(try Self.userID(member), true)
        _ = try await harness.service.listApps(member, org, page: PageRequest())
        let members = try await harness.service.listMembers(owner, org, page: PageRequest()).items
        #expect(Set(members.filter(\.hasSecondFactor).map(\.userID)) == [try Self.userID(owner), try Self.userID(member)])

        _ = try await harness.service.updateOrganization(owner, org, OrganizationUpdate(requireSecondFactor: false))
        _ = try await harness.service.listApps(admin, org, page: PageRequest())
        let actions = try await harness.service.auditLog(owner, org, page: PageRequest(limit: 100)).items.map(\.action)
        #expect(actions.contains("organization.second_factor_required") && actions.contains("organization.second_factor_optional"))
    }

    @Test func aMembersSecondFactorChangeIsInTheAuditLogOfEachOfTheirOrganizations() async throws {
        let harness = try PlatformHarness()
        let (first, owner, _, member) = try await harness.team()
        let second = try await harness.service.createOrganization(owner, name: "Other", contactEmail: nil, billingAddress: nil)
        let memberID = try Self.userID(member)
        try await harness.service.recordSignInChange(userID: memberID, .secondFactorEnabled)
        try await harness.service.recordSignInChange(userID: try Self.userID(owner), .passkeyRemoved)
        let firstLog = try await harness.service.auditLog(owner, first, page: PageRequest(limit: 100)).items
        #expect(firstLog.contains { $0.action == "member.second_factor_enabled" && $0.actorID == memberID && $0.targetID == memberID.uuidString.lowercased() })
        #expect(firstLog.contains { $0.action == "member.passkey_removed" })
        let secondLog = try await harness.service.auditLog(owner, second.id, page: PageRequest(limit: 100)).items
        #expect(!secondLog.contains { $0.action == "member.second_factor_enabled" }, "the member is not in the second organization")
        #expect(secondLog.contains { $0.action == "member.passkey_removed" })
    }
}
