import FlowstaPlatform
internal import FlowstaStripe
import FlowstaUsage
import Foundation

/// What one run of the billing job did.
public struct BillingWorkSummary: Sendable, Equatable {
    /// Grace periods that ran out (organizations moved to free limits).
    public var suspended = 0
    /// Scheduled downgrades applied.
    public var scheduledChanges = 0
    /// Months of overage sent to Stripe.
    public var usageReported = 0
    public init() {}
}

extension BillingService {
    /// The hourly billing work: ends grace periods, applies downgrades at the end of their
    /// paid period and reports the closed month's active users above each paid plan to Stripe
    /// (once: the report is claimed in the database before it is sent, and sent with an
    /// idempotency key and meter event identifier of its own).
    public func runDueWork() async throws -> BillingWorkSummary {
        try await serialized { try await dueWork() }
    }

    private func dueWork() async throws -> BillingWorkSummary {
        var summary = BillingWorkSummary()
        let now = time.now
        for var account in try await repository.accountsWithGraceEnded(by: now) {
            account.suspended = true
            account.updatedAt = now
            try await repository.save(account)
            try await platform.applyBillingPlan(account.organizationID, .free)
            summary.suspended += 1
            await platform.notifyOwners(account.organizationID, subject: "moved to free limits", text: """
                The payment is still missing 3 days after it failed, so the organization now has the free plan's limits. \
                Pay the open invoice (dashboard, billing page) and the \(account.subscribedPlan?.rawValue ?? "paid") plan comes back at once.
                """)
        }
        for var account in try await repository.accountsWithScheduledChange(dueBy: now) {
            guard let plan = account.scheduledPlan else { continue }
            account.scheduledPlan = nil
            account.scheduledAt = nil
            account.updatedAt = now
            try await repository.save(account)
            if !account.suspended, try await platform.applyBillingPlan(account.organizationID, plan) {
                await platform.notifyOwners(account.organizationID, subject: "now on the \(plan.rawValue) plan", text: "The scheduled change took effect: the organization is on the \(plan.rawValue) plan.")
            }
            summary.scheduledChanges += 1
        }
        summary.usageReported = try await reportUsage()
        return summary
    }

    /// Claims the last closed month's overage of each subscribed organization, then sends every
    /// claimed, unsent report. - Returns: how many were sent.
    func reportUsage() async throws -> Int {
        let month = mau.currentMonth().adding(-1)
        if !mau.accepts(month) {
            for account in try await repository.subscribedAccounts() where !account.suspended {
                guard let customer = account.customerID,
                      let organization = try await platform.organizationForBilling(account.organizationID),
                      organization.plan != .free, let included = organization.plan.monthlyActiveUsers else { continue }
                let active = try await mau.organizationTotal(organizationID: account.organizationID, month: month)
                guard active > included else { continue }
                _ = try await repository.claimUsageReport(UsageReportRecord(
                    organizationID: account.organizationID, month: month, customerID: customer, quantity: active - included, claimedAt: time.now
                ))
            }
        }
        var sent = 0
        for report in try await repository.unreportedUsage() {
            let key = "flowsta-mau-\(Self.id(report.organizationID))-\(report.month)"
            do {
                try await stripe.createMeterEvent(StripeMeterEvent(
                    eventName: configuration.meterEventName, customer: report.customerID, value: report.quantity, identifier: key, timestamp: time.now
                ), idempotencyKey: key)
            } catch let error as StripeError {
                logger.warning("billing: usage report not sent; retried next run", metadata: ["kind": "\(error.kind.rawValue)", "month": "\(report.month)"])
                continue
            }
            try await repository.markUsageReported(organizationID: report.organizationID, month: report.month, at: time.now)
            sent += 1
        }
        return sent
    }

    /// The organization's usage reports (for its account export).
    public func usageReports(_ organizationID: UUID) async throws -> [UsageReportRecord] {
        try await repository.usageReports(organizationID: organizationID)
    }
}
