import FlowstaPlatform
import FlowstaUsage
import Foundation
import Testing

/// The hourly usage rows on every store: flushes add up (also concurrently, as several
/// instances flushing the same hour would), queries select by organization, range and app.
@Suite struct UsageRepositoryContractTests {
    @Test(arguments: StoreKind.all)
    func flushesAddUpAndQueriesSelect(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await PlatformRepositoryContractTests.user(stores, "usage")
            let organization = PlatformRepositoryContractTests.organization("Usage")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: PlatformRepositoryContractTests.t0))
            let app = UUID()
            let hour = 500_000
            func batch(_ status: Int, latency: Double) -> [MeteringKey: UsageCounts] {
                let meter = Meter()
                let at = Date(timeIntervalSince1970: TimeInterval(hour) * 3600 + 10)
                meter.record(organizationID: organization.id, appID: app, group: .token, at: at, status: status, latency: latency)
                meter.record(organizationID: organization.id, appID: nil, group: .management, at: at, status: 200, latency: latency)
                meter.record(organizationID: organization.id, appID: app, group: .token, at: at.addingTimeInterval(3600), status: 200, latency: latency)
                return meter.drain()
            }
            try await stores.usage.add(batch(200, latency: 0.001))
            async let a: Void = stores.usage.add(batch(404, latency: 0.002))
            async let b: Void = stores.usage.add(batch(500, latency: 0.004))
            _ = try await (a, b)

            let start = Date(timeIntervalSince1970: TimeInterval(hour) * 3600)
            let all = try await stores.usage.hourly(organizationID: organization.id, from: start, to: start.addingTimeInterval(7200), appID: nil)
            let tokenFirstHour = all.first { $0.0.group == .token && $0.0.hour == hour }?.1
            #expect(tokenFirstHour?.requests == 3)
            #expect(tokenFirstHour?.clientErrors == 1 && tokenFirstHour?.serverErrors == 1)
            #expect(tokenFirstHour?.latency.total == 3)
            #expect(all.filter { $0.0.group == .management }.map(\.1.requests) == [3])
            #expect(all.map(\.1.requests).reduce(0, +) == 9)

            let oneHour = try await stores.usage.hourly(organizationID: organization.id, from: start, to: start.addingTimeInterval(3600), appID: nil)
            #expect(oneHour.map(\.1.requests).reduce(0, +) == 6)
            let appOnly = try await stores.usage.hourly(organizationID: organization.id, from: start, to: start.addingTimeInterval(7200), appID: app)
            #expect(appOnly.allSatisfy { $0.0.group == .token })
            #expect(appOnly.map(\.1.requests).reduce(0, +) == 6)
            #expect(try await stores.usage.hourly(organizationID: UUID(), from: start, to: start.addingTimeInterval(7200), appID: nil).isEmpty)
        }
    }
}

@Suite struct UsageSummingContractTests {
    /// The store's own `GROUP BY` gives exactly the in-memory sums of its hourly rows, for every
    /// granularity (hours, UTC days, uneven months).
    @Test(arguments: StoreKind.all)
    func storeSumsMatchTheHourlyRows(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let owner = try await PlatformRepositoryContractTests.user(stores, "sums")
            let organization = PlatformRepositoryContractTests.organization("Sums")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: PlatformRepositoryContractTests.t0))
            let formatter = ISO8601DateFormatter()
            let meter = Meter()
            let (appA, appB) = (UUID(), UUID())
            for (index, instant) in ["2027-01-31T23:30:00Z", "2027-02-01T00:10:00Z", "2027-02-01T00:50:00Z", "2027-02-28T23:59:59Z", "2027-03-01T00:00:00Z", "2027-03-15T12:00:00Z"].enumerated() {
                meter.record(organizationID: organization.id, appID: index % 2 == 0 ? appA : appB, group: index % 3 == 0 ? .token : .userinfo,
                             at: formatter.date(from: instant)!, status: index == 4 ? 500 : 200, latency: 0.001 * Double(index + 1))
            }
            try await stores.usage.add(meter.drain())
            // Whole days (the daily roll-up) and ranges cutting days (hourly rows at the edges).
            for (fromText, toText, total) in [
                ("2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z", 6), ("2027-01-31T23:00:00Z", "2027-03-01T00:30:00Z", 5),
                ("2027-02-01T00:30:00Z", "2027-02-28T23:30:00Z", 3),
            ] {
            let from = formatter.date(from: fromText)!
            let to = formatter.date(from: toText)!
            for granularity in UsageGranularity.allCases {
                for app in [nil, appA] {
                    let starts = granularity.periodStarts(from: from, to: to)
                    let fromStore = try await stores.usage.summed(organizationID: organization.id, from: from, to: to, appID: app, periodStarts: starts)
                    let reference = try await stores.usage.summedInMemory(organizationID: organization.id, from: from, to: to, appID: app, periodStarts: starts)
                    func normalized(_ rows: [(periodStart: Int, group: RouteGroup, counts: UsageCounts)]) -> [String: UsageCounts] {
                        Dictionary(uniqueKeysWithValues: rows.map { ("\($0.periodStart)/\($0.group.rawValue)", $0.counts) })
                    }
                    #expect(normalized(fromStore) == normalized(reference), "\(granularity) app \(String(describing: app))")
                    if app == nil { #expect(fromStore.map(\.counts.requests).reduce(0, +) == total, "\(fromText) \(granularity)") }
                }
            }
            }
            let from = formatter.date(from: "2027-01-01T00:00:00Z")!
            let to = formatter.date(from: "2027-04-01T00:00:00Z")!
            let months = try await stores.usage.summed(organizationID: organization.id, from: from, to: to, appID: nil, periodStarts: UsageGranularity.month.periodStarts(from: from, to: to))
            let february = Int(formatter.date(from: "2027-02-01T00:00:00Z")!.timeIntervalSince1970 / 3600)
            #expect(months.filter { $0.periodStart == february }.map(\.counts.requests).reduce(0, +) == 3)
        }
    }
}

@Suite struct APILogRetentionTests {
    @Test(arguments: StoreKind.all)
    func logsOlderThanTheCutoffArePurged(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            // Far in the past: the PostgreSQL database is shared with other tests.
            let cutoff = Date(timeIntervalSince1970: 1_000_000_000)
            let owner = try await PlatformRepositoryContractTests.user(stores, "logs")
            let organization = PlatformRepositoryContractTests.organization("Logs")
            try await stores.platform.create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: cutoff))
            func entry(_ offset: TimeInterval) -> APILogEntry {
                APILogEntry(organizationID: organization.id, appID: nil, keyID: nil, occurredAt: cutoff.addingTimeInterval(offset), method: "GET", route: "/r", status: 200, latencyMilliseconds: 1, requestID: "x")
            }
            try await stores.apiLogs.insert([entry(-1), entry(0), entry(1)])
            #expect(try await stores.apiLogs.purge(before: cutoff) == 1)
            let left = try await stores.apiLogs.entries(organizationID: organization.id, filter: APILogFilter(), after: nil, limit: 10)
            #expect(left.map(\.occurredAt) == [cutoff, cutoff.addingTimeInterval(1)])
            #expect(try await stores.apiLogs.purge(before: cutoff) == 0)
        }
    }
}
