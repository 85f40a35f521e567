import Crypto
import Foundation

/// Verifies, in a Swift receiver, the webhooks a Flowsta server sends: the Standard Webhooks
/// signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with a timestamp tolerance,
/// or Flowsta's `X-Flowsta-Signature`. Comparisons are constant-time (swift-crypto's HMAC check).
public struct FlowstaWebhookVerifier: Sendable {
    /// How far `webhook-timestamp` may be from the receiver's clock (the Standard Webhooks
    /// libraries' 5 minutes).
    public static let tolerance: TimeInterval = 5 * 60

    public enum Failure: Error, Equatable, Sendable {
        /// A secret is not `whsec_` + base64 of 24 to 64 bytes.
        case malformedSecret
        case missingHeaders
        case timestampOutOfRange
        case noMatchingSignature
        /// The signature matched but the body is not a Flowsta event.
        case malformedBody
    }

    /// An event as delivered.
    public struct Event: Sendable, Equatable, Decodable {
        public var id: String
        public var type: String
        public var timestamp: String
        public var data: [String: String]
    }

    private let secrets: [(text: String, key: SymmetricKey)]

    /// - Parameter secrets: the endpoint's secret(s) as shown (`whsec_…`); give the old and the
    ///   new one while your receiver switches over.
    public init(secrets: [String]) throws(Failure) {
        var parsed: [(String, SymmetricKey)] = []
        for text in secrets {
            let encoded = text.hasPrefix("whsec_") ? String(text.dropFirst(6)) : text
            guard encoded.utf8.count <= 128, let bytes = Data(base64Encoded: encoded), (24...64).contains(bytes.count) else {
                throw .malformedSecret
            }
            parsed.append((text, SymmetricKey(data: bytes)))
        }
        guard !parsed.isEmpty else { throw .malformedSecret }
        self.secrets = parsed
    }

    /// Checks a delivery's Standard Webhooks headers (names in any case) and decodes its body.
    /// - Parameter now: the receiver's clock.
    public func verify(body: [UInt8], headers: [String: String], now: Date = Date()) throws(Failure) -> Event {
        let lowered = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let id = lowered["webhook-id"], let stamp = lowered["webhook-timestamp"], let signatures = lowered["webhook-signature"],
              let seconds = Int(stamp) else { throw .missingHeaders }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= Self.tolerance else { throw .timestampOutOfRange }
        let message = Array("\(id).\(stamp).".utf8) + body
        let candidates = signatures.split(separator: " ").compactMap { entry -> Data? in
            guard entry.hasPrefix("v1,") else { return nil }
            return Data(base64Encoded: String(entry.dropFirst(3)))
        }
        let matches = candidates.contains { signature in
            secrets.contains { HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: $0.key) }
        }
        guard matches else { throw .noMatchingSignature }
        guard let event = try? JSONDecoder().decode(Event.self, from: Data(body)), event.id == id else { throw .malformedBody }
        return event
    }

    /// Checks `X-Flowsta-Signature` (hex HMAC-SHA256 of the raw body keyed with the secret's
    /// text). It covers no timestamp: drop repeated event ids yourself.
    public func verifyFlowstaSignature(body: [UInt8], header: String) -> Bool {
        let hex = Array(header.utf8)
        guard hex.count == 64 else { return false }
        var mac: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) else { return false }
            mac.append(byte)
        }
        return secrets.contains { secret in
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: SymmetricKey(data: Array(secret.text.utf8)))
        }
    }
}
