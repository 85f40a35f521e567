import Foundation

/// JSON the fake builds its answers and events from.
enum FakeJSON: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([FakeJSON])
    case object([String: FakeJSON])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
    init(arrayLiteral elements: FakeJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, FakeJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    static func text(_ value: String?) -> FakeJSON { value.map { .string($0) } ?? .null }
    static func number(_ value: Int?) -> FakeJSON { value.map { .int($0) } ?? .null }
    static func time(_ value: Date?) -> FakeJSON { value.map { .int(unixSeconds($0)) } ?? .null }
    static func map(_ value: [String: String]) -> FakeJSON { .object(value.mapValues { .string($0) }) }

    /// `{"object":"list","data":[...],"has_more":false,"url":...}`
    static func list(_ data: [FakeJSON], url: String) -> FakeJSON {
        ["object": "list", "data": .array(data), "has_more": false, "url": .string(url)]
    }

    subscript(key: String) -> FakeJSON? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact, keys sorted (stable bytes for stored idempotent answers and signatures).
    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers, booleans, arrays and objects cannot fail.
        return (try? Array(encoder.encode(self))) ?? Array("null".utf8)
    }
}

/// Whole Unix seconds, as Stripe sends times.
func unixSeconds(_ date: Date) -> Int {
    Int(date.timeIntervalSince1970.rounded(.down))
}
