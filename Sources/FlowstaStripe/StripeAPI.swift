import Foundation

/// The part of Stripe's API Flowsta uses (https://docs.stripe.com/api), as typed calls. The
/// billing logic depends on this protocol; ``StripeClient`` implements it over HTTPS.
///
/// Every POST carries an idempotency key: the caller's when it has a natural one (the same
/// request repeated must not act twice, e.g. a month's usage), a fresh random one otherwise.
public protocol StripeAPI: Sendable {
    /// `POST /v1/customers`
    func createCustomer(_ params: StripeCustomerParams, idempotencyKey: String?) async throws -> StripeCustomer
    /// `POST /v1/customers/{id}`
    func updateCustomer(id: String, _ params: StripeCustomerParams, idempotencyKey: String?) async throws -> StripeCustomer
    /// `POST /v1/checkout/sessions`
    func createCheckoutSession(_ params: StripeCheckoutParams, idempotencyKey: String?) async throws -> StripeCheckoutSession
    /// `POST /v1/billing_portal/sessions`
    func createPortalSession(customer: String, returnURL: String, idempotencyKey: String?) async throws -> StripePortalSession
    /// `GET /v1/subscriptions/{id}`
    func subscription(id: String) async throws -> StripeSubscription
    /// `POST /v1/subscriptions/{id}`
    func updateSubscription(id: String, _ params: StripeSubscriptionUpdate, idempotencyKey: String?) async throws -> StripeSubscription
    /// `DELETE /v1/subscriptions/{id}`: cancels at once.
    func cancelSubscription(id: String) async throws -> StripeSubscription
    /// `POST /v1/billing/meter_events`
    func createMeterEvent(_ event: StripeMeterEvent, idempotencyKey: String?) async throws
}

/// A postal address as Stripe stores it (`address[...]`).
public struct StripeAddress: Sendable, Equatable, Codable {
    public var line1: String?
    public var line2: String?
    public var city: String?
    public var postalCode: String?
    public var state: String?
    public var country: String?

    public init(line1: String? = nil, line2: String? = nil, city: String? = nil, postalCode: String? = nil, state: String? = nil, country: String? = nil) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.state = state
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case line1, line2, city, state, country
        case postalCode = "postal_code"
    }
}

/// Fields sent when creating or updating a customer. `nil` leaves a field out of the request.
public struct StripeCustomerParams: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var address: StripeAddress?
    public var metadata: [String: String]

    public init(name: String? = nil, email: String? = nil, address: StripeAddress? = nil, metadata: [String: String] = [:]) {
        self.name = name
        self.email = email
        self.address = address
        self.metadata = metadata
    }
}

public struct StripeCustomer: Sendable, Equatable, Decodable {
    public var id: String
    public var name: String?
    public var email: String?
    public var metadata: [String: String]?

    public init(id: String, name: String? = nil, email: String? = nil, metadata: [String: String]? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.metadata = metadata
    }
}

/// One line of a Checkout Session: a price, with a quantity for licensed prices (metered
/// prices take none).
public struct StripeLineItem: Sendable, Equatable {
    public var price: String
    public var quantity: Int?

    public init(price: String, quantity: Int? = nil) {
        self.price = price
        self.quantity = quantity
    }
}

/// `POST /v1/checkout/sessions`: `mode` is `subscription` or `setup`.
public struct StripeCheckoutParams: Sendable, Equatable {
    public var customer: String
    public var mode: String
    public var lineItems: [StripeLineItem]
    public var successURL: String
    public var cancelURL: String
    public var clientReferenceID: String?
    public var metadata: [String: String]
    /// `subscription_data[metadata][...]` (subscription mode).
    public var subscriptionMetadata: [String: String]
    /// `currency` (lowercase ISO code): Stripe requires it in `setup` mode (when
    /// `payment_method_types` is not sent, as here); `nil` leaves it out.
    public var currency: String? = nil

    public init(
        customer: String, mode: String, lineItems: [StripeLineItem], successURL: String, cancelURL: String,
        clientReferenceID: String? = nil, metadata: [String: String] = [:], subscriptionMetadata: [String: String] = [:]
    ) {
        self.customer = customer
        self.mode = mode
        self.lineItems = lineItems
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.clientReferenceID = clientReferenceID
        self.metadata = metadata
        self.subscriptionMetadata = subscriptionMetadata
    }
}

public struct StripeCheckoutSession: Sendable, Equatable, Decodable {
    public var id: String
    public var url: String?
    public var mode: String
    public var customer: String?
    public var subscription: String?
    public var clientReferenceID: String?
    public var metadata: [String: String]?
    public var status: String?

    public init(id: String, url: String?, mode: String, customer: String?, subscription: String?, clientReferenceID: String?, metadata: [String: String]?, status: String?) {
        self.id = id
        self.url = url
        self.mode = mode
        self.customer = customer
        self.subscription = subscription
        self.clientReferenceID = clientReferenceID
        self.metadata = metadata
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, url, mode, customer, subscription, metadata, status
        case clientReferenceID = "client_reference_id"
    }
}

public struct StripePortalSession: Sendable, Equatable, Decodable {
    public var id: String
    public var url: String

    public init(id: String, url: String) {
        self.id = id
        self.url = url
    }
}

public struct StripeSubscriptionItem: Sendable, Equatable, Decodable {
    public var id: String
    public var priceID: String

    public init(id: String, priceID: String) {
        self.id = id
        self.priceID = priceID
    }

    enum CodingKeys: String, CodingKey { case id, price }
    struct Price: Decodable { var id: String }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        priceID = try container.decode(Price.self, forKey: .price).id
    }
}

/// A subscription (API version ``StripeConfiguration/apiVersion``: the period is on the
/// subscription). Times are Unix seconds in Stripe's JSON.
public struct StripeSubscription: Sendable, Equatable, Decodable {
    public var id: String
    public var customer: String
    /// `incomplete`, `incomplete_expired`, `trialing`, `active`, `past_due`, `canceled`, `unpaid`, `paused`.
    public var status: String
    public var currentPeriodStart: Date
    public var currentPeriodEnd: Date
    public var cancelAtPeriodEnd: Bool
    public var items: [StripeSubscriptionItem]
    public var metadata: [String: String]

    public init(
        id: String, customer: String, status: String, currentPeriodStart: Date, currentPeriodEnd: Date, cancelAtPeriodEnd: Bool,
        items: [StripeSubscriptionItem], metadata: [String: String] = [:]
    ) {
        self.id = id
        self.customer = customer
        self.status = status
        self.currentPeriodStart = currentPeriodStart
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.items = items
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id, customer, status, items, metadata
        case currentPeriodStart = "current_period_start"
        case currentPeriodEnd = "current_period_end"
        case cancelAtPeriodEnd = "cancel_at_period_end"
    }
    struct List: Decodable { var data: [StripeSubscriptionItem] }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        customer = try container.decode(String.self, forKey: .customer)
        status = try container.decode(String.self, forKey: .status)
        currentPeriodStart = StripeTime.date(try container.decode(Double.self, forKey: .currentPeriodStart))
        currentPeriodEnd = StripeTime.date(try container.decode(Double.self, forKey: .currentPeriodEnd))
        cancelAtPeriodEnd = try container.decodeIfPresent(Bool.self, forKey: .cancelAtPeriodEnd) ?? false
        items = try container.decode(List.self, forKey: .items).data
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
    }
}

/// `POST /v1/subscriptions/{id}`: `items[i][id]` with `items[i][price]` swaps a price;
/// `proration_behavior` is `create_prorations`, `none` or `always_invoice`.
public struct StripeSubscriptionUpdate: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var id: String?
        public var price: String?
        public init(id: String? = nil, price: String? = nil) {
            self.id = id
            self.price = price
        }
    }

    public var items: [Item]
    public var prorationBehavior: String?
    public var cancelAtPeriodEnd: Bool?
    public var metadata: [String: String]

    public init(items: [Item] = [], prorationBehavior: String? = nil, cancelAtPeriodEnd: Bool? = nil, metadata: [String: String] = [:]) {
        self.items = items
        self.prorationBehavior = prorationBehavior
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.metadata = metadata
    }
}

/// An invoice (amounts in the currency's smallest unit, times Unix seconds in Stripe's JSON).
public struct StripeInvoice: Sendable, Equatable, Decodable {
    public var id: String
    public var number: String?
    /// `draft`, `open`, `paid`, `uncollectible`, `void`.
    public var status: String?
    public var customer: String?
    public var subscription: String?
    public var amountDue: Int
    public var amountPaid: Int
    public var total: Int
    public var currency: String
    public var periodStart: Date
    public var periodEnd: Date
    public var created: Date
    public var hostedInvoiceURL: String?
    public var invoicePDF: String?

    public init(
        id: String, number: String?, status: String?, customer: String?, subscription: String?, amountDue: Int, amountPaid: Int, total: Int,
        currency: String, periodStart: Date, periodEnd: Date, created: Date, hostedInvoiceURL: String?, invoicePDF: String?
    ) {
        self.id = id
        self.number = number
        self.status = status
        self.customer = customer
        self.subscription = subscription
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.total = total
        self.currency = currency
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.created = created
        self.hostedInvoiceURL = hostedInvoiceURL
        self.invoicePDF = invoicePDF
    }

    enum CodingKeys: String, CodingKey {
        case id, number, status, customer, subscription, total, currency, created
        case amountDue = "amount_due", amountPaid = "amount_paid"
        case periodStart = "period_start", periodEnd = "period_end"
        case hostedInvoiceURL = "hosted_invoice_url", invoicePDF = "invoice_pdf"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        number = try container.decodeIfPresent(String.self, forKey: .number)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        customer = try container.decodeIfPresent(String.self, forKey: .customer)
        subscription = try container.decodeIfPresent(String.self, forKey: .subscription)
        amountDue = try container.decode(Int.self, forKey: .amountDue)
        amountPaid = try container.decode(Int.self, forKey: .amountPaid)
        total = try container.decode(Int.self, forKey: .total)
        currency = try container.decode(String.self, forKey: .currency)
        periodStart = StripeTime.date(try container.decode(Double.self, forKey: .periodStart))
        periodEnd = StripeTime.date(try container.decode(Double.self, forKey: .periodEnd))
        created = StripeTime.date(try container.decode(Double.self, forKey: .created))
        hostedInvoiceURL = try container.decodeIfPresent(String.self, forKey: .hostedInvoiceURL)
        invoicePDF = try container.decodeIfPresent(String.self, forKey: .invoicePDF)
    }
}

/// `POST /v1/billing/meter_events`: `value` units of `eventName` for the customer;
/// `identifier` lets Stripe drop a repeat of the same event.
public struct StripeMeterEvent: Sendable, Equatable {
    public var eventName: String
    public var customer: String
    public var value: Int
    public var identifier: String
    public var timestamp: Date

    public init(eventName: String, customer: String, value: Int, identifier: String, timestamp: Date) {
        self.eventName = eventName
        self.customer = customer
        self.value = value
        self.identifier = identifier
        self.timestamp = timestamp
    }
}

/// A webhook event, verified (see ``StripeWebhook``). `object` is `data.object` as raw JSON,
/// decoded by type with ``object(as:)``.
public struct StripeEvent: Sendable, Equatable {
    public var id: String
    public var type: String
    public var created: Date
    public var object: Data

    public init(id: String, type: String, created: Date, object: Data) {
        self.id = id
        self.type = type
        self.created = created
        self.object = object
    }

    public func object<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: object)
        } catch {
            throw StripeError(kind: .decoding, status: nil, message: "event \(id) (\(self.type)): data.object is not a \(T.self): \(error)")
        }
    }
}

/// Stripe's Unix times, kept within 1970–9999 whatever a payload says (a date far outside would
/// trap the PostgreSQL driver when stored).
enum StripeTime {
    static func date(_ seconds: Double) -> Date {
        Date(timeIntervalSince1970: seconds.isNaN ? 0 : min(max(seconds, 0), 253_402_300_799))
    }
}
