import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaPlatform
import FlowstaCore
import FlowstaUsage
import Foundation
import Hummingbird

/// The developer's rights over the organization's account data (P9): export it as one JSON
/// document, delete the organization (deactivated at once, restorable for 30 days, then purged)
/// and restore it. Owners, signed in.
package struct OrganizationDataController {
    let accounts: AccountService
    let platform: PlatformService
    let usage: UsageService
    let mau: MAUService
    let notices: NoticeService
    let billing: BillingService?
    let billingRecords: any BillingRepository
    let limiter: any APIRateLimiter
    let cookies: SessionCookies
    let time: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = PrincipalMiddleware.managementGroup(router, accounts: accounts, platform: platform, limiter: limiter, cookies: cookies)
        api.delete("orgs/:org", use: delete)
        api.post("orgs/:org/restore", use: restore)
        api.get("orgs/:org/export", use: export)
    }

    typealias Context = ManagementRequestContext

    @Sendable func delete(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let organizationID = try PlatformController.id("org", context)
        let view = try await platform.deleteOrganization(context.principal, organizationID)
        await billing?.organizationDeletionChanged(organizationID, deleted: true)
        return JSONResponse(value: PlatformController.OrganizationDTO(view: view))
    }

    @Sendable func restore(_ request: Request, context: Context) async throws -> some ResponseGenerator {
        let organizationID = try PlatformController.id("org", context)
        let view = try await platform.restoreOrganization(context.principal, organizationID)
        await billing?.organizationDeletionChanged(organizationID, deleted: false)
        return JSONResponse(value: PlatformController.OrganizationDTO(view: view))
    }

    /// `GET /api/v1/orgs/{org}/export`: organization, members, invites, apps, key metadata, the
    /// audit log, daily usage for the retention window (in yearly reports), MAU counts per app
    /// and month, notices.
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        try await Self.exportResponse(
            context.principal, try PlatformController.id("org", context), platform: platform, usage: usage, mau: mau, notices: notices,
            billingRecords: billingRecords, now: time.now
        )
    }

    /// The export as a JSON attachment (the API's and the dashboard's download).
    package static func exportResponse(
        _ principal: Principal, _ organizationID: UUID, platform: PlatformService, usage: UsageService, mau: MAUService, notices: NoticeService,
        billingRecords: any BillingRepository, now: Date
    ) async throws -> Response {
        let data = try await platform.exportOrganization(principal, organizationID)
        // Daily usage over the whole retention window, in reports of at most a year each.
        let end = UsageGranularity.day.periodStart(now).addingTimeInterval(86_400)
        var reports: [UsageReportDTO] = []
        var from = end.addingTimeInterval(-Double(UsageRetention.days) * 86_400)
        while from < end {
            let to = min(end, from.addingTimeInterval(UsageService.maximumRange))
            reports.append(UsageReportDTO(try await usage.report(organizationID: organizationID, from: from, to: to, granularity: .day, appID: nil)))
            from = to
        }
        var mauCounts: [ExportDTO.MAUMonth] = []
        for app in data.apps {
            for count in try await mau.series(appID: app.id, last: mau.currentMonth(), months: MAUService.keptMonths + 1) where count.activeUsers > 0 {
                mauCounts.append(ExportDTO.MAUMonth(appID: app.id.uuidString.lowercased(), month: count.month.description, mau: count.activeUsers, closed: count.closed))
            }
        }
        // Billing records (P8) are the organization's account data too.
        let invoices = try await billingRecords.allInvoices(organizationID: organizationID)
        let allNotices = try await PlatformService.everything({ try await notices.list(page: $0).items }) { ($0.publishedAt, $0.id) }
        let document = ExportDTO(
            exportedAt: now, organization: .init(view: data.organization), members: data.members.map { .init(view: $0) },
            invites: data.invites.map { .init(view: $0) }, apps: data.apps.map { .init(app: $0) }, apiKeys: data.keys.map { .init(view: $0) },
            auditLog: data.audit.map { .init(event: $0) }, usage: reports, mau: mauCounts, notices: allNotices.map(NoticeDTO.init),
            invoices: invoices.map(InvoiceDTO.init)
        )
        var response = try JSONResponse(value: document).build()
        response.headers[.contentDisposition] = "attachment; filename=\"flowsta-organization-\(organizationID.uuidString.lowercased()).json\""
        return response
    }

    struct ExportDTO: Encodable {
        struct MAUMonth: Encodable {
            var appID: String
            var month: String
            var mau: Int
            var closed: Bool
            enum CodingKeys: String, CodingKey {
                case month, mau, closed
                case appID = "app_id"
            }
        }

        var exportedAt: Date
        var organization: PlatformController.OrganizationDTO
        var members: [PlatformController.MemberDTO]
        var invites: [PlatformController.InviteDTO]
        var apps: [PlatformController.AppDTO]
        var apiKeys: [PlatformController.KeyDTO]
        var auditLog: [PlatformController.AuditDTO]
        /// Consecutive reports (each at most a year), oldest first.
        var usage: [UsageReportDTO]
        var mau: [MAUMonth]
        var notices: [NoticeDTO]
        /// Invoices, newest first, with the billing name and address in force when issued.
        var invoices: [InvoiceDTO]

        enum CodingKeys: String, CodingKey {
            case organization, members, invites, apps, usage, mau, notices, invoices
            case exportedAt = "exported_at"
            case apiKeys = "api_keys"
            case auditLog = "audit_log"
        }
    }
}
