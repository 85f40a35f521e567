import FlowstaBilling
import FlowstaPlatform
import FlowstaUsage
import FluentKit
import Foundation
import SQLKit

/// Billing's storage on the Fluent database (SQLKit queries).
public struct FluentBillingRepository: BillingRepository {
    let store: FlowstaDatabase

    public init(store: FlowstaDatabase) { self.store = store }

    var sql: any SQLDatabase { store.sql }

    struct AccountRow: Codable {
        var organization_id: UUID
        var customer_id: String?
        var subscription_id: String?
        var subscription_status: String?
        var subscribed_plan: String?
        var current_period_end: Date?
        var cancel_at_period_end: Bool
        var scheduled_plan: String?
        var scheduled_at: Date?
        var grace_until: Date?
        var suspended: Bool
        var updated_at: Date

        static let columns = [
            "organization_id", "customer_id", "subscription_id", "subscription_status", "subscribed_plan", "current_period_end",
            "cancel_at_period_end", "scheduled_plan", "scheduled_at", "grace_until", "suspended", "updated_at",
        ]

        init(_ account: BillingAccount) {
            organization_id = account.organizationID
            customer_id = account.customerID
            subscription_id = account.subscriptionID
            subscription_status = account.subscriptionStatus
            subscribed_plan = account.subscribedPlan?.rawValue
            current_period_end = account.currentPeriodEnd
            cancel_at_period_end = account.cancelAtPeriodEnd
            scheduled_plan = account.scheduledPlan?.rawValue
            scheduled_at = account.scheduledAt
            grace_until = account.graceUntil
            suspended = account.suspended
            updated_at = account.updatedAt
        }

        var account: BillingAccount {
            BillingAccount(
                organizationID: organization_id, customerID: customer_id, subscriptionID: subscription_id, subscriptionStatus: subscription_status,
                subscribedPlan: subscribed_plan.flatMap(Plan.init(rawValue:)), currentPeriodEnd: current_period_end,
                cancelAtPeriodEnd: cancel_at_period_end, scheduledPlan: scheduled_plan.flatMap(Plan.init(rawValue:)), scheduledAt: scheduled_at,
                graceUntil: grace_until, suspended: suspended, updatedAt: updated_at
            )
        }

        var values: [any SQLExpression] {
            [
                SQLBind(organization_id), SQLBind(customer_id), SQLBind(subscription_id), SQLBind(subscription_status), SQLBind(subscribed_plan),
                SQLBind(current_period_end), SQLBind(cancel_at_period_end), SQLBind(scheduled_plan), SQLBind(scheduled_at), SQLBind(grace_until),
                SQLBind(suspended), SQLBind(updated_at),
            ]
        }
    }

    func accounts(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [BillingAccount] {
        try await filter(sql.select().columns(AccountRow.columns).from("billing_accounts")).all(decoding: AccountRow.self).map(\.account)
    }

    public func account(organizationID: UUID) async throws -> BillingAccount? {
        try await accounts { $0.where("organization_id", .equal, SQLBind(organizationID)) }.first
    }

    public func account(customerID: String) async throws -> BillingAccount? {
        try await accounts { $0.where("customer_id", .equal, SQLBind(customerID)) }.first
    }

    public func save(_ account: BillingAccount) async throws {
        let row = AccountRow(account)
        try await sql.insert(into: "billing_accounts").columns(AccountRow.columns).values(row.values)
            .onConflict(with: ["organization_id"]) { update in
                var update = update
                for column in AccountRow.columns.dropFirst() { update = update.set(excludedValueOf: column) }
                return update
            }.run()
    }

    public func accountsWithGraceEnded(by date: Date) async throws -> [BillingAccount] {
        try await accounts { $0.where("grace_until", .lessThanOrEqual, SQLBind(date)).where("suspended", .equal, SQLBind(false)) }
    }

    public func accountsWithScheduledChange(dueBy date: Date) async throws -> [BillingAccount] {
        try await accounts { $0.where("scheduled_at", .lessThanOrEqual, SQLBind(date)) }
    }

    public func subscribedAccounts() async throws -> [BillingAccount] {
        try await accounts { $0.where("subscription_status", .in, ["active", "trialing", "past_due"]) }
            .filter(\.subscribed)
    }

    public func recordEvent(id: String, type: String, at: Date) async throws -> Bool {
        let rows = try await sql.insert(into: "billing_events").columns("id", "type", "received_at")
            .values(SQLBind(id), SQLBind(type), SQLBind(at))
            .ignoringConflicts(with: ["id"])
            .returning("id").all()
        return !rows.isEmpty
    }

    public func forgetEvent(id: String) async throws {
        try await sql.delete(from: "billing_events").where("id", .equal, SQLBind(id)).run()
    }

    struct InvoiceRow: Codable {
        var id: String
        var organization_id: UUID
        var number: String?
        var status: String
        var currency: String
        var amount_due: Int
        var amount_paid: Int
        var total: Int
        var period_start: Date
        var period_end: Date
        var issued_at: Date
        var hosted_invoice_url: String?
        var pdf_url: String?
        var billing_name: String
        var billing_address: String?
        var updated_at: Date

        static let columns = [
            "id", "organization_id", "number", "status", "currency", "amount_due", "amount_paid", "total", "period_start", "period_end",
            "issued_at", "hosted_invoice_url", "pdf_url", "billing_name", "billing_address", "updated_at",
        ]
        /// What a later event may change (the billing name and address stay as issued).
        static let mutable = ["number", "status", "amount_due", "amount_paid", "total", "hosted_invoice_url", "pdf_url", "updated_at"]

        var invoice: InvoiceRecord {
            InvoiceRecord(
                id: id, organizationID: organization_id, number: number, status: status, currency: currency, amountDue: amount_due,
                amountPaid: amount_paid, total: total, periodStart: period_start, periodEnd: period_end, issuedAt: issued_at,
                hostedInvoiceURL: hosted_invoice_url, pdfURL: pdf_url, billingName: billing_name, billingAddress: billing_address,
                updatedAt: updated_at
            )
        }
    }

    public func upsertInvoice(_ invoice: InvoiceRecord) async throws {
        let values: [any SQLExpression] = [
            SQLBind(invoice.id), SQLBind(invoice.organizationID), SQLBind(invoice.number), SQLBind(invoice.status), SQLBind(invoice.currency),
            SQLBind(invoice.amountDue), SQLBind(invoice.amountPaid), SQLBind(invoice.total), SQLBind(invoice.periodStart),
            SQLBind(invoice.periodEnd), SQLBind(invoice.issuedAt), SQLBind(invoice.hostedInvoiceURL), SQLBind(invoice.pdfURL),
            SQLBind(invoice.billingName), SQLBind(invoice.billingAddress), SQLBind(invoice.updatedAt),
        ]
        try await sql.insert(into: "billing_invoices").columns(InvoiceRow.columns).values(values)
            .onConflict(with: ["id"]) { update in
                var update = update
                for column in InvoiceRow.mutable { update = update.set(excludedValueOf: column) }
                return update
            }.run()
    }

    public func invoices(organizationID: UUID, limit: Int, before: (Date, String)?) async throws -> [InvoiceRecord] {
        let select = sql.select().columns(InvoiceRow.columns).from("billing_invoices").where("organization_id", .equal, SQLBind(organizationID))
        if let (date, id) = before {
            select.where { group in
                group.where("issued_at", .lessThan, SQLBind(date))
                    .orWhere { inner in inner.where("issued_at", .equal, SQLBind(date)).where("id", .lessThan, SQLBind(id)) }
            }
        }
        return try await select.orderBy("issued_at", .descending).orderBy("id", .descending).limit(limit)
            .all(decoding: InvoiceRow.self).map(\.invoice)
    }

    struct UsageRow: Codable {
        var organization_id: UUID
        var month: String
        var customer_id: String
        var quantity: Int
        var claimed_at: Date
        var reported_at: Date?

        static let columns = ["organization_id", "month", "customer_id", "quantity", "claimed_at", "reported_at"]

        var report: UsageReportRecord? {
            UsageMonth(month).map {
                UsageReportRecord(organizationID: organization_id, month: $0, customerID: customer_id, quantity: quantity, claimedAt: claimed_at, reportedAt: reported_at)
            }
        }
    }

    public func claimUsageReport(_ report: UsageReportRecord) async throws -> Bool {
        let rows = try await sql.insert(into: "billing_usage_reports").columns(UsageRow.columns)
            .values(
                SQLBind(report.organizationID), SQLBind(report.month.description), SQLBind(report.customerID), SQLBind(report.quantity),
                SQLBind(report.claimedAt), SQLBind(report.reportedAt)
            )
            .ignoringConflicts(with: ["organization_id", "month"])
            .returning("organization_id").all()
        return !rows.isEmpty
    }

    public func unreportedUsage() async throws -> [UsageReportRecord] {
        try await sql.select().columns(UsageRow.columns).from("billing_usage_reports").where("reported_at", .is, SQLLiteral.null)
            .orderBy("claimed_at").all(decoding: UsageRow.self).compactMap(\.report)
    }

    public func markUsageReported(organizationID: UUID, month: UsageMonth, at: Date) async throws {
        try await sql.update("billing_usage_reports").set("reported_at", to: SQLBind(at))
            .where("organization_id", .equal, SQLBind(organizationID)).where("month", .equal, SQLBind(month.description)).run()
    }

    public func usageReports(organizationID: UUID) async throws -> [UsageReportRecord] {
        try await sql.select().columns(UsageRow.columns).from("billing_usage_reports").where("organization_id", .equal, SQLBind(organizationID))
            .orderBy("month").all(decoding: UsageRow.self).compactMap(\.report)
    }

    public func purge(recordsBefore date: Date, eventsBefore: Date) async throws -> Int {
        let invoices = try await store.deleteInBatches(from: "billing_invoices", key: ["id"]) { $0.where("issued_at", .lessThan, SQLBind(date)) }
        let reports = try await store.deleteInBatches(from: "billing_usage_reports", key: ["organization_id", "month"]) {
            $0.where("claimed_at", .lessThan, SQLBind(date))
        }
        let events = try await store.deleteInBatches(from: "billing_events", key: ["id"]) { $0.where("received_at", .lessThan, SQLBind(eventsBefore)) }
        return invoices + reports + events
    }
}
