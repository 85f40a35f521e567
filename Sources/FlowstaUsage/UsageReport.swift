import Foundation

/// How usage rows are grouped in time (UTC).
public enum UsageGranularity: String, Sendable, CaseIterable {
    case hour, day, month

    /// The start of the period containing `date`.
    public func periodStart(_ date: Date) -> Date {
        periodStart(hour: Int((date.timeIntervalSince1970 / 3600).rounded(.down)))
    }

    /// The start of the period containing the hour `hour` (hours since 1970), with integer
    /// civil-calendar arithmetic (a year of hourly rows is grouped in well under a millisecond).
    func periodStart(hour: Int) -> Date {
        let seconds: Int = switch self {
        case .hour: hour * 3600
        case .day: Self.floorDiv(hour, 24) * 86_400
        case .month: Self.firstOfMonth(day: Self.floorDiv(hour, 24)) * 86_400
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The first hours of the periods overlapping `[from, to)`, ascending.
    public func periodStarts(from: Date, to: Date) -> [Int] {
        let first = Int((from.timeIntervalSince1970 / 3600).rounded(.down))
        let end = Int((to.timeIntervalSince1970 / 3600).rounded(.up))
        var starts: [Int] = []
        var hour = Int(periodStart(hour: first).timeIntervalSince1970 / 3600)
        while hour < end {
            starts.append(hour)
            hour = switch self {
            case .hour: hour + 1
            case .day: hour + 24
            case .month: Int(periodStart(hour: hour + 32 * 24).timeIntervalSince1970 / 3600)
            }
        }
        return starts
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days since 1970 of the first day of the month containing `day` (H. Hinnant's
    /// civil_from_days / days_from_civil).
    static func firstOfMonth(day: Int) -> Int {
        let z = day + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        return day - (d - 1)
    }
}

/// One period of one route group: counts, error rate and latency percentiles.
public struct UsageRow: Sendable, Equatable {
    public var periodStart: Date
    public var group: RouteGroup
    public var requests: UInt64
    public var clientErrors: UInt64
    public var serverErrors: UInt64
    /// (4xx + 5xx) / requests.
    public var errorRate: Double
    /// Seconds; `nil` without requests.
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?

    init(periodStart: Date, group: RouteGroup, counts: UsageCounts) {
        self.periodStart = periodStart
        self.group = group
        requests = counts.requests
        clientErrors = counts.clientErrors
        serverErrors = counts.serverErrors
        errorRate = counts.requests == 0 ? 0 : Double(counts.clientErrors + counts.serverErrors) / Double(counts.requests)
        p50 = counts.latency.percentile(0.50)
        p95 = counts.latency.percentile(0.95)
        p99 = counts.latency.percentile(0.99)
    }
}

/// Usage of an organization over a range.
public struct UsageReport: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var granularity: UsageGranularity
    public var appID: UUID?
    /// Ordered by period, then route group.
    public var rows: [UsageRow]
    /// Everything in the range, per route group.
    public var totals: [UsageRow]
    /// Every period of the range (empty ones included), all route groups together: what the
    /// dashboard's charts draw.
    public var series: [UsagePoint] = []
}

/// One period, all route groups together.
public struct UsagePoint: Sendable, Equatable {
    public var periodStart: Date
    public var requests: UInt64
    public var clientErrors: UInt64
    public var serverErrors: UInt64
    /// (4xx + 5xx) / requests; 0 without requests.
    public var errorRate: Double
    /// Seconds; `nil` without requests.
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
}

/// Usage questions over the stored hourly rows.
public struct UsageService: Sendable {
    let repository: any UsageRepository

    public init(repository: any UsageRepository) { self.repository = repository }

    /// Longest range one request may cover (a year of hours is ~8,800 rows per key).
    public static let maximumRange: TimeInterval = 366 * 24 * 3600

    /// - Throws: ``UsageError/invalidRange`` for an empty, reversed or over-long range.
    public func report(organizationID: UUID, from: Date, to: Date, granularity: UsageGranularity, appID: UUID?) async throws -> UsageReport {
        guard from < to, to.timeIntervalSince(from) <= Self.maximumRange else { throw UsageError.invalidRange }
        let starts = granularity.periodStarts(from: from, to: to)
        let sums = try await repository.summed(organizationID: organizationID, from: from, to: to, appID: appID, periodStarts: starts)
        var periods: [Int: [RouteGroup: UsageCounts]] = [:]
        var totals: [RouteGroup: UsageCounts] = [:]
        for (start, group, counts) in sums {
            periods[start, default: [:]][group, default: UsageCounts()].merge(counts)
            totals[group, default: UsageCounts()].merge(counts)
        }
        let rows = periods.keys.sorted().flatMap { start in
            RouteGroup.allCases.compactMap { group in
                periods[start]?[group].map { UsageRow(periodStart: Date(timeIntervalSince1970: TimeInterval(start) * 3600), group: group, counts: $0) }
            }
        }
        let totalRows = RouteGroup.allCases.compactMap { group in totals[group].map { UsageRow(periodStart: from, group: group, counts: $0) } }
        let series = starts.map { start -> UsagePoint in
            var merged = UsageCounts()
            for counts in (periods[start] ?? [:]).values { merged.merge(counts) }
            let row = UsageRow(periodStart: Date(timeIntervalSince1970: TimeInterval(start) * 3600), group: .management, counts: merged)
            return UsagePoint(
                periodStart: row.periodStart, requests: row.requests, clientErrors: row.clientErrors, serverErrors: row.serverErrors,
                errorRate: row.errorRate, p50: row.p50, p95: row.p95, p99: row.p99
            )
        }
        return UsageReport(from: from, to: to, granularity: granularity, appID: appID, rows: rows, totals: totalRows, series: series)
    }
}

/// Errors of the usage module.
public enum UsageError: Error, Equatable, Sendable {
    case invalidRange
    /// The organization's management API rate was exceeded.
    case rateLimited(RateLimiter.Decision)
    /// `month` is not a `YYYY-MM` month the request can ask about.
    case invalidMonth
}
