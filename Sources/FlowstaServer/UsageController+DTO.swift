import FlowstaUsage
import FlowstaPlatform
import Foundation

/// The usage report on the wire; latencies in milliseconds.
struct UsageReportDTO: Encodable {
    struct Row: Encodable {
        var periodStart: Date
        var routeGroup: String
        var requests: UInt64
        var clientErrors: UInt64
        var serverErrors: UInt64
        var errorRate: Double
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?

        init(_ row: UsageRow) {
            periodStart = row.periodStart
            routeGroup = row.group.rawValue
            requests = row.requests
            clientErrors = row.clientErrors
            serverErrors = row.serverErrors
            errorRate = row.errorRate
            p50Ms = row.p50.map(Self.milliseconds)
            p95Ms = row.p95.map(Self.milliseconds)
            p99Ms = row.p99.map(Self.milliseconds)
        }

        static func milliseconds(_ seconds: Double) -> Double { (seconds * 100_000).rounded() / 100 }

        enum CodingKeys: String, CodingKey {
            case requests
            case periodStart = "period_start"
            case routeGroup = "route_group"
            case clientErrors = "client_errors"
            case serverErrors = "server_errors"
            case errorRate = "error_rate"
            case p50Ms = "p50_ms"
            case p95Ms = "p95_ms"
            case p99Ms = "p99_ms"
        }
    }

    var from: Date
    var to: Date
    var granularity: String
    var appID: String?
    var rows: [Row]
    var totals: [Row]

    init(_ report: UsageReport) {
        from = report.from
        to = report.to
        granularity = report.granularity.rawValue
        appID = report.appID?.uuidString.lowercased()
        rows = report.rows.map(Row.init)
        totals = report.totals.map(Row.init)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, granularity, rows, totals
        case appID = "app_id"
    }
}

/// The CSV export: one line per period and route group (RFC 4180, header first).
enum UsageCSV {
    static func render(_ report: UsageReport) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = ["period_start,route_group,requests,client_errors,server_errors,error_rate,p50_ms,p95_ms,p99_ms"]
        for row in report.rows.map(UsageReportDTO.Row.init) {
            let fields: [String] = [
                formatter.string(from: row.periodStart), row.routeGroup, String(row.requests), String(row.clientErrors),
                String(row.serverErrors), String(format: "%.4f", row.errorRate),
                row.p50Ms.map { String($0) } ?? "", row.p95Ms.map { String($0) } ?? "", row.p99Ms.map { String($0) } ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// One API log entry on the wire.
struct APILogDTO: Encodable {
    var entry: APILogEntry

    enum CodingKeys: String, CodingKey {
        case id, method, route, status
        case occurredAt = "occurred_at"
        case appID = "app_id"
        case keyID = "key_id"
        case latencyMs = "latency_ms"
        case requestID = "request_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id.uuidString.lowercased(), forKey: .id)
        try container.encode(entry.occurredAt, forKey: .occurredAt)
        try container.encode(entry.appID?.uuidString.lowercased(), forKey: .appID)
        try container.encode(entry.keyID?.uuidString.lowercased(), forKey: .keyID)
        try container.encode(entry.method, forKey: .method)
        try container.encode(entry.route, forKey: .route)
        try container.encode(entry.status, forKey: .status)
        try container.encode(entry.latencyMilliseconds, forKey: .latencyMs)
        try container.encode(entry.requestID, forKey: .requestID)
    }
}

/// `GET /api/v1/apps/{app}/mau`: one month and the 12 months ending with it.
struct MAUDTO: Encodable {
    struct Month: Encodable {
        var month: String
        var mau: Int
        var closed: Bool

        init(_ count: MAUCount) {
            month = count.month.description
            mau = count.activeUsers
            closed = count.closed
        }
    }

    var appID: UUID
    var month: String
    var mau: Int
    var closed: Bool
    var series: [Month]

    init(appID: UUID, month: UsageMonth, series: [MAUCount]) {
        self.appID = appID
        self.month = month.description
        let current = series.last { $0.month == month }
        mau = current?.activeUsers ?? 0
        closed = current?.closed ?? false
        self.series = series.map(Month.init)
    }

    enum CodingKeys: String, CodingKey {
        case month, mau, closed, series
        case appID = "app_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(appID.uuidString.lowercased(), forKey: .appID)
        try container.encode(month, forKey: .month)
        try container.encode(mau, forKey: .mau)
        try container.encode(closed, forKey: .closed)
        try container.encode(series, forKey: .series)
    }
}

/// `GET /api/v1/orgs/{org}/plan`: the plan's limits (`null` = unlimited) and current use.
struct PlanDTO: Encodable {
    var usage: PlanUsage
    var month: UsageMonth

    init(_ usage: PlanUsage, month: UsageMonth) {
        self.usage = usage
        self.month = month
    }

    enum CodingKeys: String, CodingKey {
        case plan, limits, usage, month
        case overage = "mau_overage"
        case overageAllowed = "mau_overage_allowed"
    }

    enum LimitKeys: String, CodingKey {
        case mau, apps, seats
        case apiRate = "api_requests_per_second"
    }

    enum UsageKeys: String, CodingKey {
        case mau, apps, seats
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let plan = usage.plan
        try container.encode(plan.rawValue, forKey: .plan)
        try container.encode(month.description, forKey: .month)
        var limits = container.nestedContainer(keyedBy: LimitKeys.self, forKey: .limits)
        try limits.encode(plan.monthlyActiveUsers, forKey: .mau)
        try limits.encode(plan.appLimit, forKey: .apps)
        try limits.encode(plan.seatLimit, forKey: .seats)
        try limits.encode(plan.apiRatePerSecond, forKey: .apiRate)
        var current = container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
        try current.encode(usage.monthlyActiveUsers, forKey: .mau)
        try current.encode(usage.apps, forKey: .apps)
        try current.encode(usage.seats, forKey: .seats)
        try container.encode(!plan.refusesMAUOverage, forKey: .overageAllowed)
        try container.encode(usage.monthlyActiveUserOverage, forKey: .overage)
    }
}
