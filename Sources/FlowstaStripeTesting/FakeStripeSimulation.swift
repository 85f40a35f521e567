import AsyncHTTPClient
import FlowstaStripe
import Foundation

/// What Stripe does on its own after API calls (a customer paying, a period ending), each step
/// returning the webhook deliveries Stripe would send, in order, signed with the webhook secret
/// at `now()`. Every delivery is also kept in ``deliveryLog()``.
extension FakeStripe {
    static let billingPeriod: TimeInterval = 30 * 24 * 3600

    /// The customer finishes Checkout. A subscription-mode session creates the subscription
    /// (active, one item per line item, metadata from `subscription_data[metadata]`) and its
    /// first invoice, paid; deliveries: `checkout.session.completed`,
    /// `customer.subscription.created`, `invoice.finalized` (invoice still `open`),
    /// `invoice.paid`. Other modes only complete the session.
    public func completeCheckout(sessionID: String) throws -> [Delivery] {
        guard let index = checkoutSessionList.firstIndex(where: { $0.id == sessionID }) else {
            throw FakeStripeError.unknownCheckoutSession(sessionID)
        }
        guard checkoutSessionList[index].status == "open" else { throw FakeStripeError.checkoutSessionNotOpen(sessionID) }
        var session = checkoutSessionList[index]
        let time = currentTime()
        session.status = "complete"
        session.url = nil

        guard session.mode == "subscription" else {
            session.paymentStatus = session.mode == "setup" ? "no_payment_required" : "paid"
            checkoutSessionList[index] = session
            return [record(event("checkout.session.completed", object: session.json))]
        }

        var subscription = Subscription(
            id: newID("sub_"), customer: session.customer, status: "active", currentPeriodStart: time,
            currentPeriodEnd: time.addingTimeInterval(Self.billingPeriod), cancelAtPeriodEnd: false,
            items: session.lineItems.map { Subscription.Item(id: newID("si_"), price: $0.price, quantity: $0.quantity) },
            metadata: session.subscriptionMetadata, created: time, canceledAt: nil, endedAt: nil, latestInvoice: nil)
        var invoice = makeInvoice(for: subscription, reason: "subscription_create", periodStart: time, periodEnd: time)
        subscription.latestInvoice = invoice.id
        session.subscription = subscription.id
        session.paymentStatus = "paid"
        checkoutSessionList[index] = session
        subscriptionList.append(subscription)

        var result = [
            event("checkout.session.completed", object: session.json),
            event("customer.subscription.created", object: subscription.json(prices: prices)),
            event("invoice.finalized", object: invoice.json(prices: prices)),
        ]
        invoice.status = "paid"
        invoice.amountPaid = invoice.amountDue
        invoiceList.append(invoice)
        result.append(event("invoice.paid", object: invoice.json(prices: prices)))
        return result.map(record)
    }

    /// The next period's payment fails: the period advances, a new invoice stays `open`, the
    /// subscription goes `past_due`; deliveries: `invoice.finalized`, `invoice.payment_failed`,
    /// `customer.subscription.updated`.
    public func failPayment(subscriptionID: String) throws -> [Delivery] {
        let index = try activeSubscriptionIndex(subscriptionID)
        let before = subscriptionList[index].json(prices: prices)
        let invoice = advancePeriod(index)
        subscriptionList[index].status = "past_due"
        invoiceList.append(invoice)
        return [
            event("invoice.finalized", object: invoice.json(prices: prices)),
            event("invoice.payment_failed", object: invoice.json(prices: prices)),
            event("customer.subscription.updated", object: subscriptionList[index].json(prices: prices), previous: before),
        ].map(record)
    }

    /// The customer pays what is open: each open invoice becomes `paid` (`invoice.paid` each),
    /// and a `past_due`/`unpaid` subscription becomes `active` (`customer.subscription.updated`).
    public func payOpenInvoices(subscriptionID: String) throws -> [Delivery] {
        let index = try activeSubscriptionIndex(subscriptionID)
        var result: [Delivery] = []
        for invoiceIndex in invoiceList.indices where invoiceList[invoiceIndex].subscription == subscriptionID && invoiceList[invoiceIndex].status == "open" {
            invoiceList[invoiceIndex].status = "paid"
            invoiceList[invoiceIndex].amountPaid = invoiceList[invoiceIndex].amountDue
            result.append(event("invoice.paid", object: invoiceList[invoiceIndex].json(prices: prices)))
        }
        if subscriptionList[index].status != "active" {
            let before = subscriptionList[index].json(prices: prices)
            subscriptionList[index].status = "active"
            result.append(event("customer.subscription.updated", object: subscriptionList[index].json(prices: prices), previous: before))
        }
        return result.map(record)
    }

    /// The period ends. With `cancel_at_period_end` the subscription ends (`canceled`;
    /// `customer.subscription.deleted`); otherwise the period advances 30 days with a paid
    /// invoice: `invoice.finalized`, `invoice.paid`, `customer.subscription.updated`.
    public func renew(subscriptionID: String) throws -> [Delivery] {
        let index = try activeSubscriptionIndex(subscriptionID)
        if subscriptionList[index].cancelAtPeriodEnd {
            subscriptionList[index].status = "canceled"
            subscriptionList[index].canceledAt = currentTime()
            subscriptionList[index].endedAt = subscriptionList[index].currentPeriodEnd
            return [record(event("customer.subscription.deleted", object: subscriptionList[index].json(prices: prices)))]
        }
        let before = subscriptionList[index].json(prices: prices)
        var invoice = advancePeriod(index)
        let finalized = event("invoice.finalized", object: invoice.json(prices: prices))
        invoice.status = "paid"
        invoice.amountPaid = invoice.amountDue
        invoiceList.append(invoice)
        return [
            finalized,
            event("invoice.paid", object: invoice.json(prices: prices)),
            event("customer.subscription.updated", object: subscriptionList[index].json(prices: prices), previous: before),
        ].map(record)
    }

    /// POSTs each delivery to `url` as Stripe does (`Content-Type: application/json`,
    /// `Stripe-Signature`) and returns the status codes, in order.
    public nonisolated func deliver(_ deliveries: [Delivery], to url: URL, httpClient: HTTPClient = .shared) async throws -> [Int] {
        var statuses: [Int] = []
        for delivery in deliveries {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "Stripe-Signature", value: delivery.signatureHeader)
            request.headers.add(name: "User-Agent", value: "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            request.body = .bytes(delivery.payload)
            let response = try await httpClient.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            statuses.append(Int(response.status.code))
        }
        return statuses
    }

    // MARK: Parts

    /// An event for `object`, signed; `previous` adds `data.previous_attributes` with the
    /// top-level fields that changed.
    func event(_ type: String, object: FakeJSON, previous: FakeJSON? = nil) -> Delivery {
        let time = currentTime()
        let id = newID("evt_", length: 24)
        var data: [String: FakeJSON] = ["object": object]
        if case .object(let old)? = previous, case .object(let new) = object {
            data["previous_attributes"] = .object(old.filter { new[$0.key] != $0.value })
        }
        let payload: FakeJSON = [
            "id": .string(id), "object": "event", "api_version": .string(StripeConfiguration.apiVersion), "created": .time(time),
            "type": .string(type), "livemode": false, "pending_webhooks": 1, "data": .object(data),
            "request": ["id": nil, "idempotency_key": nil],
        ]
        let bytes = payload.bytes
        return Delivery(
            payload: bytes, signatureHeader: StripeWebhook.signatureHeader(payload: bytes, secret: webhookSecret, timestamp: now()),
            type: type, eventID: id)
    }

    /// Adds a delivery to the log.
    private func record(_ delivery: Delivery) -> Delivery {
        deliveries.append(delivery)
        return delivery
    }

    /// Adds a delivery caused by an API call to the log and to ``takeDeliveries()``.
    func queue(_ delivery: Delivery) {
        deliveries.append(delivery)
        pendingDeliveries.append(delivery)
    }

    private func activeSubscriptionIndex(_ id: String) throws -> Int {
        guard let index = subscriptionList.firstIndex(where: { $0.id == id }) else { throw FakeStripeError.unknownSubscription(id) }
        guard subscriptionList[index].status != "canceled" else { throw FakeStripeError.subscriptionCanceled(id) }
        return index
    }

    /// Moves the subscription to its next period and returns that period's invoice (`open`,
    /// not yet stored); the invoice's own period is the one that just ended, as at Stripe.
    private func advancePeriod(_ index: Int) -> Invoice {
        let ended = (subscriptionList[index].currentPeriodStart, subscriptionList[index].currentPeriodEnd)
        subscriptionList[index].currentPeriodStart = ended.1
        subscriptionList[index].currentPeriodEnd = ended.1.addingTimeInterval(Self.billingPeriod)
        let invoice = makeInvoice(for: subscriptionList[index], reason: "subscription_cycle", periodStart: ended.0, periodEnd: ended.1)
        subscriptionList[index].latestInvoice = invoice.id
        return invoice
    }

    /// A finalized, `open` invoice for the subscription's current period; each line costs the
    /// price's unit amount times the quantity (1 when none, as for metered prices).
    private func makeInvoice(for subscription: Subscription, reason: String, periodStart: Date, periodEnd: Date) -> Invoice {
        invoiceCount += 1
        let id = newID("in_", length: 24)
        let lines = subscription.items.map { item in
            Invoice.Line(
                price: item.price, quantity: item.quantity, amount: prices[item.price, default: .default].unitAmount * (item.quantity ?? 1),
                periodStart: subscription.currentPeriodStart, periodEnd: subscription.currentPeriodEnd)
        }
        let total = lines.reduce(0) { $0 + $1.amount }
        let invoiceURL = baseURL.appendingPathComponent("invoices").appendingPathComponent(id).absoluteString
        return Invoice(
            id: id, number: String(format: "FLOW-%04d", invoiceCount), status: "open", customer: subscription.customer,
            subscription: subscription.id, billingReason: reason, amountDue: total, amountPaid: 0, total: total,
            currency: subscription.items.first.map { prices[$0.price, default: .default].currency } ?? Price.default.currency,
            periodStart: periodStart, periodEnd: periodEnd, created: currentTime(), hostedInvoiceURL: invoiceURL,
            invoicePDF: invoiceURL + ".pdf", lines: lines)
    }
}
