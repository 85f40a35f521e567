import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Metering through the real routes: API-key calls and an app's OAuth calls are counted per
/// route group with their error rate and latency, and read back as JSON and CSV.
@Suite struct UsageAPITests {
    @Test(arguments: DatabaseChoice.all)
    func meteredCallsAppearInTheUsageReportAndExports(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let org = fixture.organizationID
            // Three API-key calls (one a 404) and three token calls of the app (one refused).
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps").status == .ok)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)").status == .ok)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps/\(UUID())").status == .notFound)
            let code = try #require(try await session.consent()["code"])
            #expect(try await session.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect), ("code_verifier", OAuthBrowserSession.verifier),
            ]).status == .ok)
            #expect(try await session.token([("grant_type", "refresh_token"), ("refresh_token", "not-a-token")]).status == .badRequest)
            // Not metered: nobody is authenticated.
            #expect(try await client.execute(uri: "/oauth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "grant_type=x")).status == .unauthorized)
            await FlowstaApplication.flushUsage(runtime: server.runtime)

            let report = try await fixture.call(.member, .get, "/api/v1/orgs/\(org)/usage?granularity=day")
            #expect(report.status == .ok)
            let totals = try #require(JSON.object(report.body)["totals"] as? [[String: Any]])
            let token = try #require(totals.first { $0["route_group"] as? String == "token" })
            #expect(token["requests"] as? Int == 2)
            #expect(token["client_errors"] as? Int == 1)
            #expect(token["error_rate"] as? Double == 0.5)
            #expect((token["p99_ms"] as? Double ?? 0) > 0)
            let management = try #require(totals.first { $0["route_group"] as? String == "management" })
            // The three calls above; the usage request itself is counted only once it finished.
            #expect(management["requests"] as? Int == 3)
            #expect(management["client_errors"] as? Int == 1)

            let csv = try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage/export?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.init("Content-Disposition")!]?.contains("attachment") == true)
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(lines.first == "period_start,route_group,requests,client_errors,server_errors,error_rate,p50_ms,p95_ms,p99_ms")
            #expect(lines.contains { $0.contains(",token,2,1,0,0.5000,") })
            let json = try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage/export?format=json")
            #expect((JSON.object(json.body)["rows"] as? [Any])?.isEmpty == false)

            // Filters and errors.
            let bad = try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage?granularity=week")
            #expect(bad.status == .badRequest)
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage?from=2027-02-01&to=2027-01-01").status == .badRequest)
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage?from=yesterday").status == .badRequest)
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage?app_id=\(UUID())").status == .notFound)
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/usage/export?format=xml").status == .badRequest)
            #expect(try await fixture.call(.outsider, .get, "/api/v1/orgs/\(org)/usage").status == .notFound)
        }
    }
}

@Suite struct APILogTests {
    /// One record per metered request, with the route template and never a query string; the
    /// organization filters and pages them.
    @Test(arguments: DatabaseChoice.all)
    func meteredRequestsAreLoggedAndFiltered(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let org = fixture.organizationID
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps?limit=5").status == .ok)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)/apps/\(UUID())").status == .notFound)
            #expect(try await fixture.call(.key, .get, "/api/v1/orgs/\(org)").status == .ok)
            #expect(try await session.token([("grant_type", "refresh_token"), ("refresh_token", "nope")]).status == .badRequest)
            // Session calls (the dashboard) are not metered.
            #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)").status == .ok)
            await FlowstaApplication.flushUsage(runtime: server.runtime)

            let all = try await fixture.call(.member, .get, "/api/v1/orgs/\(org)/logs")
            #expect(all.status == .ok)
            let items = try #require(JSON.object(all.body)["items"] as? [[String: Any]])
            #expect(items.count == 4)
            #expect(items.map { $0["route"] as? String } == ["/api/v1/orgs/{org}/apps", "/api/v1/orgs/{org}/apps/{app}", "/api/v1/orgs/{org}", "/oauth/token"])
            #expect(items.allSatisfy { ($0["request_id"] as? String)?.isEmpty == false && ($0["latency_ms"] as? Double ?? -1) >= 0 })
            #expect(items[0]["key_id"] is String && items[3]["app_id"] is String)
            let text = String(buffer: all.body)
            #expect(!text.contains("limit=5") && !text.contains(org.uuidString.lowercased() + "/apps"), "no query strings or concrete paths")

            let errors = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?status=4xx").body)["items"] as? [[String: Any]]
            #expect(errors?.map { $0["status"] as? Int } == [404, 400])
            let exact = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?status=404&method=get").body)["items"] as? [[String: Any]]
            #expect(exact?.count == 1)
            let appID = try #require(items[3]["app_id"] as? String)
            #expect((JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?app_id=\(appID)").body)["items"] as? [Any])?.count == 1)

            // Paging: two pages of two, then nothing.
            let first = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?limit=2").body)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?limit=2&cursor=\(cursor)").body)
            let ids = ((first["items"] as? [[String: Any]] ?? []) + (second["items"] as? [[String: Any]] ?? [])).compactMap { $0["id"] as? String }
            #expect(ids == items.compactMap { $0["id"] as? String })
            #expect(second["next_cursor"] is NSNull)

            for bad in ["status=6xx", "method=FETCH", "from=soon", "key_id=nope"] {
                #expect(try await fixture.call(.owner, .get, "/api/v1/orgs/\(org)/logs?\(bad)").status == .badRequest, "\(bad)")
            }
            #expect(try await fixture.call(.outsider, .get, "/api/v1/orgs/\(org)/logs").status == .notFound)
        }
    }
}
