import FlowstaStore
import FlowstaUsage
import Foundation

/// Issue #5 benchmarks: the cost of metering one request (target < 2 µs) and a usage report over
/// a year of hourly rows in the embedded SQLite store (target < 50 ms).
enum UsageBench {
    /// - Parameter days: how many days of hourly rows the report reads (365 measures the target;
    ///   the test command's small run uses 3).
    static func run(iterations: Int, days: Int) async throws {
        try meter(iterations: iterations)
        try await report(days: max(1, days))
    }

    /// `Meter.record` as the middleware calls it, spread over 10 organizations × 5 route groups.
    static func meter(iterations: Int) throws {
        let meter = Meter()
        let organizations = (0..<10).map { _ in UUID() }
        let now = Date()
        for round in 1...3 {
            let start = ContinuousClock.now
            for index in 0..<iterations {
                meter.record(
                    organizationID: organizations[index % 10], appID: nil, group: RouteGroup.allCases[index % 5],
                    at: now, status: index % 17 == 0 ? 404 : 200, latency: Double(index % 1000) / 100_000
                )
            }
            let micros = (ContinuousClock.now - start).milliseconds * 1000 / Double(iterations)
            _ = meter.drain()
            print(String(format: "meter-record (round %d): %d records, %.3f µs each", round, iterations, micros))
        }
    }

    /// `days` of hourly rows for one organization (5 route groups; a year is ~43,900 rows), then
    /// reports at each granularity.
    static func report(days: Int) async throws {
        let bench = try await BenchStore.make("usage")
        let store = bench.store
        let organizationID = bench.organizationID
        let repository = FluentUsageRepository(store: store)
        let to = UsageGranularity.hour.periodStart(Date())
        let from = to.addingTimeInterval(-Double(days) * 86_400)
        let firstHour = Int(from.timeIntervalSince1970 / 3600)
        let loadStart = ContinuousClock.now
        for day in 0..<days {
            let meter = Meter()
            for hour in 0..<24 {
                let at = Date(timeIntervalSince1970: TimeInterval(firstHour + day * 24 + hour) * 3600 + 1)
                for group in RouteGroup.allCases {
                    for request in 0..<3 {
                        meter.record(organizationID: organizationID, appID: nil, group: group, at: at, status: request == 0 ? 500 : 200, latency: 0.001 * Double(request + 1))
                    }
                }
            }
            try await repository.add(meter.drain())
        }
        print(String(format: "usage rows loaded: %d days x 24 hours x 5 groups in %.1f s", days, (ContinuousClock.now - loadStart).milliseconds / 1000))
        let service = UsageService(repository: repository)
        for granularity in UsageGranularity.allCases {
            var samples: [Double] = []
            var rows = 0
            for _ in 0..<10 {
                let start = ContinuousClock.now
                let report = try await service.report(organizationID: organizationID, from: from, to: to, granularity: granularity, appID: nil)
                samples.append((ContinuousClock.now - start).milliseconds)
                rows = report.rows.count
            }
            let sorted = samples.sorted()
            print(String(format: "usage-report (%d days, %@): %d rows out, median %.1f ms, max %.1f ms", days, granularity.rawValue, rows, sorted[5], sorted[9]))
        }
        await bench.close()
    }
}
