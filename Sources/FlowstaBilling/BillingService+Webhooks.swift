import FlowstaCore
import FlowstaPlatform
internal import FlowstaStripe
import FlowstaWebhooks
import Foundation

/// What a webhook delivery did.
public enum WebhookOutcome: Sendable, Equatable {
    case handled(type: String)
    /// The event id was handled before (Stripe delivers at least once).
    case duplicate
    /// An event type Flowsta does not act on.
    case ignored(type: String)
}

extension BillingService {
    /// `POST /webhooks/stripe`: verifies `Stripe-Signature` (any `v1` signature under any
    /// configured secret, 5 minutes of tolerance), handles each event id once.
    /// - Throws: ``BillingError/invalidSignature(_:)`` (nothing changed), ``BillingError/invalidEvent(_:)``.
    public func handleWebhook(payload: [UInt8], signatureHeader: String?) async throws -> WebhookOutcome {
        guard let signatureHeader, !signatureHeader.isEmpty else { throw BillingError.invalidSignature("the Stripe-Signature header is missing") }
        let event: StripeEvent
        do {
            event = try StripeWebhook.verify(payload: payload, signatureHeader: signatureHeader, secrets: configuration.webhookSecrets, now: time.now)
        } catch let error as StripeWebhookError {
            switch error {
            case .malformedPayload: throw BillingError.invalidEvent("the body is not a Stripe event")
            case .timestampOutOfTolerance: throw BillingError.invalidSignature("the Stripe-Signature timestamp is more than 5 minutes away")
            case .malformedHeader, .noSignature: throw BillingError.invalidSignature("the Stripe-Signature header has no v1 signature")
            case .signatureMismatch: throw BillingError.invalidSignature("no v1 signature matches")
            }
        }
        let handledTypes: Set<String> = [
            "checkout.session.completed", "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "invoice.finalized", "invoice.paid", "invoice.payment_failed",
        ]
        guard handledTypes.contains(event.type) else { return .ignored(type: event.type) }
        guard try await repository.recordEvent(id: event.id, type: event.type, at: time.now) else { return .duplicate }
        do {
            try await serialized { try await handle(event) }
        } catch {
            // Let Stripe's retry handle it again.
            try? await repository.forgetEvent(id: event.id)
            if let error = error as? StripeError, error.kind == .decoding {
                throw BillingError.invalidEvent("the \(event.type) event's object is not what Stripe documents")
            }
            throw error
        }
        return .handled(type: event.type)
    }

    func handle(_ event: StripeEvent) async throws {
        switch event.type {
        case "checkout.session.completed":
            let session = try event.object(as: StripeCheckoutSession.self)
            guard session.mode == "subscription", let subscriptionID = session.subscription else { return }
            guard let organizationID = (session.clientReferenceID ?? session.metadata?["organization_id"]).flatMap(UUID.init(uuidString:)) else {
                throw BillingError.invalidEvent("checkout session \(session.id) names no organization")
            }
            let subscription = try await call { try await stripe.subscription(id: subscriptionID) }
            try await apply(subscription, organizationID: organizationID)
        case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted":
            let subscription = try event.object(as: StripeSubscription.self)
            guard let organizationID = try await organization(customer: subscription.customer, metadata: subscription.metadata) else {
                logger.notice("billing: subscription event for an unknown customer ignored", metadata: ["event": "\(event.id)"])
                return
            }
            try await apply(subscription, organizationID: organizationID)
        case "invoice.finalized", "invoice.paid", "invoice.payment_failed":
            let invoice = try event.object(as: StripeInvoice.self)
            guard let customer = invoice.customer, let organizationID = try await organization(customer: customer, metadata: [:]) else {
                logger.notice("billing: invoice event for an unknown customer ignored", metadata: ["event": "\(event.id)"])
                return
            }
            try await mirror(invoice, organizationID: organizationID)
            if event.type == "invoice.payment_failed" { try await paymentFailed(organizationID, invoice) }
            if event.type == "invoice.paid" { try await paid(organizationID) }
        default:
            return
        }
    }

    func organization(customer: String, metadata: [String: String]) async throws -> UUID? {
        if let account = try await repository.account(customerID: customer) { return account.organizationID }
        return metadata["organization_id"].flatMap(UUID.init(uuidString:))
    }

    /// Follows the subscription's state: the plan its price pays for while it is in force
    /// (unless a scheduled downgrade or an unpaid grace says otherwise), free once it ended.
    func apply(_ subscription: StripeSubscription, organizationID: UUID) async throws {
        guard let organization = try await platform.organizationForBilling(organizationID) else { return }
        let now = time.now
        var account = try await repository.account(organizationID: organizationID) ?? BillingAccount(organizationID: organizationID, updatedAt: now)
        // An older subscription's late event does not overwrite the current one.
        if let current = account.subscriptionID, current != subscription.id, account.subscribed { return }
        let plan = subscription.items.lazy.compactMap { configuration.plan(forPrice: $0.priceID) }.first
        account.customerID = subscription.customer
        account.subscriptionID = subscription.id
        account.subscriptionStatus = subscription.status
        account.subscribedPlan = plan
        account.currentPeriodEnd = subscription.currentPeriodEnd
        account.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd
        account.updatedAt = now
        var effective: Plan?
        switch subscription.status {
        case "canceled", "unpaid", "incomplete_expired":
            account.subscribedPlan = nil
            account.scheduledPlan = nil
            account.scheduledAt = nil
            account.graceUntil = nil
            account.suspended = false
            effective = .free
        case "active", "trialing", "past_due":
            if subscription.cancelAtPeriodEnd, account.scheduledPlan == nil {
                // Cancelled on Stripe's portal.
                account.scheduledPlan = .free
                account.scheduledAt = subscription.currentPeriodEnd
            } else if !subscription.cancelAtPeriodEnd, account.scheduledPlan == .free {
                account.scheduledPlan = nil
                account.scheduledAt = nil
            }
            if account.suspended {
                effective = .free
            } else if let at = account.scheduledAt, now < at {
                effective = nil
            } else {
                account.scheduledPlan = nil
                account.scheduledAt = nil
                effective = plan
            }
        default:
            // incomplete, paused: wait for Stripe's next word.
            effective = nil
        }
        try await repository.save(account)
        await platform.emitWebhook(.billingUpdated, organizationID, data: [
            "subscription_status": subscription.status, "cancel_at_period_end": subscription.cancelAtPeriodEnd ? "true" : "false",
        ])
        if let effective, effective != organization.plan {
            try await platform.applyBillingPlan(organizationID, effective)
            await platform.notifyOwners(organizationID, subject: "now on the \(effective.rawValue) plan", text: effective == .free
                ? "The subscription ended; the organization is on the free plan and its limits now."
                : "The subscription is active; the organization is on the \(effective.rawValue) plan.")
        }
    }

    func mirror(_ invoice: StripeInvoice, organizationID: UUID) async throws {
        let organization = try await platform.organizationForBilling(organizationID)
        try await repository.upsertInvoice(InvoiceRecord(
            id: invoice.id, organizationID: organizationID, number: invoice.number, status: invoice.status ?? "open", currency: invoice.currency,
            amountDue: invoice.amountDue, amountPaid: invoice.amountPaid, total: invoice.total, periodStart: invoice.periodStart,
            periodEnd: invoice.periodEnd, issuedAt: invoice.created, hostedInvoiceURL: invoice.hostedInvoiceURL, pdfURL: invoice.invoicePDF,
            billingName: organization?.name ?? "", billingAddress: organization?.billingAddress, updatedAt: time.now
        ))
    }

    /// A failed payment starts the grace period (once per episode) and tells the owners.
    func paymentFailed(_ organizationID: UUID, _ invoice: StripeInvoice) async throws {
        guard var account = try await repository.account(organizationID: organizationID), account.graceUntil == nil, !account.suspended else { return }
        let until = time.now.addingTimeInterval(configuration.gracePeriod)
        account.graceUntil = until
        account.updatedAt = time.now
        try await repository.save(account)
        await platform.emitWebhook(.billingUpdated, organizationID, data: ["payment": "failed", "grace_until": until.ISO8601Format()])
        await platform.notifyOwners(organizationID, subject: "payment failed", text: """
            Stripe could not take the payment for invoice \(invoice.number ?? invoice.id). Update the payment method on the \
            dashboard's billing page before \(UTCDay.string(from: until)) (UTC); after that the organization drops to the free plan's limits \
            until the invoice is paid.
            """)
    }

    /// A paid invoice ends a grace period or a suspension.
    func paid(_ organizationID: UUID) async throws {
        guard var account = try await repository.account(organizationID: organizationID), account.graceUntil != nil || account.suspended else { return }
        let wasSuspended = account.suspended
        account.graceUntil = nil
        account.suspended = false
        account.updatedAt = time.now
        try await repository.save(account)
        await platform.emitWebhook(.billingUpdated, organizationID, data: ["payment": "received"])
        if wasSuspended, account.subscribed, let plan = account.subscribedPlan {
            try await platform.applyBillingPlan(organizationID, plan)
        }
        await platform.notifyOwners(organizationID, subject: "payment received", text: wasSuspended
            ? "The payment was received; the organization is back on the \(account.subscribedPlan?.rawValue ?? "free") plan."
            : "The payment was received; nothing changes for the organization.")
    }
}
