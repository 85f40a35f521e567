import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// Usage charts (requests, error rate, latency percentiles over time, per app, with a range),
/// monthly active users per app, and the audit log.
extension DashboardController {
    func addUsageRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orgs/:org/usage", use: usagePage)
        group.get("orgs/:org/mau", use: mauPage)
        group.get("orgs/:org/audit", use: auditPage)
    }

    static let ranges: [(days: Int, label: String)] = [(1, "Last 24 hours"), (7, "Last 7 days"), (30, "Last 30 days"), (90, "Last 90 days"), (365, "Last year")]

    @Sendable func usagePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let query = request.uri.queryParameters
        let (days, granularity, from, to) = Self.range(query["days"], now: time.now)
        let apps = try await allApps(session, org)
        var appID: UUID?
        if let raw = query["app"], !raw.isEmpty {
            guard let id = UUID(uuidString: String(raw)), apps.contains(where: { $0.id == id }) else { throw PlatformError.notFound }
            appID = id
        }
        let report = try await usage.report(organizationID: org.id, from: from, to: to, granularity: granularity, appID: appID)

        let labels = report.series.map { Self.periodLabel($0.periodStart, granularity) }
        let requests = SVGChart(
            id: "requests-chart", title: "Requests per \(granularity.rawValue)", kind: .bars, labels: labels,
            series: [SVGChart.Series(name: "Requests", values: report.series.map { Double($0.requests) })],
            format: { Self.count($0) }
        )
        let errors = SVGChart(
            id: "errors-chart", title: "Error rate (4xx and 5xx) per \(granularity.rawValue)", kind: .lines, labels: labels,
            series: [SVGChart.Series(name: "Error rate", values: report.series.map { $0.requests == 0 ? nil : $0.errorRate * 100 })],
            format: { String(format: "%.1f %%", $0) }
        )
        let latency = SVGChart(
            id: "latency-chart", title: "Latency per \(granularity.rawValue) (milliseconds)", kind: .lines, labels: labels,
            series: [
                SVGChart.Series(name: "p50", values: report.series.map { $0.p50.map { $0 * 1000 } }),
                SVGChart.Series(name: "p95", values: report.series.map { $0.p95.map { $0 * 1000 } }),
                SVGChart.Series(name: "p99", values: report.series.map { $0.p99.map { $0 * 1000 } }),
            ],
            format: { String(format: "%.1f ms", $0) }
        )
        let content = Dashboard.Usage(
            ranges: Self.ranges.map { Dashboard.Option(value: String($0.days), label: $0.label, selected: $0.days == days) },
            appChoices: apps.map { Dashboard.AppChoice(id: Self.id($0.id), name: $0.name, selected: $0.id == appID) },
            from: Self.minute(from), to: Self.minute(to), granularity: granularity.rawValue, days: days, appID: appID.map(Self.id) ?? "",
            requestsChart: requests.html(), errorsChart: errors.html(), latencyChart: latency.html(),
            totals: report.totals.map { row in
                Dashboard.Usage.Total(
                    group: row.group.rawValue, requests: Self.count(Double(row.requests)), clientErrors: Self.count(Double(row.clientErrors)),
                    serverErrors: Self.count(Double(row.serverErrors)), errorRate: String(format: "%.2f %%", row.errorRate * 100),
                    p50: Self.milliseconds(row.p50), p95: Self.milliseconds(row.p95), p99: Self.milliseconds(row.p99)
                )
            }
        )
        return render(frame(session, title: "Usage · \(org.name)", org: org, tab: .usage), content)
    }

    @Sendable func mauPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let apps = try await allApps(session, org)
        let month = mau.currentMonth()
        var charts: [String] = []
        for (index, app) in apps.enumerated() {
            let series = try await mau.series(appID: app.id, last: month)
            charts.append(SVGChart(
                id: "mau-chart-\(index)", title: "\(app.name): monthly active users", kind: .bars, labels: series.map { $0.month.description },
                series: [SVGChart.Series(name: "Active users", values: series.map { Double($0.activeUsers) })], format: { Self.count($0) }
            ).html())
        }
        let content = Dashboard.MonthlyActiveUsers(
            charts: charts, total: Self.count(Double(try await mau.organizationTotal(organizationID: org.id, month: month))),
            limit: org.plan.monthlyActiveUsers.map { Self.count(Double($0)) }
        )
        return render(frame(session, title: "Monthly active users · \(org.name)", org: org, tab: .mau), content)
    }

    @Sendable func auditPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let principal = Principal.user(session.user.id)
        let request = try PageCursor.request(limit: "100", cursor: request.uri.queryParameters["cursor"].map(String.init))
        let events = try await platform.auditLog(principal, org.id, page: request)
        let members = try await PlatformService.everything({ try await platform.listMembers(principal, org.id, page: $0).items }) { ($0.joinedAt, $0.userID) }
        let names = Dictionary(members.map { ($0.userID, $0.username ?? "") }, uniquingKeysWith: { first, _ in first })
        let keyLabels = try await keyLabels(session, org)
        let appNames = Dictionary(try await allApps(session, org).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = events.items.map { event in
            let actor: String = switch event.actorType {
            case "user": names[event.actorID].map { $0.isEmpty ? "a former member" : $0 } ?? "a former member"
            case "api_key": keyLabels[event.actorID] ?? "a deleted API key"
            default: event.actorType
            }
            return Dashboard.Audit.Event(time: Self.minute(event.occurredAt), actor: actor, action: event.action, target: target(event.targetType, event.targetID))
        }
        let content = Dashboard.Audit(events: rows, next: events.nextCursor)
        return render(frame(session, title: "Audit log · \(org.name)", org: org, tab: .audit), content)

        /// The target as the other pages name it (a key by name and prefix, a member by username).
        func target(_ type: String, _ id: String) -> String {
            let uuid = UUID(uuidString: id)
            switch type {
            case "api_key": return uuid.flatMap { keyLabels[$0] } ?? "a deleted API key"
            case "user": return uuid.flatMap { names[$0] }.map { $0.isEmpty ? "a former member" : "member " + $0 } ?? "a former member"
            case "organization": return "the organization"
            case "app": return uuid.flatMap { appNames[$0] }.map { "app " + $0 } ?? "a deleted app"
            default: return "\(type.replacingOccurrences(of: "_", with: " ")) \(id.prefix(8))"
            }
        }
    }

    /// The range a usage page or download asks for (`days`, default 30): hours for the last 24
    /// hours, days otherwise, ending with the current period.
    static func range(_ raw: Substring?, now: Date) -> (days: Int, granularity: UsageGranularity, from: Date, to: Date) {
        let days = raw.flatMap { Int($0) }.flatMap { value in ranges.first { $0.days == value }?.days } ?? 30
        let granularity: UsageGranularity = days == 1 ? .hour : .day
        let to = granularity.periodStart(now).addingTimeInterval(granularity == .hour ? 3600 : 86_400)
        return (days, granularity, to.addingTimeInterval(-Double(days) * 86_400), to)
    }

    static func periodLabel(_ date: Date, _ granularity: UsageGranularity) -> String {
        let text = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime])
        // "2026-11-29T13:00:00" → "13:00" for hours, "11-29" for days.
        return granularity == .hour ? String(text.dropFirst(11).prefix(5)) : String(text.dropFirst(5).prefix(5))
    }

    static func minute(_ date: Date) -> String {
        let text = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime])
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func count(_ value: Double) -> String { Int(value.rounded()).formatted() }

    static func milliseconds(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f ms", $0 * 1000) } ?? "—" }
}
