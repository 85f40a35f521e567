import FlowstaAccounts
import FlowstaServer
import FlowstaStore
import FlowstaUsage
import FlowstaWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The retention engine (P8) one second either side of its boundaries, driven by `now` in 2001.
/// A whole run also applies rules that read the wall clock (OAuth, invites, mail) to the whole
/// database, so it runs on the per-test SQLite database; on the PostgreSQL database other tests
/// share, the new rules are driven one by one below.
@Suite struct RetentionTests {
    static let t = ISO8601DateFormatter().date(from: "2001-06-01T00:00:00Z")!

    @Test func rulesApplyExactlyAtTheirBoundaries() async throws {
        let database = DatabaseChoice.sqlite
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let runtime = server.runtime
            let user = try #require(fixture.userIDs[.owner])
            let sessions = FluentSessionRepository(store: runtime.store)
            let logins = FluentLoginStateRepository(store: runtime.store)
            let tag = UUID().uuidString
            for (name, expiry) in [("a", Self.t), ("b", Self.t.addingTimeInterval(1))] {
                try await sessions.create(StoredSession(tokenHash: "retention-\(tag)-\(name)", userID: user, createdAt: Self.t.addingTimeInterval(-86_400), expiresAt: expiry))
                try await logins.insert(PendingLogin(handleHash: "retention-\(tag)-\(name)", userID: user, sealedState: [1], expiresAt: expiry))
            }
            // Usage rows of the hour that ended exactly 2 years (732 days) before `t`, and of the next.
            let horizon = Self.t.addingTimeInterval(-Double(UsageRetention.days) * 86_400)
            let hour = Int((horizon.timeIntervalSince1970 / 3600).rounded(.down))
            let meter = Meter()
            for at in [TimeInterval(hour - 1) * 3600, TimeInterval(hour) * 3600] {
                meter.record(organizationID: fixture.organizationID, appID: nil, group: .management, at: Date(timeIntervalSince1970: at), status: 200, latency: 0.001)
            }
            let usage = FluentUsageRepository(store: runtime.store)
            try await usage.add(meter.drain())
            func usageHours() async throws -> [Int] {
                try await usage.hourly(
                    organizationID: fixture.organizationID, from: Date(timeIntervalSince1970: TimeInterval(hour - 2) * 3600),
                    to: Date(timeIntervalSince1970: TimeInterval(hour + 2) * 3600), appID: nil
                ).map(\.0.hour).sorted()
            }
            #expect(try await usageHours() == [hour - 1, hour])
            // Outbound deliveries created exactly 90 days before `t`, and a second later.
            let cutoff = Self.t.addingTimeInterval(-90 * 86_400)
            let deliveries = [cutoff.addingTimeInterval(-1), cutoff].map {
                OutboundDelivery(kind: .webhook, url: "https://rp.example/hook", contentType: "application/json", body: [], nextAttemptAt: $0, createdAt: $0)
            }
            for delivery in deliveries { try await runtime.outbound.enqueue(delivery) }

            let before = try await FlowstaApplication.runRetention(runtime: runtime, now: Self.t.addingTimeInterval(-1))
            #expect(before.expiredSessions == 0 && before.expiredLoginStates == 0 && before.usageRows == 0)
            #expect(try await usageHours() == [hour - 1, hour])
            #expect(try await sessions.find(tokenHash: "retention-\(tag)-a") != nil)

            let at = try await FlowstaApplication.runRetention(runtime: runtime, now: Self.t)
            #expect(at.expiredSessions == 1 && at.expiredLoginStates == 1)
            #expect(try await sessions.find(tokenHash: "retention-\(tag)-a") == nil)
            #expect(try await sessions.find(tokenHash: "retention-\(tag)-b") != nil)
            #expect(try await logins.consume(handleHash: "retention-\(tag)-a") == nil)
            #expect(at.usageRows >= 1)
            #expect(at.outboundDeliveries == 1, "the delivery older than 90 days")
            #expect(try await runtime.outbound.delivery(id: deliveries[0].id) == nil)
            #expect(try await runtime.outbound.delivery(id: deliveries[1].id) != nil)
            #expect(try await usageHours() == [hour], "the hour that ended 2 years ago is gone, the next one stays")

            let after = try await FlowstaApplication.runRetention(runtime: runtime, now: Self.t.addingTimeInterval(1))
            #expect(after.expiredSessions == 1 && after.expiredLoginStates == 1)
            #expect(try await sessions.find(tokenHash: "retention-\(tag)-b") == nil)
            #expect(try await logins.consume(handleHash: "retention-\(tag)-b") == nil)
            #expect(try await usageHours() == [hour])

            let again = try await FlowstaApplication.runRetention(runtime: runtime, now: Self.t.addingTimeInterval(1))
            #expect(again.expiredSessions == 0 && again.expiredLoginStates == 0 && again.usageRows == 0, "idempotent")
        }
    }

    /// The session, login state and usage rules on each engine, with times in 2001 only.
    @Test(arguments: DatabaseChoice.all)
    func storePurgesSelectByTime(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let store = server.runtime.store
            let sessions = FluentSessionRepository(store: store)
            let tag = UUID().uuidString
            try await sessions.create(StoredSession(tokenHash: "purge-\(tag)-a", userID: fixture.userIDs[.owner]!, createdAt: Self.t, expiresAt: Self.t))
            try await sessions.create(StoredSession(tokenHash: "purge-\(tag)-b", userID: fixture.userIDs[.owner]!, createdAt: Self.t, expiresAt: Self.t.addingTimeInterval(1)))
            #expect(try await sessions.deleteExpired(now: Self.t.addingTimeInterval(-1)) == 0)
            #expect(try await sessions.deleteExpired(now: Self.t) == 1)
            #expect(try await sessions.find(tokenHash: "purge-\(tag)-b") != nil)
            #expect(try await sessions.deleteExpired(now: Self.t.addingTimeInterval(1)) == 1)
            let usage = FluentUsageRepository(store: store)
            let hour = Int((Self.t.timeIntervalSince1970 / 3600).rounded(.down))
            let meter = Meter()
            for h in [hour - 1, hour] {
                meter.record(organizationID: fixture.organizationID, appID: nil, group: .management, at: Date(timeIntervalSince1970: TimeInterval(h) * 3600), status: 200, latency: 0.001)
            }
            try await usage.add(meter.drain())
            #expect(try await usage.purge(before: Self.t.addingTimeInterval(-1)) == 0)
            #expect(try await usage.purge(before: Self.t) == 2, "the hour before t and the daily row of the day before")
            let left = try await usage.hourly(organizationID: fixture.organizationID, from: Self.t.addingTimeInterval(-7200), to: Self.t.addingTimeInterval(7200), appID: nil)
            #expect(left.map(\.0.hour) == [hour])
        }
    }

    /// One instance at a time: a lease is taken once until it expires.
    @Test(arguments: DatabaseChoice.all)
    func jobLeasesAreExclusiveUntilTheyExpire(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let leases = JobLeases(store: server.runtime.store)
        let name = "test-\(UUID().uuidString)"
        let (first, second) = (UUID(), UUID())
        #expect(try await leases.acquire(name, holder: first, now: Self.t, duration: 60))
        #expect(!(try await leases.acquire(name, holder: second, now: Self.t.addingTimeInterval(59), duration: 60)))
        #expect(try await leases.acquire(name, holder: second, now: Self.t.addingTimeInterval(60), duration: 60))
        #expect(!(try await leases.acquire(name, holder: first, now: Self.t.addingTimeInterval(61), duration: 60)))
        await server.runtime.store.shutdown()
    }
}

extension RetentionTests {
    /// API logs go 90 days after their request, to the second, in batches: 2,500 entries from
    /// before the boundary (three delete statements) and the two either side of it. The purge
    /// covers the whole database, so this runs on the per-test SQLite database (on the shared
    /// PostgreSQL one, `APILogRetentionTests` checks the cutoff with its own era, and the
    /// organization purge deletes 2,500 entries in batches).
    @Test func apiLogsGoAfterNinetyDaysInBatches() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let runtime = server.runtime
            let logs = FluentAPILogRepository(store: runtime.store)
            let horizon = Self.t.addingTimeInterval(-Double(APILogRetention.days) * 86_400)
            func entry(_ at: Date, _ request: String) -> APILogEntry {
                APILogEntry(
                    organizationID: fixture.organizationID, appID: nil, keyID: nil, occurredAt: at, method: "GET", route: "/r",
                    status: 200, latencyMilliseconds: 1, requestID: request
                )
            }
            let old = (0..<2_500).map { entry(horizon.addingTimeInterval(-86_400 - Double($0)), "old-\($0)") }
            try await logs.insert(old + [entry(horizon.addingTimeInterval(-1), "before"), entry(horizon, "at")])
            func remaining() async throws -> [String] {
                try await logs.entries(organizationID: fixture.organizationID, filter: APILogFilter(), after: nil, limit: 3_000).map(\.requestID)
            }
            #expect(try await remaining().count == 2_502)
            #expect(try await FlowstaApplication.purgeAPILogs(runtime: runtime, now: Self.t.addingTimeInterval(-1)) == 2_500)
            #expect(Set(try await remaining()) == ["before", "at"])
            #expect(try await FlowstaApplication.purgeAPILogs(runtime: runtime, now: Self.t) == 1)
            #expect(try await remaining() == ["at"])
            #expect(try await FlowstaApplication.purgeAPILogs(runtime: runtime, now: Self.t) == 0, "idempotent")
            #expect(try await FlowstaApplication.purgeAPILogs(runtime: runtime, now: Self.t.addingTimeInterval(1)) == 1)
            #expect(try await remaining().isEmpty)
        }
    }
}
