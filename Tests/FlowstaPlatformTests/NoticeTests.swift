import FlowstaCore
import FlowstaCrypto
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// Notices (P9): policy and terms changes need 60 days' notice; every notice reaches each
/// organization's contact and owners once per address; security notices go to owners only.
@Suite struct NoticeTests {
    static func service(_ harness: PlatformHarness, mailer: CapturingMailer) -> NoticeService {
        NoticeService(notices: harness.store, memberships: harness.store, users: harness.store, mailer: mailer, keyRing: harness.keyRing, time: harness.time)
    }

    @Test(arguments: [NoticeKind.policy, .terms])
    func policyAndTermsChangesNeedSixtyDays(kind: NoticeKind) async throws {
        let harness = try PlatformHarness()
        let notices = Self.service(harness, mailer: CapturingMailer())
        let boundary = harness.time.now.addingTimeInterval(60 * 86_400)
        await #expect(throws: PlatformError.self) {
            try await notices.publish(kind: kind, title: "New terms", body: "Text.", effectiveAt: boundary.addingTimeInterval(-1))
        }
        let published = try await notices.publish(kind: kind, title: "New terms", body: "Text.", effectiveAt: boundary)
        #expect(published.notice.effectiveAt == boundary)
        #expect(try await notices.list(page: PageRequest()).items.map(\.id) == [published.notice.id])
    }

    @Test func announcementsMayTakeEffectAtOnceAndRefuseBadText() async throws {
        let harness = try PlatformHarness()
        let notices = Self.service(harness, mailer: CapturingMailer())
        for kind in [NoticeKind.service, .api, .billing, .security] {
            _ = try await notices.publish(kind: kind, title: "Heads up", body: "Maintenance tonight.", effectiveAt: harness.time.now)
        }
        for (title, body) in [("", "x"), ("two\nlines", "x"), (String(repeating: "t", count: 201), "x"), ("t", "  "), ("t", String(repeating: "b", count: 20_001))] {
            await #expect(throws: PlatformError.self) { try await notices.publish(kind: .service, title: title, body: body, effectiveAt: harness.time.now) }
        }
        let listed = try await notices.list(page: PageRequest(limit: 2))
        #expect(listed.items.count == 2 && listed.nextCursor != nil)
    }

    @Test func everyOrganizationsContactAndOwnersAreMailedOncePerAddress() async throws {
        let harness = try PlatformHarness()
        let mailer = CapturingMailer()
        let notices = Self.service(harness, mailer: mailer)
        let team = try await harness.team()
        // A second organization of the same owner, with the same contact address.
        _ = try await harness.service.createOrganization(team.owner, name: "Acme Two", contactEmail: "ops@acme.example", billingAddress: nil)
        let published = try await notices.publish(kind: .service, title: "Maintenance", body: "Tonight.", effectiveAt: harness.time.now)
        #expect(published.recipients == 2)
        #expect(Set(mailer.messages.map(\.to)) == ["ops@acme.example", "owner@acme.example"])
        #expect(mailer.messages.allSatisfy { $0.subject == "[Flowsta service notice] Maintenance" && $0.text.contains("Tonight.") })

        let security = CapturingMailer()
        _ = try await Self.service(harness, mailer: security).publish(kind: .security, title: "Key rotation", body: "Rotate.", effectiveAt: harness.time.now)
        #expect(security.messages.map(\.to) == ["owner@acme.example"], "security notices go to owners only")
    }

    @Test func anUnreadableAddressDoesNotStopTheNotice() async throws {
        let harness = try PlatformHarness()
        let mailer = CapturingMailer()
        // First in line: an organization whose contact was sealed under another key.
        let broken = StoredOrganization(
            id: UUID(), name: "Broken", contactEmailSealed: [1, 2, 3], billingAddress: nil, plan: .free,
            createdAt: harness.time.now.addingTimeInterval(-60), updatedAt: harness.time.now
        )
        await harness.store.create(broken, owner: Membership(organizationID: broken.id, userID: UUID(), role: .owner, createdAt: harness.time.now))
        _ = try await harness.team()
        let published = try await Self.service(harness, mailer: mailer).publish(kind: .service, title: "Maintenance", body: "Tonight.", effectiveAt: harness.time.now)
        #expect(published.recipients == 2)
        #expect(Set(mailer.messages.map(\.to)) == ["ops@acme.example", "owner@acme.example"])
    }
}
