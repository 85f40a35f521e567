import FlowstaPlatform
import FlowstaStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// README's walk-through, as a new developer would do it: an org, an app, a key; a second user
/// is invited by email and accepts; the key lists the apps; revoked, the key gets 401.
@Suite struct InviteFlowTests {
    @Test(arguments: DatabaseChoice.all)
    func inviteAcceptAndKeyLifecycle(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = fixture.organizationID.uuidString.lowercased()
            // A second person signs up.
            let driver = OPAQUEDriver(client: client)
            let name = "invitee_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            #expect(try await driver.register(name, "invitee pw").status == .created)
            let cookie = try #require(try await driver.login(name, "invitee pw").cookie)

            let address = "\(name)@example.org"
            let created = try await fixture.call(.admin, .post, "/api/v1/orgs/\(org)/invites", ["email": address, "role": "member"])
            #expect(created.status == .created)
            #expect(JSON.object(created.body)["email"] as? String == address)
            #expect(JSON.object(created.body)["token"] == nil)

            // The invite mail waits in the outbox (no SMTP configured) with the link.
            let mail = try #require(try await server.runtime.mailer.list().map(\.1).last { $0.to == address })
            let token = try #require(mail.text.components(separatedBy: "/invites/accept?token=").last?.split(whereSeparator: \.isWhitespace).first.map(String.init))

            let accept = try await client.execute(
                uri: "/api/v1/invites/accept", method: .post,
                headers: [.contentType: "application/json", .cookie: "flowsta_session=\(cookie)"], body: JSON.body(["token": token])
            )
            #expect(accept.status == .ok)
            #expect(JSON.object(accept.body)["role"] as? String == "member")
            let replay = try await client.execute(
                uri: "/api/v1/invites/accept", method: .post,
                headers: [.contentType: "application/json", .cookie: "flowsta_session=\(cookie)"], body: JSON.body(["token": token])
            )
            #expect(replay.status == .notFound)
            let members = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/members").body)["items"] as? [[String: Any]]
            #expect(members?.contains { $0["username"] as? String == name } == true)
            let pending = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/invites").body)["items"] as? [[String: Any]]
            #expect(pending?.contains { $0["email"] as? String == address } == false)

            // The key lists the apps; revoked, the next call is 401.
            let apps = try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps")
            #expect(apps.status == .ok)
            #expect((JSON.object(apps.body)["items"] as? [[String: Any]])?.count == 1)
            let keys = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/keys").body)["items"] as? [[String: Any]]
            let keyID = try #require(keys?.first { $0["name"] as? String == "ci" }?["id"] as? String)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(org)/keys/\(keyID)").status == .noContent)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps").status == .unauthorized)
        }
    }

    @Test func expiredInvitesAre410AndRetentionDeletesThem() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = fixture.organizationID.uuidString.lowercased()
            #expect(try await fixture.call(.owner, .post, "/api/v1/orgs/\(org)/invites", ["email": "late@example.org", "role": "member"]).status == .created)
            let mail = try #require(try await server.runtime.mailer.list().map(\.1).last { $0.to == "late@example.org" })
            let token = try #require(mail.text.components(separatedBy: "/invites/accept?token=").last?.split(whereSeparator: \.isWhitespace).first.map(String.init))
            // Age the invite past its 7 days in the store.
            let storage = FluentPlatformRepository(store: server.runtime.store)
            let listed = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/invites").body)["items"] as? [[String: Any]]
            let lateID = try #require(listed?.first { $0["email"] as? String == "late@example.org" }?["id"] as? String)
            let invite = try #require(try await storage.invite(id: UUID(uuidString: lateID)!, organizationID: fixture.organizationID))
            #expect(try await storage.replaceToken(id: invite.id, tokenHash: invite.tokenHash, expiresAt: Date().addingTimeInterval(-1), maxSends: 100))
            let expired = try await fixture.call(.outsider, .post, "/api/v1/invites/accept", ["token": token])
            #expect(expired.status == .gone)
            #expect(JSON.object(expired.body)["error"] as? String == "invite_expired")
            #expect(try await storage.invite(id: invite.id, organizationID: fixture.organizationID) == nil)
        }
    }
}
