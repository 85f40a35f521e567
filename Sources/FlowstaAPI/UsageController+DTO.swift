import FlowstaCore
import FlowstaHTTP
import FlowstaUsage
import FlowstaPlatform
import Foundation

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
