import FlowstaTesting
import FlowstaUsage
import Foundation
import Testing

@Suite struct LatencyHistogramTests {
    @Test(arguments: [
        (0.00001, 0), (0.0000999, 0), (0.0001, 1), (0.000141, 1), (0.000142, 2), (0.001, 7), (0.01, 14), (1.0, 27), (60.0, 39), (1e6, 39),
    ] as [(Double, Int)])
    func bucketsAreLogScale(_ seconds: Double, _ bucket: Int) {
        #expect(LatencyHistogram.bucket(seconds: seconds) == bucket)
    }

    @Test func percentilesAreWithinTheBucketWidth() throws {
        var histogram = LatencyHistogram()
        // 1,000 requests: 1 ms … 1,000 ms, evenly.
        for millisecond in 1...1000 { histogram.record(seconds: Double(millisecond) / 1000) }
        for (fraction, truth) in [(0.50, 0.500), (0.95, 0.950), (0.99, 0.990)] {
            let estimate = try #require(histogram.percentile(fraction))
            #expect(abs(estimate - truth) / truth < 0.42, "p\(Int(fraction * 100)): \(estimate) vs \(truth)")
        }
        #expect(LatencyHistogram().percentile(0.5) == nil)
        var merged = histogram
        merged.merge(histogram)
        #expect(merged.total == 2000)
        #expect(merged.percentile(0.5) == histogram.percentile(0.5))
    }
}

@Suite struct MeterTests {
    static let organization = UUID()
    static let app = UUID()
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    @Test func countsStatusesPerKeyAndHour() {
        let meter = Meter()
        for status in [200, 200, 400, 401, 500] {
            meter.record(organizationID: Self.organization, appID: Self.app, group: .token, at: Self.t0, status: status, latency: 0.002)
        }
        meter.record(organizationID: Self.organization, appID: Self.app, group: .token, at: Self.t0.addingTimeInterval(3600), status: 200, latency: 0.002)
        meter.record(organizationID: Self.organization, appID: nil, group: .management, at: Self.t0, status: 204, latency: 0.002)
        let batch = meter.drain()
        #expect(batch.count == 3)
        let hour = Int(Self.t0.timeIntervalSince1970 / 3600)
        let token = batch[MeteringKey(organizationID: Self.organization, appID: Self.app, group: .token, hour: hour)]
        #expect(token?.requests == 5 && token?.clientErrors == 2 && token?.serverErrors == 1)
        #expect(token?.latency.total == 5)
        #expect(meter.drain().isEmpty, "a drain empties the meter")
        meter.restore(batch)
        meter.record(organizationID: Self.organization, appID: Self.app, group: .token, at: Self.t0, status: 200, latency: 0.002)
        #expect(meter.drain()[MeteringKey(organizationID: Self.organization, appID: Self.app, group: .token, hour: hour)]?.requests == 6)
    }
}

@Suite struct UsageReportTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: [
        ("2027-01-31T23:59:59Z", UsageGranularity.hour, "2027-01-31T23:00:00Z"),
        ("2027-01-31T23:59:59Z", .day, "2027-01-31T00:00:00Z"),
        ("2027-01-31T23:59:59Z", .month, "2027-01-01T00:00:00Z"),
        ("2028-02-29T12:00:00Z", .month, "2028-02-01T00:00:00Z"),
        ("2028-03-01T00:00:00Z", .month, "2028-03-01T00:00:00Z"),
        ("1969-12-31T23:00:00Z", .day, "1969-12-31T00:00:00Z"),
    ])
    func periodsStartOnUTCBoundaries(_ instant: String, _ granularity: UsageGranularity, _ start: String) {
        #expect(granularity.periodStart(Self.date(instant)) == Self.date(start))
    }

    @Test func reportGroupsHoursIntoPeriodsAndTotals() async throws {
        let repository = InMemoryUsageRepository()
        let organization = UUID()
        let (appA, appB) = (UUID(), UUID())
        let meter = Meter()
        // Two days in January, one in February; two apps.
        for (instant, app, status) in [
            ("2027-01-30T10:15:00Z", appA, 200), ("2027-01-30T23:59:00Z", appB, 400), ("2027-01-31T00:00:00Z", appA, 200),
            ("2027-02-01T08:00:00Z", appA, 503),
        ] {
            meter.record(organizationID: organization, appID: app, group: .token, at: Self.date(instant), status: status, latency: 0.01)
        }
        meter.record(organizationID: UUID(), appID: appA, group: .token, at: Self.date("2027-01-30T10:00:00Z"), status: 200, latency: 0.01)
        await repository.add(meter.drain())
        let service = UsageService(repository: repository)

        let daily = try await service.report(organizationID: organization, from: Self.date("2027-01-01T00:00:00Z"), to: Self.date("2027-03-01T00:00:00Z"), granularity: .day, appID: nil)
        #expect(daily.rows.map(\.periodStart) == ["2027-01-30T00:00:00Z", "2027-01-31T00:00:00Z", "2027-02-01T00:00:00Z"].map(Self.date))
        #expect(daily.rows.map(\.requests) == [2, 1, 1])
        #expect(daily.rows[0].errorRate == 0.5)
        #expect(daily.totals.first?.requests == 4, "the other organization's request is not counted")
        #expect(daily.totals.first?.serverErrors == 1)

        let monthly = try await service.report(organizationID: organization, from: Self.date("2027-01-01T00:00:00Z"), to: Self.date("2027-03-01T00:00:00Z"), granularity: .month, appID: appA)
        #expect(monthly.rows.map(\.requests) == [2, 1])
        let p50 = try #require(monthly.rows[0].p50)
        #expect(p50 > 0.007 && p50 < 0.014)

        await #expect(throws: UsageError.invalidRange) {
            try await service.report(organizationID: organization, from: Self.date("2027-03-01T00:00:00Z"), to: Self.date("2027-01-01T00:00:00Z"), granularity: .day, appID: nil)
        }
        await #expect(throws: UsageError.invalidRange) {
            try await service.report(organizationID: organization, from: Self.date("2025-01-01T00:00:00Z"), to: Self.date("2027-01-01T00:00:00Z"), granularity: .day, appID: nil)
        }
    }
}
