import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaPlatform
import FlowstaUsage
import Foundation
import HTTPTypes
import Hummingbird

/// Billing through Stripe: the billing state and invoices (owners), Checkout and customer
/// portal sessions, plan changes, and Stripe's webhooks. With no Stripe key configured,
/// billing is off and the actions answer `409 billing_not_configured`.
struct BillingController {
    let accounts: AccountService
    let platform: PlatformService
    let billing: BillingService?
    let records: any BillingRepository
    let limiter: any APIRateLimiter
    let cookies: SessionCookies
    /// The server's public URL: Checkout and the portal return to the dashboard's billing page.
    let issuer: String

    /// Stripe events can carry long invoices.
    static let webhookBodyLimit = 512 * 1024

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = PrincipalMiddleware.managementGroup(router, accounts: accounts, platform: platform, limiter: limiter, cookies: cookies)
        api.get("orgs/:org/billing", use: status)
        api.post("orgs/:org/billing/checkout", use: checkout)
        api.post("orgs/:org/billing/portal", use: portal)
        api.put("orgs/:org/plan", use: changePlan)
        api.get("orgs/:org/invoices", use: invoices)
        router.post("webhooks/stripe", use: webhook)
    }

    typealias Context = ManagementRequestContext

    func configured() throws -> BillingService {
        guard let billing else { throw BillingError.notConfigured }
        return billing
    }

    /// `GET /api/v1/orgs/{org}/billing` (owners).
    @Sendable func status(_ request: Request, context: Context) async throws -> Response {
        let organizationID = try PlatformController.id("org", context)
        guard let billing else {
            let organization = try await platform.billingOrganization(context.principal, organizationID)
            return try JSONResponse(value: BillingStatusDTO(configured: false, plan: organization.plan, account: nil, purchasable: [])).build()
        }
        return try JSONResponse(value: BillingStatusDTO(try await billing.status(context.principal, organizationID))).build()
    }

    /// `POST /api/v1/orgs/{org}/billing/checkout` `{"plan": "pro"}` → `{"url": <Stripe Checkout>}`.
    @Sendable func checkout(_ request: Request, context: Context) async throws -> Response {
        let billing = try configured()
        let organizationID = try PlatformController.id("org", context)
        let plan = try await Self.plan(request)
        let page = PageLinks.billing(issuer: issuer, organizationID)
        let url = try await billing.startCheckout(context.principal, organizationID, plan: plan, returningTo: page)
        return try JSONResponse(value: URLDTO(url: url)).build()
    }

    /// `POST /api/v1/orgs/{org}/billing/portal` → `{"url": <Stripe customer portal>}`.
    @Sendable func portal(_ request: Request, context: Context) async throws -> Response {
        let billing = try configured()
        let organizationID = try PlatformController.id("org", context)
        let page = PageLinks.billing(issuer: issuer, organizationID)
        return try JSONResponse(value: URLDTO(url: try await billing.portal(context.principal, organizationID, returnURL: page))).build()
    }

    /// `PUT /api/v1/orgs/{org}/plan` `{"plan": "spark"}`: an owner changes a subscribed
    /// organization's plan (see ``BillingService/changePlan(_:_:to:)``).
    @Sendable func changePlan(_ request: Request, context: Context) async throws -> Response {
        let organizationID = try PlatformController.id("org", context)
        let plan = try await Self.plan(request)
        guard let billing else {
            // The role check first, so that API keys and members learn what they may not do.
            _ = try await platform.billingOrganization(context.principal, organizationID)
            throw BillingError.notConfigured
        }
        return try JSONResponse(value: BillingStatusDTO(try await billing.changePlan(context.principal, organizationID, to: plan))).build()
    }

    /// `GET /api/v1/orgs/{org}/invoices` (owners): newest first, paged.
    @Sendable func invoices(_ request: Request, context: Context) async throws -> Response {
        let organizationID = try PlatformController.id("org", context)
        let query = request.uri.queryParameters
        // The limit alone: this list's cursor is its own (an invoice's time and id).
        let limit = try PageCursor.request(limit: query["limit"].map(String.init), cursor: nil).limit
        var before: (Date, String)?
        if let raw = query["cursor"], !raw.isEmpty {
            guard let cursor = InvoiceCursor(String(raw)) else { throw PlatformError.invalidRequest("cursor is not a cursor of this list") }
            before = (cursor.issuedAt, cursor.id)
        }
        // Invoices outlive billing being switched off: read from the records, owners only.
        _ = try await platform.billingOrganization(context.principal, organizationID)
        let rows = try await records.invoices(organizationID: organizationID, limit: limit + 1, before: before)
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { InvoiceCursor(issuedAt: $0.issuedAt, id: $0.id).description } : nil
        return try JSONResponse(value: PagedList(items: items.map(InvoiceDTO.init), nextCursor: next)).build()
    }

    /// `POST /webhooks/stripe`: Stripe's events, verified by `Stripe-Signature`.
    @Sendable func webhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let billing = try configured()
        var request = request
        let body = try await request.collectBody(upTo: Self.webhookBodyLimit)
        let outcome = try await billing.handleWebhook(payload: Array(buffer: body), signatureHeader: request.headers[.stripeSignature])
        let text: String = switch outcome {
        case .handled(let type): "handled \(type)"
        case .duplicate: "duplicate"
        case .ignored(let type): "ignored \(type)"
        }
        return try JSONResponse(value: ["received": "true", "outcome": text]).build()
    }

    static func plan(_ request: Request) async throws -> Plan {
        struct Body: Decodable { var plan: String }
        let body = try await JSONBody.decode(Body.self, from: request)
        guard let plan = Plan(rawValue: body.plan) else { throw PlatformError.invalidRequest("plan must be one of free, spark, pro, enterprise") }
        return plan
    }
}

/// `<issued at, Unix seconds>_<invoice id>`.
struct InvoiceCursor: CustomStringConvertible {
    var issuedAt: Date
    var id: String

    init(issuedAt: Date, id: String) {
        self.issuedAt = issuedAt
        self.id = id
    }

    init?(_ text: String) {
        let parts = text.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let seconds = Int(parts[0]), let issuedAt = StorableDate.date(seconds: TimeInterval(seconds)),
              !parts[1].isEmpty, parts[1].count <= 255 else { return nil }
        self.issuedAt = issuedAt
        id = String(parts[1])
    }

    var description: String { "\(Int(StorableDate.clamped(seconds: issuedAt.timeIntervalSince1970).timeIntervalSince1970))_\(id)" }
}

struct URLDTO: Encodable { var url: String }

struct BillingStatusDTO: Encodable {
    var configured: Bool
    var plan: Plan
    var account: BillingAccount?
    var purchasable: [Plan]

    init(configured: Bool, plan: Plan, account: BillingAccount?, purchasable: [Plan]) {
        self.configured = configured
        self.plan = plan
        self.account = account
        self.purchasable = purchasable
    }

    /// Billing's state on a server where it is configured.
    init(_ status: BillingStatus) {
        self.init(configured: true, plan: status.plan, account: status.account, purchasable: status.purchasablePlans)
    }

    enum CodingKeys: String, CodingKey {
        case configured, plan, subscription, purchasable = "purchasable_plans", customer = "has_customer"
    }

    enum SubscriptionKeys: String, CodingKey {
        case status, plan, currentPeriodEnd = "current_period_end", cancelAtPeriodEnd = "cancel_at_period_end"
        case scheduledPlan = "scheduled_plan", scheduledAt = "scheduled_at", graceUntil = "grace_until", suspended
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(configured, forKey: .configured)
        try container.encode(plan.rawValue, forKey: .plan)
        try container.encode(purchasable.map(\.rawValue), forKey: .purchasable)
        try container.encode(account?.customerID != nil, forKey: .customer)
        if let account, account.subscriptionID != nil {
            var nested = container.nestedContainer(keyedBy: SubscriptionKeys.self, forKey: .subscription)
            try nested.encode(account.subscriptionStatus, forKey: .status)
            try nested.encode(account.subscribedPlan?.rawValue, forKey: .plan)
            try nested.encode(account.currentPeriodEnd, forKey: .currentPeriodEnd)
            try nested.encode(account.cancelAtPeriodEnd, forKey: .cancelAtPeriodEnd)
            try nested.encode(account.scheduledPlan?.rawValue, forKey: .scheduledPlan)
            try nested.encode(account.scheduledAt, forKey: .scheduledAt)
            try nested.encode(account.graceUntil, forKey: .graceUntil)
            try nested.encode(account.suspended, forKey: .suspended)
        } else {
            try container.encodeNil(forKey: .subscription)
        }
    }
}

struct InvoiceDTO: Encodable {
    var invoice: InvoiceRecord

    init(_ invoice: InvoiceRecord) { self.invoice = invoice }

    enum CodingKeys: String, CodingKey {
        case id, number, status, currency, total
        case amountDue = "amount_due", amountPaid = "amount_paid", periodStart = "period_start", periodEnd = "period_end"
        case issuedAt = "issued_at", hostedInvoiceURL = "hosted_invoice_url", pdfURL = "invoice_pdf"
        case billingName = "billing_name", billingAddress = "billing_address"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(invoice.id, forKey: .id)
        try container.encode(invoice.number, forKey: .number)
        try container.encode(invoice.status, forKey: .status)
        try container.encode(invoice.currency, forKey: .currency)
        try container.encode(invoice.total, forKey: .total)
        try container.encode(invoice.amountDue, forKey: .amountDue)
        try container.encode(invoice.amountPaid, forKey: .amountPaid)
        try container.encode(invoice.periodStart, forKey: .periodStart)
        try container.encode(invoice.periodEnd, forKey: .periodEnd)
        try container.encode(invoice.issuedAt, forKey: .issuedAt)
        try container.encode(invoice.hostedInvoiceURL, forKey: .hostedInvoiceURL)
        try container.encode(invoice.pdfURL, forKey: .pdfURL)
        try container.encode(invoice.billingName, forKey: .billingName)
        try container.encode(invoice.billingAddress, forKey: .billingAddress)
    }
}

extension HTTPField.Name {
    static let stripeSignature = Self("Stripe-Signature")!
}
