import FlowstaCore
import FlowstaPlatform
package import FlowstaStripe
import FlowstaUsage
import Foundation
import Logging

/// An organization's billing as its owners see it.
public struct BillingStatus: Sendable, Equatable {
    /// The plan whose limits apply now.
    public var plan: Plan
    public var account: BillingAccount?
    /// Plans an owner can subscribe to here.
    public var purchasablePlans: [Plan]
}

/// Billing through Stripe (P6, P8): customers, subscriptions, plan changes, webhooks, metered
/// active users and invoices. Card data never reaches Flowsta: payment methods are entered on
/// Stripe's hosted Checkout and customer portal pages.
public struct BillingService: Sendable {
    public let configuration: BillingConfiguration
    let stripe: any StripeAPI
    let repository: any BillingRepository
    let platform: PlatformService
    let mau: MAUService
    let time: any TimeSource
    let logger: Logger
    let mutex = BillingMutex()

    /// `stripe` is the package's port to Stripe (`StripeClient`, or the fake in tests); it is
    /// not part of billing's public API.
    package init(
        configuration: BillingConfiguration, stripe: any StripeAPI, repository: any BillingRepository, platform: PlatformService,
        mau: MAUService, time: any TimeSource, logger: Logger
    ) {
        self.configuration = configuration
        self.stripe = stripe
        self.repository = repository
        self.platform = platform
        self.mau = mau
        self.time = time
        self.logger = logger
    }

    // MARK: Owners

    /// The plan in force, the subscription's state and what can be bought (owners).
    public func status(_ principal: Principal, _ organizationID: UUID) async throws -> BillingStatus {
        let organization = try await platform.billingOrganization(principal, organizationID)
        return BillingStatus(
            plan: organization.plan, account: try await repository.account(organizationID: organizationID),
            purchasablePlans: configuration.purchasablePlans
        )
    }

    /// Starts a subscription to `plan` on Stripe Checkout (subscription mode): returns the URL
    /// of Stripe's hosted page, where the owner enters a payment method. Stripe sends the owner
    /// back to `page` with `?checkout=success` or `?checkout=cancelled`. The plan applies when
    /// Stripe reports the completed checkout (webhook).
    public func startCheckout(_ principal: Principal, _ organizationID: UUID, plan: Plan, returningTo page: String) async throws -> String {
        let organization = try await platform.billingOrganization(principal, organizationID)
        guard let price = configuration.planPrices[plan] else { throw BillingError.invalidRequest(Self.notForSale(plan, configuration)) }
        if let account = try await repository.account(organizationID: organizationID), account.subscribed {
            throw BillingError.conflict("the organization already has a subscription; change its plan instead (PUT /api/v1/orgs/{org}/plan)")
        }
        let customer = try await ensureCustomer(organization)
        var items = [StripeLineItem(price: price, quantity: 1)]
        if let overage = configuration.overagePrices[plan] { items.append(StripeLineItem(price: overage)) }
        let id = Self.id(organizationID)
        let session = try await call {
            try await stripe.createCheckoutSession(StripeCheckoutParams(
                customer: customer, mode: "subscription", lineItems: items, successURL: page + "?checkout=success", cancelURL: page + "?checkout=cancelled",
                clientReferenceID: id, metadata: ["organization_id": id, "plan": plan.rawValue], subscriptionMetadata: ["organization_id": id]
            ), idempotencyKey: nil)
        }
        guard let url = session.url else { throw BillingError.provider(ProviderFailure(kind: .refused, message: "checkout session \(session.id) has no url")) }
        return url
    }

    /// A session on Stripe's customer portal (payment methods, invoices, cancellation).
    public func portal(_ principal: Principal, _ organizationID: UUID, returnURL: String) async throws -> String {
        let organization = try await platform.billingOrganization(principal, organizationID)
        let customer = try await ensureCustomer(organization)
        return try await call { try await stripe.createPortalSession(customer: customer, returnURL: returnURL, idempotencyKey: nil) }.url
    }

    /// An owner changes the plan of a subscribed organization: up to a dearer plan at once
    /// (Stripe prorates); down to a cheaper one, or to free (cancelling), at the end of the paid
    /// period. Without a subscription a paid plan needs Checkout first.
    public func changePlan(_ principal: Principal, _ organizationID: UUID, to plan: Plan) async throws -> BillingStatus {
        try await serialized { try await change(principal, organizationID, to: plan) }
    }

    private func change(_ principal: Principal, _ organizationID: UUID, to plan: Plan) async throws -> BillingStatus {
        let organization = try await platform.billingOrganization(principal, organizationID)
        guard plan == .free || configuration.planPrices[plan] != nil else { throw BillingError.invalidRequest(Self.notForSale(plan, configuration)) }
        let now = time.now
        guard var account = try await repository.account(organizationID: organizationID), account.subscribed, let subscriptionID = account.subscriptionID else {
            guard plan == .free else {
                throw BillingError.checkoutRequired("the organization has no subscription: start one with POST /api/v1/orgs/{org}/billing/checkout")
            }
            if organization.plan != .free {
                try await platform.ensureFits(organizationID, .free)
                try await platform.applyBillingPlan(organizationID, .free)
            }
            return try await status(principal, organizationID)
        }
        let current = organization.plan
        if plan == .free {
            try await platform.ensureFits(organizationID, .free)
            let subscription = try await call {
                try await stripe.updateSubscription(id: subscriptionID, StripeSubscriptionUpdate(cancelAtPeriodEnd: true), idempotencyKey: nil)
            }
            account.cancelAtPeriodEnd = true
            account.scheduledPlan = .free
            account.scheduledAt = subscription.currentPeriodEnd
            account.currentPeriodEnd = subscription.currentPeriodEnd
            account.updatedAt = now
            try await repository.save(account)
            await platform.notifyOwners(organizationID, subject: "subscription cancelled", text: """
                The subscription was cancelled. The \(current.rawValue) plan stays until \(UTCDay.string(from: subscription.currentPeriodEnd)); \
                then the organization moves to the free plan. No further payment is taken.
                """)
            return try await status(principal, organizationID)
        }
        if plan == current {
            // Undo a scheduled downgrade or cancellation: back to the plan paid for.
            guard account.scheduledPlan != nil || account.cancelAtPeriodEnd else { return try await status(principal, organizationID) }
            _ = try await swapPrice(subscriptionID, to: plan, proration: "none", cancelAtPeriodEnd: false)
            account.cancelAtPeriodEnd = false
            account.scheduledPlan = nil
            account.scheduledAt = nil
            account.subscribedPlan = plan
            account.updatedAt = now
            try await repository.save(account)
            return try await status(principal, organizationID)
        }
        if plan.rank > current.rank {
            let subscription = try await swapPrice(subscriptionID, to: plan, proration: "create_prorations", cancelAtPeriodEnd: false)
            account.subscribedPlan = plan
            account.cancelAtPeriodEnd = false
            account.scheduledPlan = nil
            account.scheduledAt = nil
            account.currentPeriodEnd = subscription.currentPeriodEnd
            account.updatedAt = now
            try await repository.save(account)
            try await platform.applyBillingPlan(organizationID, plan)
            await platform.notifyOwners(organizationID, subject: "plan changed to \(plan.rawValue)", text: """
                The organization is now on the \(plan.rawValue) plan. Stripe charges the difference for the rest of the \
                current period on the next invoice.
                """)
        } else {
            try await platform.ensureFits(organizationID, plan)
            let subscription = try await swapPrice(subscriptionID, to: plan, proration: "none", cancelAtPeriodEnd: false)
            account.subscribedPlan = plan
            account.cancelAtPeriodEnd = false
            account.scheduledPlan = plan
            account.scheduledAt = subscription.currentPeriodEnd
            account.currentPeriodEnd = subscription.currentPeriodEnd
            account.updatedAt = now
            try await repository.save(account)
            await platform.notifyOwners(organizationID, subject: "plan change scheduled", text: """
                The organization keeps the \(current.rawValue) plan until \(UTCDay.string(from: subscription.currentPeriodEnd)), then moves to \
                the \(plan.rawValue) plan; the next invoice is for the \(plan.rawValue) plan.
                """)
        }
        return try await status(principal, organizationID)
    }

    /// Keeps the Stripe customer's name, email and address in step with the business
    /// information (after an owner changed it). Best effort: logged when Stripe fails.
    public func syncCustomer(_ organizationID: UUID) async {
        do {
            guard let account = try await repository.account(organizationID: organizationID), let customer = account.customerID,
                  let organization = try await platform.organizationForBilling(organizationID) else { return }
            _ = try await stripe.updateCustomer(id: customer, Self.customerParams(organization), idempotencyKey: nil)
        } catch {
            logger.warning("billing: the Stripe customer of an organization could not be updated", metadata: ["error": "\(error)"])
        }
    }

    /// A deleted organization's subscription ends with its paid period (no renewal); restoring
    /// the organization resumes it. Best effort: logged when Stripe fails.
    public func organizationDeletionChanged(_ organizationID: UUID, deleted: Bool) async {
        do {
            try await serialized { try await stopOrResumeRenewal(organizationID, deleted: deleted) }
        } catch {
            logger.warning("billing: the subscription of a deleted or restored organization could not be updated", metadata: ["error": "\(error)"])
        }
    }

    private func stopOrResumeRenewal(_ organizationID: UUID, deleted: Bool) async throws {
        guard var account = try await repository.account(organizationID: organizationID), account.subscribed,
              let subscriptionID = account.subscriptionID else { return }
        let subscription = try await stripe.updateSubscription(id: subscriptionID, StripeSubscriptionUpdate(cancelAtPeriodEnd: deleted), idempotencyKey: nil)
        account.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd
        account.scheduledPlan = deleted ? .free : nil
        account.scheduledAt = deleted ? subscription.currentPeriodEnd : nil
        account.updatedAt = time.now
        try await repository.save(account)
    }

    // MARK: Helpers

    func ensureCustomer(_ organization: OrganizationView) async throws -> String {
        if let customer = try await repository.account(organizationID: organization.id)?.customerID { return customer }
        // A natural idempotency key: two first clicks at once make one customer.
        let customer = try await call {
            try await stripe.createCustomer(Self.customerParams(organization), idempotencyKey: "flowsta-customer-" + Self.id(organization.id))
        }
        // Read again after the call: a webhook may have changed the account meanwhile.
        var account = try await repository.account(organizationID: organization.id) ?? BillingAccount(organizationID: organization.id, updatedAt: time.now)
        account.customerID = customer.id
        account.updatedAt = time.now
        try await repository.save(account)
        return customer.id
    }

    static func customerParams(_ organization: OrganizationView) -> StripeCustomerParams {
        StripeCustomerParams(
            name: organization.name, email: organization.contactEmail, address: address(organization.billingAddress),
            metadata: ["organization_id": id(organization.id)]
        )
    }

    /// The free-form billing address as Stripe's lines: the first line, then the rest.
    static func address(_ text: String?) -> StripeAddress? {
        let lines = (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = lines.first else { return nil }
        let rest = lines.dropFirst().joined(separator: ", ")
        return StripeAddress(line1: first, line2: rest.isEmpty ? nil : rest)
    }

    func swapPrice(_ subscriptionID: String, to plan: Plan, proration: String, cancelAtPeriodEnd: Bool) async throws -> StripeSubscription {
        guard let price = configuration.planPrices[plan] else { throw BillingError.invalidRequest(Self.notForSale(plan, configuration)) }
        let subscription = try await call { try await stripe.subscription(id: subscriptionID) }
        var items: [StripeSubscriptionUpdate.Item] = []
        for item in subscription.items {
            if configuration.plan(forPrice: item.priceID) != nil {
                items.append(.init(id: item.id, price: price))
            } else if let overage = configuration.overagePrices[plan], configuration.overagePrices.values.contains(item.priceID) {
                items.append(.init(id: item.id, price: overage))
            }
        }
        guard !items.isEmpty else { throw BillingError.conflict("the subscription has no price of a Flowsta plan") }
        return try await call {
            try await stripe.updateSubscription(
                id: subscriptionID, StripeSubscriptionUpdate(items: items, prorationBehavior: proration, cancelAtPeriodEnd: cancelAtPeriodEnd), idempotencyKey: nil
            )
        }
    }

    /// Runs a Stripe call, wrapping its failure as ``BillingError/provider(_:)``.
    func call<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StripeError {
            logger.warning("billing: Stripe call failed", metadata: ["kind": "\(error.kind.rawValue)", "status": "\(error.status ?? 0)", "request_id": "\(error.requestID ?? "-")"])
            throw BillingError.provider(ProviderFailure(error))
        }
    }

    static func notForSale(_ plan: Plan, _ configuration: BillingConfiguration) -> String {
        let plans = configuration.purchasablePlans.map(\.rawValue).joined(separator: ", ")
        return plan == .enterprise
            ? "the enterprise plan is arranged with Flowsta, not bought here; plans for sale: \(plans)"
            : "the \(plan.rawValue) plan is not for sale here; plans for sale: \(plans)"
    }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

}

extension ProviderFailure {
    init(_ error: StripeError) {
        switch error.kind {
        case .network, .api, .rateLimited: self.init(kind: .unreachable, message: error.description)
        case .card, .invalidRequest, .authentication, .permission, .idempotency, .decoding: self.init(kind: .refused, message: error.description)
        }
    }
}
