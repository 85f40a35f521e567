import FlowstaBilling
import FlowstaUsage
import Foundation

/// Billing storage in memory, answering as `FluentBillingRepository` does.
public actor InMemoryBillingRepository: BillingRepository {
    private var accounts: [UUID: BillingAccount] = [:]
    private var events: [String: Date] = [:]
    private var invoiceRows: [String: InvoiceRecord] = [:]
    private var reports: [String: UsageReportRecord] = [:]

    public init() {}

    public func account(organizationID: UUID) -> BillingAccount? { accounts[organizationID] }

    public func account(customerID: String) -> BillingAccount? { accounts.values.first { $0.customerID == customerID } }

    public func save(_ account: BillingAccount) { accounts[account.organizationID] = account }

    public func accountsWithGraceEnded(by date: Date) -> [BillingAccount] {
        accounts.values.filter { !$0.suspended && ($0.graceUntil.map { $0 <= date } ?? false) }
    }

    public func accountsWithScheduledChange(dueBy date: Date) -> [BillingAccount] {
        accounts.values.filter { $0.scheduledPlan != nil && ($0.scheduledAt.map { $0 <= date } ?? false) }
    }

    public func subscribedAccounts() -> [BillingAccount] { accounts.values.filter(\.subscribed) }

    public func recordEvent(id: String, type: String, at: Date) -> Bool {
        guard events[id] == nil else { return false }
        events[id] = at
        return true
    }

    public func forgetEvent(id: String) { events[id] = nil }

    public func upsertInvoice(_ invoice: InvoiceRecord) {
        var stored = invoice
        if let first = invoiceRows[invoice.id] {
            stored.billingName = first.billingName
            stored.billingAddress = first.billingAddress
        }
        invoiceRows[invoice.id] = stored
    }

    public func invoices(organizationID: UUID, limit: Int, before: (Date, String)?) -> [InvoiceRecord] {
        let newestFirst = invoiceRows.values.filter { $0.organizationID == organizationID }
            .sorted { ($0.issuedAt, $0.id) > ($1.issuedAt, $1.id) }
        let after = before.map { cursor in newestFirst.filter { ($0.issuedAt, $0.id) < cursor } } ?? newestFirst
        return Array(after.prefix(max(0, limit)))
    }

    private static func key(_ organizationID: UUID, _ month: UsageMonth) -> String { "\(organizationID):\(month)" }

    public func claimUsageReport(_ report: UsageReportRecord) -> Bool {
        let key = Self.key(report.organizationID, report.month)
        guard reports[key] == nil else { return false }
        reports[key] = report
        return true
    }

    public func unreportedUsage() -> [UsageReportRecord] { reports.values.filter { $0.reportedAt == nil } }

    public func markUsageReported(organizationID: UUID, month: UsageMonth, at: Date) {
        reports[Self.key(organizationID, month)]?.reportedAt = at
    }

    public func usageReports(organizationID: UUID) -> [UsageReportRecord] {
        reports.values.filter { $0.organizationID == organizationID }.sorted { $0.month < $1.month }
    }

    public func purge(recordsBefore date: Date, eventsBefore: Date) -> Int {
        let invoices = invoiceRows.filter { $0.value.issuedAt < date }.map(\.key)
        let usage = reports.filter { $0.value.claimedAt < date }.map(\.key)
        let seen = events.filter { $0.value < eventsBefore }.map(\.key)
        for id in invoices { invoiceRows[id] = nil }
        for key in usage { reports[key] = nil }
        for id in seen { events[id] = nil }
        return invoices.count + usage.count + seen.count
    }
}
