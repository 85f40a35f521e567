import FlowstaPlatform
import FlowstaServer
import FlowstaStore
import FlowstaUsage
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The developer's rights (P9) over HTTP on each engine: export, deletion (apps and keys stop at
/// once), restore, and the purge 30 days later that leaves no row of the organization behind.
@Suite struct OrganizationDataRoutesTests {
    static let t = ISO8601DateFormatter().date(from: "2001-06-01T00:00:00Z")!

    /// Gives the fixture's owner an email address (for alerts) and returns it.
    static func ownerAddress(_ fixture: ManagementFixture, server: TestServer) async throws -> String {
        let address = "owner-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        try await fixture.setVerifiedEmail(.owner, address, server: server)
        return address
    }

    static func mails(_ server: TestServer, to address: String) async throws -> [String] {
        try await server.runtime.mailer.list().map(\.1).filter { $0.to == address }.map { $0.subject + "\n" + $0.text }
    }

    @Test(arguments: DatabaseChoice.all)
    func deleteDeactivatesAppsAndKeysAndRestoreBringsThemBack(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (browser, fixture) = try await OAuthBrowserSession.make(server, client)
            let address = try await Self.ownerAddress(fixture, server: server)
            let org = "/api/v1/orgs/\(fixture.organizationID)"
            #expect(try await browser.consent()["code"] != nil, "the app signs users in before")

            // Only a signed-in owner deletes.
            #expect(try await fixture.call(.admin, .delete, org).status == .forbidden)
            #expect(try await fixture.call(.member, .delete, org).status == .forbidden)
            #expect(try await fixture.call(.key, .delete, org).status == .forbidden)
            #expect(try await fixture.call(.outsider, .delete, org).status == .notFound)

            let deleted = try await fixture.call(.owner, .delete, org)
            #expect(deleted.status == .ok)
            let body = JSON.object(deleted.body)
            let deletedAt = try #require((body["deleted_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            let until = try #require((body["restorable_until"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(until.timeIntervalSince(deletedAt) == 30 * 86_400)

            // At once: the key stops, the team cannot change anything, the app signs no one in.
            let keyCall = try await fixture.call(.key, .get, "\(org)/apps")
            #expect(keyCall.status == .gone)
            #expect(JSON.object(keyCall.body)["error"] as? String == "organization_deleted")
            #expect(try await fixture.call(.owner, .patch, org, ["name": "Renamed"]).status == .gone)
            #expect(try await fixture.call(.admin, .post, "\(org)/keys", ["name": "new"]).status == .gone)
            #expect(try await fixture.call(.member, .get, "\(org)/apps").status == .gone)
            let seen = try await fixture.call(.member, .get, org)
            #expect(seen.status == .ok && JSON.object(seen.body)["deleted_at"] is String, "members still see it, marked deleted")
            let authorize = try await browser.get(browser.authorizeURI())
            #expect(authorize.status != .ok)
            #expect(!(authorize.headers[.location] ?? "").contains("code="))
            #expect(try await browser.token([("grant_type", "refresh_token"), ("refresh_token", "x")]).status != .ok)
            #expect(try await Self.mails(server, to: address).contains { $0.contains("organization deleted") && $0.contains("restore") })

            // Restore: owners only, everything works again.
            #expect(try await fixture.call(.admin, .post, "\(org)/restore").status == .forbidden)
            #expect(try await fixture.call(.key, .post, "\(org)/restore").status == .gone)
            let restored = try await fixture.call(.owner, .post, "\(org)/restore")
            #expect(restored.status == .ok)
            #expect(JSON.object(restored.body)["deleted_at"] is NSNull)
            #expect(try await fixture.call(.key, .get, "\(org)/apps").status == .ok)
            #expect(try await browser.again()["code"] != nil, "the app signs users in again")
            #expect(try await fixture.call(.owner, .post, "\(org)/restore").status == .conflict)
            #expect(try await Self.mails(server, to: address).contains { $0.contains("organization restored") })
            let audit = JSON.object(try await fixture.call(.owner, .get, "\(org)/audit?limit=100").body)["items"] as? [[String: Any]] ?? []
            #expect(Set(audit.compactMap { $0["action"] as? String }).isSuperset(of: ["organization.deleted", "organization.restored"]))
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func exportHoldsAllAccountData(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = "/api/v1/orgs/\(fixture.organizationID)"
            let runtime = server.runtime
            #expect(try await fixture.call(.key, .get, "\(org)/apps").status == .ok)
            await FlowstaApplication.flushUsage(runtime: runtime)
            let month = runtime.mau.currentMonth()
            let ids = (0..<3).map { _ in AnalyticsID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255) })! }
            #expect(try await runtime.mau.record(ids.map { MAUEntry(analyticsID: $0, appID: fixture.appID, organizationID: fixture.organizationID, month: month) }) == 3)
            let title = "Maintenance \(UUID().uuidString.prefix(8))"
            _ = try await runtime.notices.publish(kind: .service, title: title, body: "A short window.", effectiveAt: Date())

            #expect(try await fixture.call(.admin, .get, "\(org)/export").status == .forbidden)
            #expect(try await fixture.call(.key, .get, "\(org)/export").status == .forbidden)
            #expect(try await fixture.call(.outsider, .get, "\(org)/export").status == .notFound)
            let response = try await fixture.call(.owner, .get, "\(org)/export")
            #expect(response.status == .ok)
            #expect(response.headers[.init("Content-Disposition")!]?.hasPrefix("attachment;") == true)
            let text = String(buffer: response.body)
            #expect(!text.contains(fixture.apiKey), "key metadata only")
            let document = JSON.object(response.body)
            #expect((document["organization"] as? [String: Any])?["id"] as? String == fixture.organizationID.uuidString.lowercased())
            #expect((document["members"] as? [[String: Any]])?.count == 3)
            #expect((document["invites"] as? [[String: Any]])?.first?["email"] as? String != nil)
            #expect((document["apps"] as? [[String: Any]])?.first?["client_id"] is String)
            let keys = document["api_keys"] as? [[String: Any]] ?? []
            #expect(keys.count == 3 && keys.allSatisfy { $0["prefix"] is String && $0["secret"] == nil })
            let audit = (document["audit_log"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(audit.contains("organization.created") && audit.contains("app.created"))
            let usage = document["usage"] as? [[String: Any]] ?? []
            #expect(usage.count == 2, "two years in reports of at most 366 days")
            let requests = usage.flatMap { $0["totals"] as? [[String: Any]] ?? [] }.compactMap { $0["requests"] as? Int }
            #expect(requests.reduce(0, +) >= 1)
            let mau = document["mau"] as? [[String: Any]] ?? []
            #expect(mau.contains { $0["app_id"] as? String == fixture.appID.uuidString.lowercased() && $0["month"] as? String == month.description && $0["mau"] as? Int == 3 })
            #expect((document["notices"] as? [[String: Any]] ?? []).contains { $0["title"] as? String == title })

            // A deleted organization can still be exported until it is purged.
            #expect(try await fixture.call(.owner, .delete, org).status == .ok)
            #expect(try await fixture.call(.owner, .get, "\(org)/export").status == .ok)
        }
    }

    /// A user who deletes their account while the only owner of an organization deletes the
    /// organization with it: it stops at once instead of running on without anyone to manage it.
    @Test(arguments: DatabaseChoice.all)
    func deletingTheOnlyOwnersAccountDeletesTheOrganization(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = "/api/v1/orgs/\(fixture.organizationID)"
            #expect(try await fixture.call(.owner, .delete, "/auth/me").status == .noContent)
            let keyCall = try await fixture.call(.key, .get, "\(org)/apps")
            #expect(keyCall.status == .gone)
            #expect(JSON.object(keyCall.body)["error"] as? String == "organization_deleted")
            let seen = JSON.object(try await fixture.call(.admin, .get, org).body)
            #expect(seen["deleted_at"] is String, "the team sees it deleted")
            let audit = try await FluentPlatformRepository(store: server.runtime.store).events(organizationID: fixture.organizationID, page: PageRequest(limit: 100))
            #expect(audit.contains { $0.action == "organization.deleted" && $0.actorID == fixture.userIDs[.owner] })
        }
    }

    /// Deleted in 2001 (no other test deletes then), purged 30 days later to the second.
    @Test(arguments: DatabaseChoice.all)
    func purgeRemovesEveryRowOfTheOrganization(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (browser, fixture) = try await OAuthBrowserSession.make(server, client)
            let control = try await ManagementFixture.make(server, client)
            let address = try await Self.ownerAddress(fixture, server: server)
            let runtime = server.runtime
            let code = try #require(try await browser.consent()["code"])
            #expect(try await browser.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect), ("code_verifier", OAuthBrowserSession.verifier),
            ]).status == .ok)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").status == .ok)
            await FlowstaApplication.flushUsage(runtime: runtime)
            let apps = try await FluentPlatformRepository(store: runtime.store).apps(organizationID: fixture.organizationID, page: PageRequest(limit: 10)).map(\.id)
            let entries = apps.flatMap { app in
                (0..<2).map { _ in
                    MAUEntry(analyticsID: AnalyticsID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255) })!, appID: app, organizationID: fixture.organizationID, month: runtime.mau.currentMonth())
                }
            }
            #expect(try await runtime.mau.record(entries) == entries.count)
            // Enough API log entries that their purge takes three batched statements.
            try await FluentAPILogRepository(store: runtime.store).insert((0..<2_500).map {
                APILogEntry(
                    organizationID: fixture.organizationID, appID: nil, keyID: nil, occurredAt: Date().addingTimeInterval(-Double($0)),
                    method: "GET", route: "/r", status: 200, latencyMilliseconds: 1, requestID: "bulk-\($0)"
                )
            })

            let storage = FluentPlatformRepository(store: runtime.store)
            try await storage.setDeleted(id: fixture.organizationID, at: Self.t)
            try await storage.setDeleted(id: control.organizationID, at: Self.t.addingTimeInterval(1))
            let sql = runtime.store.database as! any SQLDatabase
            func rows(_ table: String, _ column: String, _ ids: [UUID]) async throws -> Int {
                var total = 0
                for id in ids {
                    total += try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                        .where(SQLColumn(column), .equal, SQLBind(id)).first()?.decode(column: "n", as: Int.self) ?? 0
                }
                return total
            }
            let organizationTables = ["organizations:id", "memberships:organization_id", "api_keys:organization_id", "apps:organization_id",
                                      "invites:organization_id", "audit_events:organization_id", "usage_hourly:organization_id",
                                      "usage_daily:organization_id", "api_logs:organization_id", "mau_monthly:organization_id"]
            let appTables = ["mau_ids:app_id", "oauth_grants:app_id", "oauth_consents:app_id"]
            func remaining() async throws -> [String: Int] {
                var counts: [String: Int] = [:]
                for entry in organizationTables {
                    let parts = entry.split(separator: ":").map(String.init)
                    counts[parts[0]] = try await rows(parts[0], parts[1], [fixture.organizationID])
                }
                for entry in appTables {
                    let parts = entry.split(separator: ":").map(String.init)
                    counts[parts[0]] = try await rows(parts[0], parts[1], apps)
                }
                return counts
            }
            let before = try await remaining()
            #expect(before.values.allSatisfy { $0 > 0 }, "every table holds something of the organization: \(before)")
            #expect((before["api_logs"] ?? 0) > 2_500)

            #expect(try await runtime.platform.purgeDeletedOrganizations(now: Self.t.addingTimeInterval(PlatformService.restoreWindow - 1)) == 0)
            #expect(try await remaining() == before)
            #expect(try await runtime.platform.purgeDeletedOrganizations(now: Self.t.addingTimeInterval(PlatformService.restoreWindow)) == 1)
            let after = try await remaining()
            #expect(after.values.allSatisfy { $0 == 0 }, "nothing of the organization is left: \(after)")
            #expect(try await rows("organizations", "id", [control.organizationID]) == 1, "deleted a second later, it stays a second longer")
            #expect(try await rows("users", "id", [fixture.userIDs[.owner]!]) == 1, "the people keep their user accounts")
            #expect(try await Self.mails(server, to: address).contains { $0.contains("was purged") })
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)").status == .notFound)
            #expect(try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/restore").status == .notFound)
            #expect(try await runtime.platform.purgeDeletedOrganizations(now: Self.t.addingTimeInterval(PlatformService.restoreWindow + 1)) == 1)
            #expect(try await rows("organizations", "id", [control.organizationID]) == 0)
        }
    }

    /// A whole retention run counts what it purged in `/metrics` (per-test SQLite database: a
    /// whole run touches every organization's rows).
    @Test func metricsCountEachPurge() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            // The metrics token, and nothing else, opens /metrics (issue #15).
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]).status == .unauthorized)
            let scraper: HTTPFields = [.authorization: "Bearer " + TestServer.metricsToken]
            let empty = String(buffer: try await client.execute(uri: "/metrics", method: .get, headers: scraper).body)
            #expect(empty.contains(#"flowsta_retention_deleted_total{rule="organizations"} 0"#))
            #expect(empty.contains("flowsta_retention_runs_total 0"))
            try await FluentPlatformRepository(store: server.runtime.store).setDeleted(id: fixture.organizationID, at: Self.t)
            let report = try await FlowstaApplication.runRetention(runtime: server.runtime, now: Self.t.addingTimeInterval(PlatformService.restoreWindow))
            #expect(report.organizations == 1)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: scraper)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"flowsta_retention_deleted_total{rule="organizations"} 1"#))
            #expect(text.contains("flowsta_retention_runs_total 1"))
            for rule in ["sign_requests", "device_authorizations", "outbound_deliveries"] {
                #expect(text.contains("flowsta_retention_deleted_total{rule=\"\(rule)\"} 0"), "every rule has its counter: \(rule)")
            }
            #expect(text.contains("flowsta_retention_last_run_timestamp_seconds \(Self.t.addingTimeInterval(PlatformService.restoreWindow).timeIntervalSince1970)"))
            #expect(!text.contains(fixture.organizationID.uuidString.lowercased()), "no identifier becomes a label")
        }
    }
}
