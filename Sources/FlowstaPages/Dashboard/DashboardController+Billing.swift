import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaPlatform
import Foundation
import HTTPTypes
import Hummingbird

/// The plan and billing page: the plan's limits against current use, what each plan offers,
/// and — with billing configured — the subscription, buttons to Stripe's hosted Checkout and
/// customer portal, plan changes and the invoice history (owners).
extension DashboardController {
    func addBillingRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orgs/:org/billing", use: billingPage)
        group.post("orgs/:org/billing/checkout", use: billingCheckout)
        group.post("orgs/:org/billing/portal", use: billingPortal)
        group.post("orgs/:org/billing/plan", use: billingChangePlan)
    }

    @Sendable func billingPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try requireSession(context)
        let org = try await loadOrganization(session, context)
        var notice: String?
        switch request.uri.queryParameters["checkout"] {
        case "success": notice = "Thank you. Stripe has the payment details; the plan changes as soon as Stripe confirms the subscription (usually within seconds)."
        case "cancelled": notice = "Checkout was cancelled: nothing changed."
        default: if request.uri.queryParameters["changed"] != nil { notice = "Saved. The billing state below is up to date." }
        }
        return try await billingPage(session, org, notice: notice, error: nil, status: .ok)
    }

    func billingPage(_ session: AuthenticatedSession, _ org: OrganizationView, notice: String?, error: String?, status: HTTPResponse.Status) async throws -> Response {
        var content = Dashboard.Billing(
            meters: try await planMeters(session, org),
            plans: Plan.allCases.map { plan in
                Dashboard.Billing.PlanRow(
                    name: plan.rawValue, current: plan == org.plan, mau: plan.monthlyActiveUsers.map { $0.formatted() } ?? "custom",
                    apps: plan.appLimit.map { $0.formatted() } ?? "unlimited", seats: plan.seatLimit.map { $0.formatted() } ?? "unlimited",
                    rate: plan.apiRatePerSecond.map { "\($0)/s" } ?? "custom"
                )
            },
            billingConfigured: billing != nil, isOwner: org.allows(.manageBilling), notice: notice, error: error
        )
        var formTargets: [String] = []
        if let billing, org.allows(.manageBilling) {
            let principal = Principal.user(session.user.id)
            let state = try await billing.status(principal, org.id)
            let account = state.account
            if let account, account.subscribed {
                var subscription = Dashboard.Billing.Subscription(
                    plan: account.subscribedPlan?.rawValue ?? "—", status: account.subscriptionStatus ?? "—",
                    periodEnd: account.currentPeriodEnd.map(UTCDay.string(from:)) ?? "—"
                )
                if let scheduled = account.scheduledPlan, let at = account.scheduledAt {
                    subscription.scheduled = "Moves to the \(scheduled.rawValue) plan on \(UTCDay.string(from: at))."
                }
                if let grace = account.graceUntil, !account.suspended {
                    subscription.warning = "The last payment failed. Update the payment method before \(UTCDay.string(from: grace)), or the organization drops to the free plan's limits."
                }
                if account.suspended {
                    subscription.warning = "The payment is overdue: the organization has the free plan's limits until the open invoice is paid."
                }
                content.subscription = subscription
                content.changeChoices = ([Plan.free] + state.purchasablePlans).map { plan in
                    Dashboard.Option(value: plan.rawValue, label: plan == .free ? "free (cancel at the end of the period)" : plan.rawValue, selected: plan == org.plan)
                }
            } else {
                content.hasCheckout = !state.purchasablePlans.isEmpty
                content.checkoutPlans = state.purchasablePlans.map { Dashboard.Option(value: $0.rawValue, label: "Subscribe to \($0.rawValue)") }
            }
            content.hasCustomer = account?.customerID != nil
            // The owner check was billing.status's.
            let invoices = try await billingRecords.invoices(organizationID: org.id, limit: 24, before: nil)
            content.hasInvoices = !invoices.isEmpty
            content.invoices = invoices.map { invoice in
                Dashboard.Billing.Invoice(
                    number: invoice.number ?? invoice.id, issued: UTCDay.string(from: invoice.issuedAt),
                    period: "\(UTCDay.string(from: invoice.periodStart)) – \(UTCDay.string(from: invoice.periodEnd))",
                    total: Self.money(invoice.total, invoice.currency), status: invoice.status,
                    hosted: invoice.hostedInvoiceURL ?? "", pdf: invoice.pdfURL ?? ""
                )
            }
            formTargets = billingOrigins
        }
        return render(frame(session, title: "Plan and billing · \(org.name)", org: org, tab: .billing), content, status: status, formTargets: formTargets)
    }

    @Sendable func billingCheckout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        return try await billingAction(session, org) { billing in
            guard let plan = form.first("plan").flatMap(Plan.init(rawValue:)) else { throw PlatformError.invalidRequest("choose a plan") }
            let page = PageLinks.billing(issuer: issuer, org.id)
            return Self.redirect(try await billing.startCheckout(.user(session.user.id), org.id, plan: plan, returningTo: page))
        }
    }

    @Sendable func billingPortal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        return try await billingAction(session, org) { billing in
            Self.redirect(try await billing.portal(.user(session.user.id), org.id, returnURL: PageLinks.billing(issuer: issuer, org.id)))
        }
    }

    @Sendable func billingChangePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await form(request, context)
        let org = try await loadOrganization(session, context)
        return try await billingAction(session, org) { billing in
            guard let plan = form.first("plan").flatMap(Plan.init(rawValue:)) else { throw PlatformError.invalidRequest("choose a plan") }
            _ = try await billing.changePlan(.user(session.user.id), org.id, to: plan)
            return Self.redirect("/dashboard/orgs/\(Self.id(org.id))/billing?changed=1")
        }
    }

    /// Runs a billing action; a refusal is shown on the billing page with its status.
    func billingAction(_ session: AuthenticatedSession, _ org: OrganizationView, _ body: (BillingService) async throws -> Response) async throws -> Response {
        guard let billing else {
            return try await billingPage(session, org, notice: nil, error: BillingError.notConfigured.publicDescription, status: .conflict)
        }
        do {
            return try await body(billing)
        } catch let error as BillingError {
            return try await billingPage(session, org, notice: nil, error: error.publicDescription, status: error.status)
        } catch let error as PlatformError {
            if case .forbidden = error { throw error }
            return try await billingPage(session, org, notice: nil, error: error.publicDescription, status: error.status)
        }
    }

    /// An amount in the currency's smallest unit, e.g. "EUR 49.00".
    static func money(_ amount: Int, _ currency: String) -> String {
        let zeroDecimal: Set<String> = ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]
        let code = currency.uppercased()
        if zeroDecimal.contains(currency.lowercased()) { return "\(code) \(amount)" }
        let sign = amount < 0 ? "-" : ""
        let value = amount.magnitude  // `abs(Int.min)` would trap
        return "\(sign)\(code) \(value / 100)." + String(format: "%02d", Int(value % 100))
    }
}
