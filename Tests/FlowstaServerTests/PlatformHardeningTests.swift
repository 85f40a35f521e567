import FlowstaBilling
import FlowstaCore
import FlowstaPlatform
import FlowstaTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #15: the developer platform's findings — dates no store can hold, the invite mail
/// relay, silent redirect URIs — on both stores.
@Suite struct PlatformHardeningTests {
    /// Dates from a request (cursors, filters, key expiries) beyond year 9999 are a 400; on
    /// PostgreSQL they used to stop the process in the driver.
    @Test(arguments: DatabaseChoice.all)
    func datesBeyondTheStorableRangeAre400(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = fixture.organizationID.uuidString.lowercased()
            let far = Base64URL.encode(Array("10000000000000000:00000000-0000-0000-0000-000000000000".utf8))
            let before = Base64URL.encode(Array("-10000000000000000:00000000-0000-0000-0000-000000000000".utf8))
            for uri in ["/api/v1/orgs?cursor=\(far)", "/api/v1/orgs?cursor=\(before)", "/api/v1/orgs/\(org)/audit?cursor=\(far)",
                        "/api/v1/orgs/\(org)/logs?cursor=\(far)", "/api/v1/orgs/\(org)/logs?from=300000-01-01",
                        "/api/v1/orgs/\(org)/logs?to=-300000-01-01T00:00:00Z", "/api/v1/orgs/\(org)/usage?from=300000-01-01",
                        "/api/v1/orgs/\(org)/invoices?cursor=10000000000000_in_x"] {
                let response = try await fixture.call(.owner, .get, uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(JSON.object(response.body)["error"] as? String == "invalid_request")
            }
            for expiry in ["300000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] {
                let key = try await fixture.call(.owner, .post, "/api/v1/orgs/\(org)/keys", ["name": "far", "expires_at": expiry])
                #expect(key.status == .badRequest, "expires_at \(expiry)")
            }
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs").status == .ok, "the server is still up")
        }
    }

    /// The invoice list's own cursor leads to its next page (it used to be refused as a
    /// generic page cursor).
    @Test func invoicePagesFollowTheirCursor() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let t = Date(timeIntervalSince1970: 1_800_000_000)
            for (index, id) in ["in_first", "in_second"].enumerated() {
                try await server.runtime.billingRecords.upsertInvoice(InvoiceRecord(
                    id: id, organizationID: fixture.organizationID, number: nil, status: "paid", currency: "usd", amountDue: 100, amountPaid: 100,
                    total: 100, periodStart: t, periodEnd: t, issuedAt: t.addingTimeInterval(Double(index) * 60), hostedInvoiceURL: nil, pdfURL: nil,
                    billingName: "Acme", billingAddress: nil, updatedAt: t
                ))
            }
            let first = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/invoices?limit=1").body)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/invoices?limit=1&cursor=\(cursor)")
            #expect(second.status == .ok)
            let items = JSON.object(second.body)["items"] as? [[String: Any]] ?? []
            #expect(items.first?["id"] as? String == "in_first")
        }
    }

    /// The server is no mail relay: an invite is mailed at most 5 times, and an organization
    /// sends at most 50 invite mails a day.
    @Test func inviteMailsAreBounded() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = fixture.organizationID.uuidString.lowercased()
            _ = try await server.runtime.platform.setPlan(fixture.organizationID, .enterprise)
            let resend = "/api/v1/orgs/\(org)/invites/\(fixture.inviteID)/resend"
            for _ in 2...PlatformService.inviteMaxSends {
                #expect(try await fixture.call(.owner, .post, resend).status == .ok)
            }
            let sixth = try await fixture.call(.owner, .post, resend)
            #expect(sixth.status == .tooManyRequests)
            #expect(JSON.object(sixth.body)["error"] as? String == "rate_limited")
            // The fixture's invite and its 4 resends count towards the day's 50.
            for index in 0..<(PlatformService.inviteMailsPerDay - PlatformService.inviteMaxSends) {
                #expect(try await fixture.call(.owner, .post, "/api/v1/orgs/\(org)/invites", ["email": "n\(index)@example.org", "role": "member"]).status == .created)
            }
            let over = try await fixture.call(.owner, .post, "/api/v1/orgs/\(org)/invites", ["email": "one-more@example.org", "role": "member"])
            #expect(over.status == .tooManyRequests)
            #expect(try await server.runtime.mailer.list().map(\.1).filter { $0.to == "one-more@example.org" }.isEmpty)
        }
    }

    /// Where sign-in codes go is the most sensitive setting: the owners hear of every redirect
    /// URI added, whoever added it.
    @Test func addingARedirectURIAlertsTheOwners() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            try await fixture.setVerifiedEmail(.owner, "owner@example.org", server: server)
            let app = "/api/v1/orgs/\(fixture.organizationID)/apps/\(fixture.appID)"
            let added = try await fixture.call(.key, .patch, app, ["redirect_uris": ["https://demo.example/callback", "https://attacker.example/cb"]])
            #expect(added.status == .ok)
            let alerts = try await server.runtime.mailer.list().map(\.1).filter { $0.to == "owner@example.org" && $0.text.contains("https://attacker.example/cb") }
            #expect(alerts.count == 1)
            #expect(try await fixture.call(.key, .patch, app, ["name": "Renamed"]).status == .ok)
            #expect(try await server.runtime.mailer.list().map(\.1).filter { $0.to == "owner@example.org" && $0.subject.contains("redirect URI") }.count == 1,
                    "no alert when no redirect URI is added")
        }
    }
}
