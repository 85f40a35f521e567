import FlowstaPlatform
import FlowstaStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// An organization with an owner, an admin, a member, an outsider (each signed in), a valid
/// API key, a revoked key and a spare key, set up through the API where it exists.
struct ManagementFixture {
    enum Caller: String, CaseIterable, Sendable {
        case owner, admin, member, outsider, key, revokedKey = "revoked key"
    }

    let client: any TestClientProtocol
    var cookies: [Caller: String] = [:]
    var userIDs: [Caller: UUID] = [:]
    var usernames: [Caller: String] = [:]
    var organizationID = UUID()
    var apiKey = ""
    var revokedKey = ""
    var spareKeyID = UUID()
    var appID = UUID()
    var inviteID = UUID()
    var webhookID = UUID()

    /// Sets `address` on `caller`'s account and follows the verification link the server
    /// mailed (mail to an account goes to a verified address only).
    func setVerifiedEmail(_ caller: Caller, _ address: String, server: TestServer) async throws {
        #expect(try await call(caller, .patch, "/auth/me", ["email": address]).status == .ok)
        let link = try #require(try await server.runtime.mailer.list().map(\.1).last { $0.to == address && $0.subject.contains("Verify") }?.text)
        let token = try #require(link.components(separatedBy: "#token=").last?.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(try await call(caller, .post, "/auth/email/verify", ["token": String(token)]).status == .ok)
    }

    static func make(_ server: TestServer, _ client: any TestClientProtocol) async throws -> ManagementFixture {
        var fixture = ManagementFixture(client: client)
        let driver = OPAQUEDriver(client: client)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        for caller in [Caller.owner, .admin, .member, .outsider] {
            let name = "\(caller.rawValue)_\(suffix)"
            let registered = try await driver.register(name, "pw \(name)")
            let user = try #require(JSON.object(registered.body)["user"] as? [String: Any])
            fixture.userIDs[caller] = UUID(uuidString: user["id"] as! String)
            fixture.usernames[caller] = name
            let login = try await driver.login(name, "pw \(name)")
            let cookie = try #require(login.cookie)
            fixture.cookies[caller] = cookie
        }
        let created = try await fixture.call(.owner, .post, "/api/v1/orgs", ["name": "Acme \(suffix)"])
        #expect(created.status == .created)
        fixture.organizationID = UUID(uuidString: JSON.object(created.body)["id"] as! String)!
        let storage = FluentPlatformRepository(store: server.runtime.store)
        for (caller, role) in [(Caller.admin, Role.admin), (.member, .member)] {
            try await storage.add(Membership(organizationID: fixture.organizationID, userID: fixture.userIDs[caller]!, role: role, createdAt: Date()))
        }
        fixture.apiKey = try await fixture.newKey("ci").secret
        let revoked = try await fixture.newKey("old")
        #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)/keys/\(revoked.id)").status == .noContent)
        fixture.revokedKey = revoked.secret
        fixture.spareKeyID = try await fixture.newKey("spare").id
        // Plans change through billing; here the operator sets one with room for more apps.
        _ = try await server.runtime.platform.setPlan(fixture.organizationID, .pro)
        let app = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", Self.appBody)
        #expect(app.status == .created)
        fixture.appID = UUID(uuidString: JSON.object(app.body)["id"] as! String)!
        let invite = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/invites", ["email": "pending-\(suffix)@example.org", "role": "member"])
        #expect(invite.status == .created)
        fixture.inviteID = UUID(uuidString: JSON.object(invite.body)["id"] as! String)!
        // A webhook endpoint at a public address literal, for an event no fixture triggers
        // (nothing is sent anywhere).
        let webhook = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/webhooks", [
            "url": "https://93.184.215.14/fixture", "events": ["signature.revoked"],
        ])
        #expect(webhook.status == .created)
        fixture.webhookID = UUID(uuidString: (JSON.object(webhook.body)["webhook"] as? [String: Any])?["id"] as? String ?? "") ?? UUID()
        return fixture
    }

    static var appBody: [String: Any] { [
        "name": "Demo", "type": "web", "redirect_uris": ["https://demo.example/callback"], "allowed_scopes": ["openid", "profile"],
    ] }

    func newKey(_ name: String) async throws -> (id: UUID, secret: String) {
        let response = try await call(.owner, .post, "/api/v1/orgs/\(organizationID)/keys", ["name": name])
        #expect(response.status == .created)
        let object = JSON.object(response.body)
        let key = object["key"] as! [String: Any]
        return (UUID(uuidString: key["id"] as! String)!, object["secret"] as! String)
    }

    /// Signs `caller` in again (after a test clock moved past the session's 7 days).
    mutating func signInAgain(_ caller: Caller) async throws {
        let name = try #require(usernames[caller])
        let cookie: String = try #require(try await OPAQUEDriver(client: client).login(name, "pw \(name)").cookie)
        cookies[caller] = cookie
    }

    /// One request as `caller`.
    func call(_ caller: Caller, _ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        switch caller {
        case .key: headers[.authorization] = "Bearer \(apiKey)"
        case .revokedKey: headers[.authorization] = "Bearer \(revokedKey)"
        default: headers[.cookie] = "flowsta_session=\(cookies[caller]!)"
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(JSON.body))
    }
}
