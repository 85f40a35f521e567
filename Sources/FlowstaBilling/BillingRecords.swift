import FlowstaPlatform
import FlowstaUsage
import Foundation

/// What Flowsta keeps about an organization's billing: Stripe's ids and the subscription's
/// state (never payment details: Stripe holds those).
public struct BillingAccount: Sendable, Equatable {
    public var organizationID: UUID
    public var customerID: String?
    public var subscriptionID: String?
    /// Stripe's subscription status (`active`, `past_due`, …), `nil` without a subscription.
    public var subscriptionStatus: String?
    /// The plan the subscription's price pays for.
    public var subscribedPlan: Plan?
    public var currentPeriodEnd: Date?
    public var cancelAtPeriodEnd: Bool
    /// A downgrade taking effect at ``scheduledAt`` (the end of the paid period).
    public var scheduledPlan: Plan?
    public var scheduledAt: Date?
    /// Set by a failed payment: the plan stays until then.
    public var graceUntil: Date?
    /// The grace period ran out unpaid: free limits until an invoice is paid.
    public var suspended: Bool
    public var updatedAt: Date

    public init(
        organizationID: UUID, customerID: String? = nil, subscriptionID: String? = nil, subscriptionStatus: String? = nil,
        subscribedPlan: Plan? = nil, currentPeriodEnd: Date? = nil, cancelAtPeriodEnd: Bool = false, scheduledPlan: Plan? = nil,
        scheduledAt: Date? = nil, graceUntil: Date? = nil, suspended: Bool = false, updatedAt: Date
    ) {
        self.organizationID = organizationID
        self.customerID = customerID
        self.subscriptionID = subscriptionID
        self.subscriptionStatus = subscriptionStatus
        self.subscribedPlan = subscribedPlan
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.scheduledPlan = scheduledPlan
        self.scheduledAt = scheduledAt
        self.graceUntil = graceUntil
        self.suspended = suspended
        self.updatedAt = updatedAt
    }

    /// Whether a subscription is in force (Stripe still bills it).
    public var subscribed: Bool {
        guard subscriptionID != nil, let status = subscriptionStatus else { return false }
        return ["active", "trialing", "past_due"].contains(status)
    }
}

/// An invoice mirrored from Stripe, with the billing name and address in force when it was
/// issued. Kept 7 years (P8), also after the organization is purged.
public struct InvoiceRecord: Sendable, Equatable {
    public var id: String
    public var organizationID: UUID
    public var number: String?
    public var status: String
    public var currency: String
    public var amountDue: Int
    public var amountPaid: Int
    public var total: Int
    public var periodStart: Date
    public var periodEnd: Date
    public var issuedAt: Date
    public var hostedInvoiceURL: String?
    public var pdfURL: String?
    public var billingName: String
    public var billingAddress: String?
    public var updatedAt: Date

    public init(
        id: String, organizationID: UUID, number: String?, status: String, currency: String, amountDue: Int, amountPaid: Int, total: Int,
        periodStart: Date, periodEnd: Date, issuedAt: Date, hostedInvoiceURL: String?, pdfURL: String?, billingName: String,
        billingAddress: String?, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.number = number
        self.status = status
        self.currency = currency
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.total = total
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.issuedAt = issuedAt
        self.hostedInvoiceURL = hostedInvoiceURL
        self.pdfURL = pdfURL
        self.billingName = billingName
        self.billingAddress = billingAddress
        self.updatedAt = updatedAt
    }
}

/// A month's active users above the plan, claimed before it is sent to Stripe so that it is
/// reported once.
public struct UsageReportRecord: Sendable, Equatable {
    public var organizationID: UUID
    public var month: UsageMonth
    public var customerID: String
    public var quantity: Int
    public var claimedAt: Date
    public var reportedAt: Date?

    public init(organizationID: UUID, month: UsageMonth, customerID: String, quantity: Int, claimedAt: Date, reportedAt: Date? = nil) {
        self.organizationID = organizationID
        self.month = month
        self.customerID = customerID
        self.quantity = quantity
        self.claimedAt = claimedAt
        self.reportedAt = reportedAt
    }
}

/// Storage for billing. Invoices and usage reports do not belong to the organization's row:
/// purging the organization leaves them (billing records are kept 7 years).
public protocol BillingRepository: Sendable {
    func account(organizationID: UUID) async throws -> BillingAccount?
    func account(customerID: String) async throws -> BillingAccount?
    /// Inserts or replaces the organization's account.
    func save(_ account: BillingAccount) async throws
    /// Accounts whose grace period ended by `date` and that are not suspended yet.
    func accountsWithGraceEnded(by date: Date) async throws -> [BillingAccount]
    /// Accounts with a scheduled plan change due by `date`.
    func accountsWithScheduledChange(dueBy date: Date) async throws -> [BillingAccount]
    /// Accounts with a subscription in force.
    func subscribedAccounts() async throws -> [BillingAccount]

    /// Records a webhook event id. - Returns: `false` when it was seen before.
    func recordEvent(id: String, type: String, at: Date) async throws -> Bool
    /// Forgets an event id (its handling failed, so Stripe's retry must be handled).
    func forgetEvent(id: String) async throws

    /// Inserts or updates an invoice by its Stripe id; the billing name and address of the
    /// first insert stay.
    func upsertInvoice(_ invoice: InvoiceRecord) async throws
    /// The organization's invoices, newest first.
    func invoices(organizationID: UUID, limit: Int, before: (Date, String)?) async throws -> [InvoiceRecord]

    /// Claims the month's report. - Returns: `false` when it was claimed before.
    func claimUsageReport(_ report: UsageReportRecord) async throws -> Bool
    func unreportedUsage() async throws -> [UsageReportRecord]
    func markUsageReported(organizationID: UUID, month: UsageMonth, at: Date) async throws
    func usageReports(organizationID: UUID) async throws -> [UsageReportRecord]

    /// Retention: invoices and usage reports issued before `date` (7 years), events received before `eventsBefore`.
    func purge(recordsBefore date: Date, eventsBefore: Date) async throws -> Int
}

extension BillingRepository {
    /// Every invoice of the organization, newest first (its account export).
    public func allInvoices(organizationID: UUID) async throws -> [InvoiceRecord] {
        var all: [InvoiceRecord] = []
        var cursor: (Date, String)?
        while true {
            let batch = try await invoices(organizationID: organizationID, limit: 500, before: cursor)
            all += batch
            guard batch.count == 500, let last = batch.last else { return all }
            cursor = (last.issuedAt, last.id)
        }
    }
}
