import FlowstaUsage
import Foundation

/// The usage report on the wire; latencies in milliseconds.
package struct UsageReportDTO: Encodable {
    package struct Row: Encodable {
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

    package var from: Date
    package var to: Date
    package var granularity: String
    package var appID: String?
    package var rows: [Row]
    package var totals: [Row]

    package init(_ report: UsageReport) {
        from = report.from
        to = report.to
        granularity = report.granularity.rawValue
        appID = report.appID?.uuidString.lowercased()
        rows = report.rows.map(Row.init)
        totals = report.totals.map(Row.init)
    }

    package enum CodingKeys: String, CodingKey {
        case from, to, granularity, rows, totals
        case appID = "app_id"
    }
}

/// The CSV export: one line per period and route group (RFC 4180, header first).
package enum UsageCSV {
    package static func render(_ report: UsageReport) -> String {
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
