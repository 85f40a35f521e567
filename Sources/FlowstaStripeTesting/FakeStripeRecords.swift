import FlowstaStripe
import Foundation

extension FakeStripe {
    /// One request the fake received, as it understood it.
    public struct Recorded: Sendable, Equatable {
        public var method: String
        public var path: String
        /// The decoded form (POST body, or query for GET/DELETE), names in literal-bracket form:
        /// `address[line1]`, `line_items[0][price]`.
        public var form: [String: String]
        public var idempotencyKey: String?
        public var stripeVersion: String?
        public var contentType: String?
        /// The status the fake answered with.
        public var status: Int
        /// Whether the answer was a stored idempotent one (nothing was done again).
        public var replayed: Bool
    }

    public struct Customer: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var email: String?
        public var address: StripeAddress?
        public var description: String?
        public var phone: String?
        public var metadata: [String: String]
        public var created: Date
    }

    public struct CheckoutSession: Sendable, Equatable {
        public var id: String
        /// `nil` once completed, as at Stripe.
        public var url: String?
        public var mode: String
        public var customer: String
        public var lineItems: [StripeLineItem]
        public var successURL: String
        public var cancelURL: String
        public var clientReferenceID: String?
        public var metadata: [String: String]
        public var subscriptionMetadata: [String: String]
        public var currency: String?
        /// `open` or `complete`.
        public var status: String
        /// `unpaid`, `paid` or `no_payment_required`.
        public var paymentStatus: String
        /// Set when a subscription-mode session completes.
        public var subscription: String?
        public var created: Date
    }

    public struct PortalSession: Sendable, Equatable {
        public var id: String
        public var customer: String
        public var returnURL: String
        public var url: String
        public var created: Date
    }

    public struct Subscription: Sendable, Equatable {
        public struct Item: Sendable, Equatable {
            public var id: String
            public var price: String
            public var quantity: Int?
        }

        public var id: String
        public var customer: String
        public var status: String
        public var currentPeriodStart: Date
        public var currentPeriodEnd: Date
        public var cancelAtPeriodEnd: Bool
        public var items: [Item]
        public var metadata: [String: String]
        public var created: Date
        public var canceledAt: Date?
        public var endedAt: Date?
        public var latestInvoice: String?
    }

    public struct Invoice: Sendable, Equatable {
        /// One line: a price over its service period.
        public struct Line: Sendable, Equatable {
            public var price: String
            public var quantity: Int?
            public var amount: Int
            public var periodStart: Date
            public var periodEnd: Date
        }

        public var id: String
        public var number: String
        /// `open`, `paid`.
        public var status: String
        public var customer: String
        public var subscription: String
        /// `subscription_create` or `subscription_cycle`.
        public var billingReason: String
        public var amountDue: Int
        public var amountPaid: Int
        public var total: Int
        public var currency: String
        /// As at Stripe, the invoice's own period looks back: for the first invoice it is the
        /// creation instant, for a renewal the period that just ended. The service period is on
        /// the lines.
        public var periodStart: Date
        public var periodEnd: Date
        public var created: Date
        public var hostedInvoiceURL: String
        public var invoicePDF: String
        public var lines: [Line]
    }

    /// A signed webhook delivery, as Stripe would POST it to an endpoint.
    public struct Delivery: Sendable, Equatable {
        /// The raw JSON body of the event.
        public var payload: [UInt8]
        /// The `Stripe-Signature` header value.
        public var signatureHeader: String
        public var type: String
        public var eventID: String
    }
}

// MARK: JSON shapes (https://docs.stripe.com/api)

extension StripeAddress {
    var fakeJSON: FakeJSON {
        [
            "line1": .text(line1), "line2": .text(line2), "city": .text(city), "postal_code": .text(postalCode),
            "state": .text(state), "country": .text(country),
        ]
    }
}

extension FakeStripe.Customer {
    var json: FakeJSON {
        [
            "id": .string(id), "object": "customer", "name": .text(name), "email": .text(email),
            "address": address?.fakeJSON ?? .null, "description": .text(description), "phone": .text(phone),
            "metadata": .map(metadata), "created": .time(created), "livemode": false, "balance": 0, "delinquent": false,
        ]
    }
}

extension FakeStripe.CheckoutSession {
    var json: FakeJSON {
        [
            "id": .string(id), "object": "checkout.session", "url": .text(url), "mode": .string(mode),
            "customer": .string(customer), "client_reference_id": .text(clientReferenceID), "metadata": .map(metadata),
            "currency": .text(currency),
            "status": .string(status), "payment_status": .string(paymentStatus), "subscription": .text(subscription),
            "success_url": .string(successURL), "cancel_url": .string(cancelURL), "created": .time(created),
            "expires_at": .time(created.addingTimeInterval(24 * 3600)), "livemode": false,
        ]
    }
}

extension FakeStripe.PortalSession {
    var json: FakeJSON {
        [
            "id": .string(id), "object": "billing_portal.session", "customer": .string(customer), "return_url": .string(returnURL),
            "url": .string(url), "created": .time(created), "livemode": false,
        ]
    }
}

extension FakeStripe.Subscription {
    func json(prices: [String: FakeStripe.Price]) -> FakeJSON {
        let items = items.map { item -> FakeJSON in
            [
                "id": .string(item.id), "object": "subscription_item", "subscription": .string(id),
                "price": prices[item.price, default: .default].json(id: item.price), "quantity": .number(item.quantity),
                "created": .time(created), "metadata": [:],
            ]
        }
        return [
            "id": .string(id), "object": "subscription", "customer": .string(customer), "status": .string(status),
            "current_period_start": .time(currentPeriodStart), "current_period_end": .time(currentPeriodEnd),
            "cancel_at_period_end": .bool(cancelAtPeriodEnd), "canceled_at": .time(canceledAt), "ended_at": .time(endedAt),
            "created": .time(created), "start_date": .time(created), "metadata": .map(metadata),
            "items": .list(items, url: "/v1/subscription_items?subscription=\(id)"), "latest_invoice": .text(latestInvoice),
            "currency": .string(self.items.first.map { prices[$0.price, default: .default].currency } ?? FakeStripe.Price.default.currency),
            "livemode": false,
        ]
    }
}

extension FakeStripe.Invoice {
    func json(prices: [String: FakeStripe.Price]) -> FakeJSON {
        let lines = lines.enumerated().map { index, line -> FakeJSON in
            [
                "id": .string("il_\(id.dropFirst(3))_\(index)"), "object": "line_item", "amount": .int(line.amount),
                "currency": .string(currency), "price": prices[line.price, default: .default].json(id: line.price),
                "quantity": .number(line.quantity), "period": ["start": .time(line.periodStart), "end": .time(line.periodEnd)],
                "subscription": .string(subscription), "type": "subscription",
            ]
        }
        return [
            "id": .string(id), "object": "invoice", "number": .string(number), "status": .string(status),
            "customer": .string(customer), "subscription": .string(subscription), "billing_reason": .string(billingReason),
            "amount_due": .int(amountDue), "amount_paid": .int(amountPaid), "amount_remaining": .int(amountDue - amountPaid),
            "subtotal": .int(total), "total": .int(total), "currency": .string(currency), "paid": .bool(status == "paid"),
            "period_start": .time(periodStart), "period_end": .time(periodEnd), "created": .time(created),
            "hosted_invoice_url": .string(hostedInvoiceURL), "invoice_pdf": .string(invoicePDF),
            "lines": .list(lines, url: "/v1/invoices/\(id)/lines"), "livemode": false,
        ]
    }
}

extension FakeStripe {
    /// A price's amount per unit, in the currency's smallest unit.
    struct Price: Sendable, Equatable {
        var unitAmount: Int
        var currency: String

        static let `default` = Price(unitAmount: 0, currency: "eur")

        func json(id: String) -> FakeJSON {
            ["id": .string(id), "object": "price", "unit_amount": .int(unitAmount), "currency": .string(currency)]
        }
    }
}
