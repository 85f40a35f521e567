import FlowstaHTTP
import FlowstaAccounts
import FlowstaCore
import FlowstaPlatform
import FlowstaUsage
import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/orgs/{org}/usage`: request counts, error rates and latency percentiles per period
/// and route group, as JSON or as a CSV/JSON download (the policy's "export usage analytics").
struct UsageController {
    let accounts: AccountService
    let platform: PlatformService
    let usage: UsageService
    let mau: MAUService
    let logs: any APILogRepository
    let apps: any AppRepository
    let limiter: any APIRateLimiter
    let cookies: SessionCookies
    let time: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = PrincipalMiddleware.managementGroup(router, accounts: accounts, platform: platform, limiter: limiter, cookies: cookies)
        api.get("orgs/:org/usage", use: report)
        api.get("orgs/:org/usage/export", use: export)
        api.get("orgs/:org/logs", use: apiLogs)
        api.get("orgs/:org/plan", use: plan)
        api.get("apps/:app/mau", use: monthlyActiveUsers)
    }

    /// `GET /api/v1/apps/{app}/mau?month=YYYY-MM`: the app's active users in the month (the
    /// current one by default) and the 12 months ending with it.
    @Sendable func monthlyActiveUsers(_ request: Request, context: ManagementRequestContext) async throws -> Response {
        let appID = try PlatformController.id("app", context)
        guard let stored = try await apps.app(id: appID) else { throw PlatformError.notFound }
        // The role check (and 404 for other organizations' apps).
        _ = try await platform.app(context.principal, stored.organizationID, appID)
        var month = mau.currentMonth()
        if let raw = request.uri.queryParameters["month"] {
            guard let parsed = UsageMonth(raw) else { throw UsageError.invalidMonth }
            month = parsed
        }
        let series = try await mau.series(appID: appID, last: month)
        return try JSONResponse(value: MAUDTO(appID: appID, month: month, series: series)).build()
    }

    /// `GET /api/v1/orgs/{org}/plan`: limits and current use.
    @Sendable func plan(_ request: Request, context: ManagementRequestContext) async throws -> Response {
        let organizationID = try PlatformController.id("org", context)
        return try JSONResponse(value: try await planDocument(context.principal, organizationID)).build()
    }

    func planDocument(_ principal: Principal, _ organizationID: UUID) async throws -> PlanDTO {
        let month = mau.currentMonth()
        let mau = self.mau
        let usage = try await platform.planUsage(principal, organizationID) { id in
            try await mau.organizationTotal(organizationID: id, month: month)
        }
        return PlanDTO(usage, month: month)
    }

    /// `GET /api/v1/orgs/{org}/logs`: the API log, oldest first, filtered and paged.
    @Sendable func apiLogs(_ request: Request, context: ManagementRequestContext) async throws -> Response {
        let organizationID = try PlatformController.id("org", context)
        _ = try await platform.organization(context.principal, organizationID)
        let query = request.uri.queryParameters
        var filter = APILogFilter()
        filter.from = try query["from"].map { try Self.date(String($0), field: "from") }
        filter.to = try query["to"].map { try Self.date(String($0), field: "to") }
        if let raw = query["app_id"] {
            guard let id = UUID(uuidString: String(raw)) else { throw PlatformError.notFound }
            filter.appID = try await platform.app(context.principal, organizationID, id).id
        }
        if let raw = query["key_id"] {
            guard let id = UUID(uuidString: String(raw)) else { throw PlatformError.invalidRequest("key_id must be a key id") }
            filter.keyID = id
        }
        if let raw = query["status"] {
            guard let statuses = APILogFilter.statuses(String(raw)) else { throw PlatformError.invalidRequest("status must be a status code, 4xx or 5xx") }
            filter.statuses = statuses
        }
        if let raw = query["method"] {
            let method = raw.uppercased()
            guard ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"].contains(method) else { throw PlatformError.invalidRequest("method must be an HTTP method") }
            filter.method = method
        }
        let page = try PlatformController.page(request)
        let rows = try await logs.entries(organizationID: organizationID, filter: filter, after: page.after, limit: page.limit + 1)
        let result = PageCursor.page(rows, limit: page.limit) { ($0.occurredAt, $0.id) }
        return try JSONResponse(value: PagedList(result, APILogDTO.init)).build()
    }

    @Sendable func report(_ request: Request, context: ManagementRequestContext) async throws -> Response {
        try JSONResponse(value: UsageReportDTO(try await query(request, context))).build()
    }

    @Sendable func export(_ request: Request, context: ManagementRequestContext) async throws -> Response {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard format == "csv" || format == "json" else { throw PlatformError.invalidRequest("format must be csv or json") }
        let report = try await query(request, context)
        let name = "flowsta-usage-\(UTCDay.string(from: report.from))-\(UTCDay.string(from: report.to)).\(format)"
        var response: Response
        if format == "json" {
            response = try JSONResponse(value: UsageReportDTO(report)).build()
        } else {
            response = Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: UsageCSV.render(report))))
        }
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }

    /// Parses and authorizes the query: any member (or the organization's API key) may read;
    /// `app_id` must be one of the organization's apps.
    func query(_ request: Request, _ context: ManagementRequestContext) async throws -> UsageReport {
        let organizationID = try PlatformController.id("org", context)
        _ = try await platform.organization(context.principal, organizationID)
        let query = request.uri.queryParameters
        let now = time.now
        let to = try query["to"].map { try Self.date(String($0), field: "to") } ?? UsageGranularity.hour.periodStart(now).addingTimeInterval(3600)
        let from = try query["from"].map { try Self.date(String($0), field: "from") } ?? to.addingTimeInterval(-30 * 86_400)
        guard let granularity = UsageGranularity(rawValue: query["granularity"].map(String.init) ?? "day") else {
            throw PlatformError.invalidRequest("granularity must be hour, day or month")
        }
        var appID: UUID?
        if let raw = query["app_id"] {
            guard let id = UUID(uuidString: String(raw)) else { throw PlatformError.notFound }
            appID = try await platform.app(context.principal, organizationID, id).id
        }
        return try await usage.report(organizationID: organizationID, from: from, to: to, granularity: granularity, appID: appID)
    }

    /// An RFC 3339 instant or a `YYYY-MM-DD` day (UTC midnight), from 1970 to 9999.
    static func date(_ raw: String, field: String) throws -> Date {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        guard let date = ISO8601DateFormatter().date(from: raw) ?? day.date(from: raw), StorableDate.contains(date) else {
            throw PlatformError.invalidRequest("\(field) must be an RFC 3339 date-time or YYYY-MM-DD from 1970 to 9999")
        }
        return date
    }

}

extension HTTPField.Name {
    static let contentDisposition = Self("Content-Disposition")!
}
