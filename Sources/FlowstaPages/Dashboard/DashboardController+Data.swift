import FlowstaAPI
import FlowstaHTTP
import FlowstaAccounts
import FlowstaCore
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// API logs with filters, notices, the account and usage exports, and deleting or restoring the
/// organization.
extension DashboardController {
    func addDataRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orgs/:org/logs", use: logsPage)
        group.get("notices", use: noticesPage)
        group.get("orgs/:org/export", use: exportAccount)
        group.get("orgs/:org/usage/export", use: exportUsage)
        group.get("orgs/:org/settings", use: settingsPage)
        group.post("orgs/:org/delete", use: deleteOrganization)
        group.post("orgs/:org/restore", use: restoreOrganization)
    }

    @Sendable func logsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let query = request.uri.queryParameters
        let apps = try await allApps(session, org)
        var filter = APILogFilter()
        var values: [String: String] = [:]
        if let raw = query["status"], !raw.isEmpty {
            guard let statuses = APILogFilter.statuses(String(raw)) else { throw PlatformError.invalidRequest("status must be a status code, 4xx or 5xx") }
            filter.statuses = statuses
            values["status"] = String(raw)
        }
        if let raw = query["method"], !raw.isEmpty {
            let method = raw.uppercased()
            guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else { throw PlatformError.invalidRequest("method must be GET, POST, PUT, PATCH or DELETE") }
            filter.method = method
        }
        if let raw = query["app"], !raw.isEmpty {
            guard let id = UUID(uuidString: String(raw)), apps.contains(where: { $0.id == id }) else { throw PlatformError.notFound }
            filter.appID = id
        }
        let pageRequest = try PageCursor.request(limit: "50", cursor: query["cursor"].map(String.init))
        let rows = try await logs.entries(organizationID: org.id, filter: filter, after: pageRequest.after, limit: pageRequest.limit + 1)
        let result = PageCursor.page(rows, limit: pageRequest.limit) { ($0.occurredAt, $0.id) }
        let names = Dictionary(apps.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let keyLabels = try await keyLabels(session, org)
        var content = Dashboard.Logs(
            entries: result.items.map { entry in
                Dashboard.Logs.Entry(
                    time: Self.minute(entry.occurredAt) + String(format: ":%02d", Int(entry.occurredAt.timeIntervalSince1970) % 60),
                    method: entry.method, route: entry.route, status: entry.status, failed: entry.status >= 400,
                    latency: String(format: "%.1f ms", entry.latencyMilliseconds),
                    caller: entry.appID.map { names[$0] ?? "deleted app " + String(Self.id($0).prefix(8)) }
                        ?? entry.keyID.map { keyLabels[$0] ?? "deleted API key" } ?? "management API",
                    requestID: entry.requestID
                )
            },
            statusValue: values["status"] ?? "",
            methods: ["", "GET", "POST", "PUT", "PATCH", "DELETE"].map { Dashboard.Option(value: $0, label: $0.isEmpty ? "Any" : $0, selected: $0 == (filter.method ?? "")) },
            appChoices: apps.map { Dashboard.AppChoice(id: Self.id($0.id), name: $0.name, selected: $0.id == filter.appID) }
        )
        if let next = result.nextCursor {
            var items = [URLQueryItem(name: "cursor", value: next)]
            for name in ["status", "method", "app"] { if let value = query[Substring(name)], !value.isEmpty { items.append(URLQueryItem(name: name, value: String(value))) } }
            var components = URLComponents()
            components.queryItems = items
            content.next = components.percentEncodedQuery ?? ""
        }
        return render(frame(session, title: "API logs · \(org.name)", org: org, tab: .logs), content)
    }

    @Sendable func noticesPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let all = try await PlatformService.everything({ try await notices.list(page: $0).items }) { ($0.publishedAt, $0.id) }
        let content = Dashboard.Notices(notices: all.reversed().map { notice in
            Dashboard.Notices.Notice(
                kind: notice.kind.rawValue, title: notice.title, body: notice.body, published: UTCDay.string(from: notice.publishedAt),
                effective: UTCDay.string(from: notice.effectiveAt)
            )
        })
        return render(frame(session, title: "Notices"), content)
    }

    @Sendable func settingsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        return settings(session, org, errors: [:], status: .ok)
    }

    func settings(_ session: AuthenticatedSession, _ org: OrganizationView, errors: [String: String], status: HTTPResponse.Status) -> Response {
        let content = Dashboard.Settings(isOwner: org.allows(.manageOrganization), isDeleted: org.deletedAt != nil, errors: errors)
        return render(frame(session, title: "Data and deletion · \(org.name)", org: org, tab: .settings), content, status: status)
    }

    /// The organization's account data as one JSON document (owners; as `GET /api/v1/orgs/{org}/export`).
    @Sendable func exportAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        return try await OrganizationDataController.exportResponse(
            .user(session.user.id), try Self.uuid("org", context), platform: platform, usage: usage, mau: mau, notices: notices,
            billingRecords: billingRecords, now: time.now
        )
    }

    /// Usage as CSV or JSON for the usage page's range and app.
    @Sendable func exportUsage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        let query = request.uri.queryParameters
        let format = query["format"].map(String.init) ?? "csv"
        guard format == "csv" || format == "json" else { throw PlatformError.invalidRequest("format must be csv or json") }
        let (_, granularity, from, to) = Self.range(query["days"], now: time.now)
        var appID: UUID?
        if let raw = query["app"], !raw.isEmpty {
            guard let id = UUID(uuidString: String(raw)) else { throw PlatformError.notFound }
            appID = try await platform.app(.user(session.user.id), org.id, id).id
        }
        let report = try await usage.report(organizationID: org.id, from: from, to: to, granularity: granularity, appID: appID)
        var response = format == "json"
            ? try JSONResponse(value: UsageReportDTO(report)).build()
            : Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: UsageCSV.render(report))))
        response.headers[.contentDisposition] = "attachment; filename=\"flowsta-usage-\(UTCDay.string(from: report.from))-\(UTCDay.string(from: report.to)).\(format)\""
        return response
    }

    /// Owners delete the organization after typing its name.
    @Sendable func deleteOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        guard form.first("confirm_name")?.trimmingCharacters(in: .whitespaces) == org.name else {
            return settings(session, org, errors: ["confirm_name": "Type the organization's name exactly to confirm."], status: .badRequest)
        }
        _ = try await platform.deleteOrganization(.user(session.user.id), org.id)
        await billing?.organizationDeletionChanged(org.id, deleted: true)
        return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/settings")
    }

    @Sendable func restoreOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let id = try Self.uuid("org", context)
        _ = try await platform.restoreOrganization(.user(session.user.id), id)
        await billing?.organizationDeletionChanged(id, deleted: false)
        return Self.redirect("/dashboard/orgs/\(Self.id(id))")
    }
}
