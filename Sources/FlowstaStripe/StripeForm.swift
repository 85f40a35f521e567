import Foundation

/// A request body in Stripe's form encoding: `application/x-www-form-urlencoded` with nested
/// fields in bracket notation (`address[line1]`, `line_items[0][price]`). Fields keep the
/// order they were added in; `nil` values are left out.
struct StripeForm: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    private(set) var fields: [Field] = []

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        fields.append(Field(name: name, value: value))
    }

    mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map { String($0) })
    }

    mutating func add(_ name: String, _ value: Bool?) {
        add(name, value.map { $0 ? "true" : "false" })
    }

    /// Dates go as whole Unix seconds.
    mutating func add(_ name: String, _ value: Date?) {
        add(name, value.map { Int($0.timeIntervalSince1970.rounded(.down)) })
    }

    /// `prefix[key]=value` for each entry, keys sorted so a body is the same for the same input
    /// (which matters for idempotent replays).
    mutating func add(_ prefix: String, metadata: [String: String]) {
        for key in metadata.keys.sorted() {
            add("\(prefix)[\(key)]", metadata[key])
        }
    }

    mutating func add(_ prefix: String, address: StripeAddress?) {
        guard let address else { return }
        add("\(prefix)[line1]", address.line1)
        add("\(prefix)[line2]", address.line2)
        add("\(prefix)[city]", address.city)
        add("\(prefix)[postal_code]", address.postalCode)
        add("\(prefix)[state]", address.state)
        add("\(prefix)[country]", address.country)
    }

    /// `name=value&...`, every byte outside `A-Z a-z 0-9 - . _ ~` percent-encoded (brackets too).
    var encoded: String {
        fields.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
    }

    static func percentEncode(_ string: String) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%"
                result += hexDigits[Int(byte >> 4)]
                result += hexDigits[Int(byte & 0x0F)]
            }
        }
        return result
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
}

extension StripeForm {
    init(customer params: StripeCustomerParams) {
        add("name", params.name)
        add("email", params.email)
        add("address", address: params.address)
        add("metadata", metadata: params.metadata)
    }

    init(checkout params: StripeCheckoutParams) {
        add("customer", params.customer)
        add("mode", params.mode)
        for (index, item) in params.lineItems.enumerated() {
            add("line_items[\(index)][price]", item.price)
            add("line_items[\(index)][quantity]", item.quantity)
        }
        add("success_url", params.successURL)
        add("cancel_url", params.cancelURL)
        add("client_reference_id", params.clientReferenceID)
        add("currency", params.currency)
        add("metadata", metadata: params.metadata)
        add("subscription_data[metadata]", metadata: params.subscriptionMetadata)
    }

    init(subscriptionUpdate params: StripeSubscriptionUpdate) {
        for (index, item) in params.items.enumerated() {
            add("items[\(index)][id]", item.id)
            add("items[\(index)][price]", item.price)
        }
        add("proration_behavior", params.prorationBehavior)
        add("cancel_at_period_end", params.cancelAtPeriodEnd)
        add("metadata", metadata: params.metadata)
    }

    init(meterEvent event: StripeMeterEvent) {
        add("event_name", event.eventName)
        add("payload[stripe_customer_id]", event.customer)
        add("payload[value]", event.value)
        add("identifier", event.identifier)
        add("timestamp", event.timestamp)
    }
}
