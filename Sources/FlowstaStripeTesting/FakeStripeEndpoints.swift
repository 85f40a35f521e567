import FlowstaStripe
import Foundation

/// The endpoints: validate like Stripe, act, answer with Stripe's JSON.
extension FakeStripe {
    // MARK: Customers

    private static let customerSchema = ParamSchema.object([
        "name": .value, "email": .value, "description": .value, "phone": .value, "metadata": .dictionary, "expand": .expand,
        "address": .object(["line1": .value, "line2": .value, "city": .value, "postal_code": .value, "state": .value, "country": .value]),
    ])

    func createCustomer(_ form: FakeForm) throws -> FakeJSON {
        try check(form, against: Self.customerSchema)
        var customer = Customer(
            id: newID("cus_"), name: nil, email: nil, address: nil, description: nil, phone: nil, metadata: [:], created: currentTime())
        try apply(form, to: &customer)
        customerList.append(customer)
        return customer.json
    }

    func updateCustomer(id: String, _ form: FakeForm) throws -> FakeJSON {
        guard let index = customerList.firstIndex(where: { $0.id == id }) else {
            throw APIError(status: 404, code: "resource_missing", message: "No such customer: '\(id)'", param: "id")
        }
        try check(form, against: Self.customerSchema)
        try apply(form, to: &customerList[index])
        return customerList[index].json
    }

    /// Present fields overwrite, empty strings unset; `address[...]` replaces the whole
    /// address; metadata merges, an empty value deleting its key.
    private func apply(_ form: FakeForm, to customer: inout Customer) throws {
        if let email = form["email"], !email.isEmpty, !email.contains("@") || email.contains(" ") {
            throw APIError(status: 400, code: "email_invalid", message: "Invalid email address: \(email)", param: "email")
        }
        func update(_ value: inout String?, _ name: String) {
            if let given = form[name] { value = given.isEmpty ? nil : given }
        }
        update(&customer.name, "name")
        update(&customer.email, "email")
        update(&customer.description, "description")
        update(&customer.phone, "phone")
        let address = form.dictionary(under: ["address"])
        if form["address"] == "" {
            customer.address = nil
        } else if !address.isEmpty {
            func field(_ name: String) -> String? { address[name].flatMap { $0.isEmpty ? nil : $0 } }
            customer.address = StripeAddress(
                line1: field("line1"), line2: field("line2"), city: field("city"), postalCode: field("postal_code"),
                state: field("state"), country: field("country"))
        }
        customer.metadata = try merged(customer.metadata, form, under: ["metadata"])
    }

    // MARK: Checkout Sessions

    private static let checkoutSchema = ParamSchema.object([
        "customer": .value, "mode": .value, "line_items": .list(.object(["price": .value, "quantity": .value])),
        "success_url": .value, "cancel_url": .value, "client_reference_id": .value, "metadata": .dictionary,
        "subscription_data": .object(["metadata": .dictionary]), "currency": .value, "expand": .expand,
    ])

    func createCheckoutSession(_ form: FakeForm) throws -> FakeJSON {
        try check(form, against: Self.checkoutSchema)
        let customer = try existingCustomer(try required(form, "customer"), param: "customer")
        let mode = try required(form, "mode")
        try oneOf(mode, ["payment", "setup", "subscription"], param: "mode")
        let successURL = try url(required(form, "success_url"), param: "success_url")
        let cancelURL = try url(required(form, "cancel_url"), param: "cancel_url")

        var lineItems: [StripeLineItem] = []
        for index in form.indexes(under: "line_items") {
            let price = try required(form, "line_items[\(index)][price]")
            let quantity = try integer(form, "line_items[\(index)][quantity]")
            if let quantity, quantity < 1 {
                throw APIError(status: 400, message: "This value must be greater than or equal to 1.", param: "line_items[\(index)][quantity]")
            }
            lineItems.append(StripeLineItem(price: price, quantity: quantity))
        }
        // Setup mode takes no line items, and a `currency` (no `payment_method_types` here).
        if mode == "setup" {
            guard lineItems.isEmpty else {
                throw APIError(status: 400, message: "You cannot pass `line_items` in `setup` mode.", param: "line_items")
            }
            _ = try required(form, "currency")
        } else if lineItems.isEmpty {
            _ = try required(form, "line_items[0][price]")
        }
        let subscriptionMetadata = try merged([:], form, under: ["subscription_data", "metadata"])
        if mode != "subscription", form.fields.keys.contains(where: { $0.hasPrefix("subscription_data[") }) {
            throw APIError(status: 400, message: "`subscription_data` can only be used in `subscription` mode.", param: "subscription_data")
        }
        if let reference = form["client_reference_id"], reference.count > 200 {
            throw APIError(status: 400, message: "client_reference_id is longer than 200 characters.", param: "client_reference_id")
        }

        let id = newID("cs_test_", length: 58)
        let session = CheckoutSession(
            id: id, url: baseURL.appendingPathComponent("checkout").appendingPathComponent(id).absoluteString, mode: mode,
            customer: customer.id, lineItems: lineItems, successURL: successURL, cancelURL: cancelURL,
            clientReferenceID: form["client_reference_id"].flatMap { $0.isEmpty ? nil : $0 },
            metadata: try merged([:], form, under: ["metadata"]), subscriptionMetadata: subscriptionMetadata,
            currency: form["currency"].flatMap { $0.isEmpty ? nil : $0 }, status: "open",
            paymentStatus: "unpaid", subscription: nil, created: currentTime())
        checkoutSessionList.append(session)
        return session.json
    }

    // MARK: Billing portal

    private static let portalSchema = ParamSchema.object([
        "customer": .value, "return_url": .value, "configuration": .value, "locale": .value, "expand": .expand,
    ])

    func createPortalSession(_ form: FakeForm) throws -> FakeJSON {
        try check(form, against: Self.portalSchema)
        let customer = try existingCustomer(try required(form, "customer"), param: "customer")
        let returnURL = try url(required(form, "return_url"), param: "return_url")
        let id = newID("bps_", length: 24)
        let session = PortalSession(
            id: id, customer: customer.id, returnURL: returnURL,
            url: baseURL.appendingPathComponent("portal").appendingPathComponent(id).absoluteString, created: currentTime())
        portalSessionList.append(session)
        return session.json
    }

    // MARK: Subscriptions

    func retrieveSubscription(id: String, _ form: FakeForm) throws -> FakeJSON {
        try check(form, against: .object(["expand": .expand]))
        return subscriptionList[try subscriptionIndex(id)].json(prices: prices)
    }

    private static let subscriptionUpdateSchema = ParamSchema.object([
        "items": .list(.object(["id": .value, "price": .value, "quantity": .value, "deleted": .value])),
        "proration_behavior": .value, "cancel_at_period_end": .value, "metadata": .dictionary, "expand": .expand,
    ])

    /// Swaps or adds prices, sets `cancel_at_period_end`, merges metadata; queues
    /// `customer.subscription.updated` (with `previous_attributes`) when anything changed.
    func updateSubscription(id: String, _ form: FakeForm) throws -> FakeJSON {
        let index = try subscriptionIndex(id)
        try check(form, against: Self.subscriptionUpdateSchema)
        var subscription = subscriptionList[index]
        let before = subscription.json(prices: prices)

        if subscription.status == "canceled", form.fields.keys.contains(where: { !$0.hasPrefix("metadata[") && !$0.hasPrefix("expand[") }) {
            throw APIError(status: 400, message: "A canceled subscription can only update its cancellation_details and metadata.")
        }
        if let behavior = form["proration_behavior"] {
            try oneOf(behavior, ["create_prorations", "none", "always_invoice"], param: "proration_behavior")
        }
        for position in form.indexes(under: "items") {
            let prefix = "items[\(position)]"
            let quantity = try integer(form, "\(prefix)[quantity]")
            let deleted = try boolean(form, "\(prefix)[deleted]") ?? false
            if let itemID = form["\(prefix)[id]"] {
                guard let itemIndex = subscription.items.firstIndex(where: { $0.id == itemID }) else {
                    throw APIError(
                        status: 400, code: "resource_missing", message: "No such subscription item: '\(itemID)'", param: "\(prefix)[id]")
                }
                if deleted {
                    subscription.items.remove(at: itemIndex)
                    continue
                }
                if let price = form["\(prefix)[price]"] { subscription.items[itemIndex].price = price }
                if let quantity { subscription.items[itemIndex].quantity = quantity }
            } else {
                let price = try required(form, "\(prefix)[price]")
                subscription.items.append(Subscription.Item(id: newID("si_"), price: price, quantity: quantity))
            }
        }
        if let cancelAtPeriodEnd = try boolean(form, "cancel_at_period_end") {
            subscription.cancelAtPeriodEnd = cancelAtPeriodEnd
        }
        subscription.metadata = try merged(subscription.metadata, form, under: ["metadata"])

        subscriptionList[index] = subscription
        let after = subscription.json(prices: prices)
        if after != before {
            queue(event("customer.subscription.updated", object: after, previous: before))
        }
        return after
    }

    /// Cancels at once (status `canceled`); queues `customer.subscription.deleted`.
    func cancelSubscription(id: String, _ form: FakeForm) throws -> FakeJSON {
        let index = try subscriptionIndex(id)
        try check(form, against: .object(["invoice_now": .value, "prorate": .value, "expand": .expand]))
        guard subscriptionList[index].status != "canceled" else {
            throw APIError(status: 400, message: "This subscription is already canceled: '\(id)'.")
        }
        let time = currentTime()
        subscriptionList[index].status = "canceled"
        subscriptionList[index].canceledAt = time
        subscriptionList[index].endedAt = time
        let json = subscriptionList[index].json(prices: prices)
        queue(event("customer.subscription.deleted", object: json))
        return json
    }

    // MARK: Meter events

    private static let meterEventSchema = ParamSchema.object([
        "event_name": .value, "payload": .dictionary, "identifier": .value, "timestamp": .value, "expand": .expand,
    ])

    /// Records the event once per `identifier`: a repeat answers 200 with the event but is not
    /// counted again (Stripe enforces identifier uniqueness over at least 24 hours).
    func createMeterEvent(_ form: FakeForm) throws -> FakeJSON {
        try check(form, against: Self.meterEventSchema)
        let eventName = try required(form, "event_name")
        let customer = try existingCustomer(try required(form, "payload[stripe_customer_id]"), param: "payload[stripe_customer_id]")
        guard let value = try integer(form, "payload[value]") else {
            throw APIError(status: 400, code: "parameter_missing", message: "Missing required param: payload[value].", param: "payload[value]")
        }
        let time = currentTime()
        let timestamp = try integer(form, "timestamp").map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? time
        guard timestamp >= time.addingTimeInterval(-35 * 24 * 3600), timestamp <= time.addingTimeInterval(5 * 60) else {
            throw APIError(
                status: 400, message: "The timestamp must be within the past 35 calendar days or up to 5 minutes in the future.",
                param: "timestamp")
        }
        let identifier = form["identifier"].flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString
        if meterEventIdentifiers.insert(identifier).inserted {
            meterEventList.append(StripeMeterEvent(eventName: eventName, customer: customer.id, value: value, identifier: identifier, timestamp: timestamp))
        }
        return [
            "object": "billing.meter_event", "event_name": .string(eventName), "identifier": .string(identifier),
            "payload": .map(form.dictionary(under: ["payload"])), "timestamp": .time(timestamp), "created": .time(time),
            "livemode": false,
        ]
    }

    // MARK: Validation

    /// 400 `parameter_unknown` for a name the endpoint does not take, as Stripe answers.
    private func check(_ form: FakeForm, against schema: ParamSchema) throws {
        guard let (param, unknown) = schema.firstMismatch(in: form) else { return }
        if unknown {
            throw APIError(status: 400, code: "parameter_unknown", message: "Received unknown parameter: \(param)", param: param)
        }
        throw APIError(status: 400, message: "Invalid parameter shape: \(param)", param: param)
    }

    private func required(_ form: FakeForm, _ name: String) throws -> String {
        guard let value = form[name] else {
            throw APIError(status: 400, code: "parameter_missing", message: "Missing required param: \(name).", param: name)
        }
        guard !value.isEmpty else {
            throw APIError(
                status: 400, code: "parameter_invalid_empty",
                message: "You passed an empty string for '\(name)'. You should remove '\(name)' from your request or supply a non-empty value.",
                param: name)
        }
        return value
    }

    private func integer(_ form: FakeForm, _ name: String) throws -> Int? {
        guard let value = form[name] else { return nil }
        guard let number = Int(value) else {
            throw APIError(status: 400, code: "parameter_invalid_integer", message: "Invalid integer: \(value)", param: name)
        }
        return number
    }

    private func boolean(_ form: FakeForm, _ name: String) throws -> Bool? {
        switch form[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        case let value?: throw APIError(status: 400, message: "Invalid boolean: \(value)", param: name)
        }
    }

    private func oneOf(_ value: String, _ allowed: [String], param: String) throws {
        guard allowed.contains(value) else {
            throw APIError(status: 400, message: "Invalid \(param): must be one of \(allowed.joined(separator: ", "))", param: param)
        }
    }

    private func url(_ value: String, param: String) throws -> String {
        guard let url = URL(string: value), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw APIError(status: 400, code: "url_invalid", message: "Not a valid URL", param: param)
        }
        return value
    }

    /// A customer named by a parameter: unknown is 400 `resource_missing`, as at Stripe.
    private func existingCustomer(_ id: String, param: String) throws -> Customer {
        guard let customer = customerList.first(where: { $0.id == id }) else {
            throw APIError(status: 400, code: "resource_missing", message: "No such customer: '\(id)'", param: param)
        }
        return customer
    }

    /// A subscription named by the path: unknown is 404 `resource_missing`.
    func subscriptionIndex(_ id: String) throws -> Int {
        guard let index = subscriptionList.firstIndex(where: { $0.id == id }) else {
            throw APIError(status: 404, code: "resource_missing", message: "No such subscription: '\(id)'", param: "id")
        }
        return index
    }

    /// Metadata after an update: keys up to 40 characters, values up to 500, at most 50 keys;
    /// an empty value deletes the key.
    private func merged(_ metadata: [String: String], _ form: FakeForm, under prefix: [String]) throws -> [String: String] {
        var result = metadata
        let param = prefix.first.map { first in first + prefix.dropFirst().map { "[\($0)]" }.joined() } ?? "metadata"
        for (key, value) in form.dictionary(under: prefix) {
            guard key.count <= 40, value.count <= 500 else {
                throw APIError(status: 400, message: "Metadata keys are limited to 40 characters and values to 500.", param: "\(param)[\(key)]")
            }
            result[key] = value.isEmpty ? nil : value
        }
        guard result.count <= 50 else {
            throw APIError(status: 400, message: "Metadata can have at most 50 keys.", param: param)
        }
        return result
    }
}
