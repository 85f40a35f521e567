import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

@Suite struct InviteTests {
    /// The team's organization on the pro plan (5 seats: 3 taken by the team).
    static func proTeam(_ harness: PlatformHarness) async throws -> (org: UUID, owner: Principal, admin: Principal, member: Principal) {
        let team = try await harness.team()
        var organization = try #require(await harness.store.find(id: team.org))
        organization.plan = .pro
        await harness.store.update(organization)
        return team
    }

    static func token(in text: String) throws -> String {
        let marker = "/invites/accept?token="
        let range = try #require(text.range(of: marker))
        return String(text[range.upperBound...].prefix { !$0.isWhitespace })
    }

    @Test func inviteMailAcceptanceAndSingleUse() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await Self.proTeam(harness)
        let invite = try await harness.service.invite(owner, org, email: "New.Dev@Example.com", role: .admin)
        #expect(invite.email == "New.Dev@example.com")
        let mail = try #require(harness.mail.messages.last)
        #expect(mail.to == "New.Dev@example.com")
        #expect(mail.subject.contains("Acme"))
        #expect(mail.text.contains("https://auth.example.com/invites/accept?token="))
        let token = try Self.token(in: mail.text)

        let newcomer = UUID()
        let joined = try await harness.service.acceptInvite(.user(newcomer), token: token)
        #expect(joined.id == org)
        #expect(joined.role == .admin)
        #expect(try await harness.service.listInvites(owner, org, page: PageRequest()).items.isEmpty)
        await #expect(throws: PlatformError.notFound) { try await harness.service.acceptInvite(.user(UUID()), token: token) }
    }

    @Test func invitesExpireAfterSevenDays() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await Self.proTeam(harness)
        _ = try await harness.service.invite(owner, org, email: "late@example.com", role: .member)
        let token = try Self.token(in: harness.mail.messages.last!.text)
        harness.time.advance(by: 7 * 24 * 3600 + 1)
        await #expect(throws: PlatformError.gone("this invite expired; ask for a new one")) {
            try await harness.service.acceptInvite(.user(UUID()), token: token)
        }
        #expect(try await harness.service.listInvites(owner, org, page: PageRequest()).items.isEmpty)
    }

    @Test func retentionDeletesExpiredInvitesOnly() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await Self.proTeam(harness)
        _ = try await harness.service.invite(owner, org, email: "old@example.com", role: .member)
        harness.time.advance(by: 6 * 24 * 3600)
        _ = try await harness.service.invite(owner, org, email: "new@example.com", role: .member)
        harness.time.advance(by: 24 * 3600 - 1)
        #expect(try await harness.service.purgeExpiredInvites() == 0)
        harness.time.advance(by: 2)
        #expect(try await harness.service.purgeExpiredInvites() == 1)
        #expect(try await harness.service.listInvites(owner, org, page: PageRequest()).items.map(\.email) == ["new@example.com"])
    }

    @Test func seatsDuplicatesResendAndRevoke() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, member) = try await Self.proTeam(harness)
        let first = try await harness.service.invite(owner, org, email: "a@example.com", role: .member)
        await #expect(throws: PlatformError.conflict("that address already has a pending invite; resend it instead")) {
            try await harness.service.invite(owner, org, email: "A@example.com", role: .member)
        }
        _ = try await harness.service.invite(owner, org, email: "b@example.com", role: .member)
        do {
            _ = try await harness.service.invite(owner, org, email: "c@example.com", role: .member)
            Issue.record("a sixth seat was granted on the pro plan")
        } catch PlatformError.planLimit(let message) {
            #expect(message.contains("pro plan has 5 team seat(s)"))
        }
        await #expect(throws: PlatformError.forbidden("this needs the admin role")) {
            try await harness.service.invite(member, org, email: "d@example.com", role: .member)
        }

        let oldToken = try Self.token(in: harness.mail.messages.first { $0.to == "a@example.com" }!.text)
        _ = try await harness.service.resendInvite(owner, org, inviteID: first.id)
        let newToken = try Self.token(in: harness.mail.messages.last!.text)
        #expect(oldToken != newToken)
        await #expect(throws: PlatformError.notFound) { try await harness.service.acceptInvite(.user(UUID()), token: oldToken) }

        try await harness.service.revokeInvite(owner, org, inviteID: first.id)
        await #expect(throws: PlatformError.notFound) { try await harness.service.acceptInvite(.user(UUID()), token: newToken) }
    }

    @Test func theFreePlanHasOneSeat() async throws {
        let harness = try PlatformHarness()
        let owner = Principal.user(UUID())
        let org = try await harness.service.createOrganization(owner, name: "Solo", contactEmail: nil, billingAddress: nil)
        do {
            _ = try await harness.service.invite(owner, org.id, email: "x@example.com", role: .member)
            Issue.record("the free plan granted a second seat")
        } catch PlatformError.planLimit(let message) {
            #expect(message.contains("free plan has 1 team seat(s)"))
        }
        #expect(harness.mail.messages.isEmpty)
    }
}

@Suite struct OperatorPlanTests {
    @Test func operatorsRaiseThePlanAndTheAuditLogSaysSo() async throws {
        let harness = try PlatformHarness()
        let owner = Principal.user(UUID())
        let org = try await harness.service.createOrganization(owner, name: "Solo", contactEmail: nil, billingAddress: nil)
        await #expect(throws: PlatformError.self) { try await harness.service.invite(owner, org.id, email: "x@example.com", role: .member) }
        harness.time.advance(by: 1)
        #expect(try await harness.service.setPlan(org.id, .pro).plan == .pro)
        _ = try await harness.service.invite(owner, org.id, email: "x@example.com", role: .member)
        let log = try await harness.service.auditLog(owner, org.id, page: PageRequest())
        #expect(log.items.contains { $0.action == "organization.plan_changed:free->pro" && $0.actorType == "operator" })
        await #expect(throws: PlatformError.notFound) { try await harness.service.setPlan(UUID(), .pro) }
    }
}
