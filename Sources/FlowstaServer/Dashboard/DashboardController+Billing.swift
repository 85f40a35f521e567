import FlowstaPlatform
import Foundation
import Hummingbird

/// The plan and billing page: the plan's limits against current use and what each plan offers.
extension DashboardController {
    @Sendable func billingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        var page = base(session, title: "Plan and billing · \(org.name)", org: org, nav: "navBilling")
        page["meters"] = try await planMeters(session, org)
        page["plans"] = Plan.allCases.map { plan -> [String: Any] in
            [
                "name": plan.rawValue, "current": plan == org.plan,
                "mau": plan.monthlyActiveUsers.map { $0.formatted() } ?? "custom",
                "apps": plan.appLimit.map { $0.formatted() } ?? "unlimited",
                "seats": plan.seatLimit.map { $0.formatted() } ?? "unlimited",
                "rate": plan.apiRatePerSecond.map { "\($0)/s" } ?? "custom",
            ]
        }
        page["billingConfigured"] = false
        return pages.render("dash-billing", page)
    }
}
