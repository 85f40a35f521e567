import Crypto
import Foundation

/// Why a webhook delivery was rejected.
public enum StripeWebhookError: Error, Sendable, Equatable {
    /// `Stripe-Signature` is not `t=<unix>,v1=<hex>,...`.
    case malformedHeader
    /// The header has no `v1` signature.
    case noSignature
    /// `t` is further than the tolerance from now (a replayed or badly delayed delivery).
    case timestampOutOfTolerance
    /// No `v1` signature matches any of the secrets.
    case signatureMismatch
    /// The signed payload is not a Stripe event (`id`, `type`, `created`, `data.object`).
    case malformedPayload
}

/// Stripe webhook signatures (https://docs.stripe.com/webhooks#verify-manually).
///
/// Stripe signs `"<t>.<raw body>"` with HMAC-SHA256 under the endpoint's signing secret and
/// sends `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...][,v0=...]`. While a secret is being
/// rolled, deliveries carry a `v1` per active secret, and the receiver may know several.
public enum StripeWebhook {
    /// Verifies `signatureHeader` against the exact bytes received and returns the event.
    ///
    /// Accepts when any `v1` signature matches any of `secrets` (compared in constant time) and
    /// `t` lies within `tolerance` seconds of `now` either way.
    public static func verify(
        payload: [UInt8], signatureHeader: String, secrets: [String], tolerance: TimeInterval = 300, now: Date = Date()
    ) throws -> StripeEvent {
        let header = try parseHeader(signatureHeader)
        guard !header.signatures.isEmpty else { throw StripeWebhookError.noSignature }

        let signedPayload = Array("\(header.timestamp).".utf8) + payload
        let matches = secrets.contains { secret in
            let expected = Array(HMAC<SHA256>.authenticationCode(for: signedPayload, using: SymmetricKey(data: Array(secret.utf8))))
            return header.signatures.contains { constantTimeEquals($0, expected) }
        }
        guard matches else { throw StripeWebhookError.signatureMismatch }

        guard abs(now.timeIntervalSince1970 - TimeInterval(header.timestamp)) <= tolerance else {
            throw StripeWebhookError.timestampOutOfTolerance
        }
        return try parseEvent(payload)
    }

    /// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`: what Stripe sends, for
    /// tests and fakes.
    public static func signatureHeader(payload: [UInt8], secret: String, timestamp: Date) -> String {
        let seconds = Int(timestamp.timeIntervalSince1970.rounded(.down))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(seconds).".utf8) + payload, using: SymmetricKey(data: Array(secret.utf8)))
        return "t=\(seconds),v1=\(hex(Array(mac)))"
    }

    // MARK: Parts

    struct Header: Equatable {
        var timestamp: Int
        /// Decoded `v1` values; values that are not hex are dropped (they can match nothing).
        var signatures: [[UInt8]]
    }

    /// Parses `key=value` pairs separated by commas. Exactly one integer `t` is required;
    /// schemes other than `v1` (such as `v0`) are ignored.
    static func parseHeader(_ header: String) throws -> Header {
        var timestamp: Int?
        var signatures: [[UInt8]] = []
        for item in header.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw StripeWebhookError.malformedHeader }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "t":
                guard timestamp == nil, let seconds = Int(value) else { throw StripeWebhookError.malformedHeader }
                timestamp = seconds
            case "v1":
                if let bytes = unhex(value) { signatures.append(bytes) }
            case "":
                throw StripeWebhookError.malformedHeader
            default:
                continue
            }
        }
        guard let timestamp else { throw StripeWebhookError.malformedHeader }
        return Header(timestamp: timestamp, signatures: signatures)
    }

    static func parseEvent(_ payload: [UInt8]) throws -> StripeEvent {
        struct Envelope: Decodable {
            struct DataField: Decodable { var object: JSONValue }
            var id: String
            var type: String
            var created: Double
            var data: DataField
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(payload))
        } catch {
            throw StripeWebhookError.malformedPayload
        }
        guard case .object = envelope.data.object, let object = try? JSONEncoder().encode(envelope.data.object) else {
            throw StripeWebhookError.malformedPayload
        }
        return StripeEvent(id: envelope.id, type: envelope.type, created: Date(timeIntervalSince1970: envelope.created), object: object)
    }

    /// Compares without an early exit, so the time taken does not tell how many bytes matched.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func unhex(_ string: String) -> [UInt8]? {
        let utf8 = Array(string.utf8)
        guard !utf8.isEmpty, utf8.count.isMultiple(of: 2) else { return nil }
        func nibble(_ char: UInt8) -> UInt8? {
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

/// Any JSON value, decoded and re-encoded without loss of shape: keeps `data.object` of an
/// event as raw JSON (booleans stay booleans, integers stay integers).
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
