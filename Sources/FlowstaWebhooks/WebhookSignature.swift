import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// A webhook endpoint's signing secret: 32 random bytes, shown once as `whsec_` + base64 (the
/// Standard Webhooks form, which its libraries take as it is).
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "whsec_"
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A new secret (32 random bytes).
    public static func random() -> WebhookSecret { WebhookSecret(bytes: SecureRandom.bytes(32)) }

    /// Parses `whsec_<base64>` (or the bare base64). - Returns: `nil` unless 24 to 64 bytes.
    public init?(text: String) {
        let encoded = text.hasPrefix(Self.prefix) ? String(text.dropFirst(Self.prefix.count)) : text
        guard encoded.utf8.count <= 128, let data = Data(base64Encoded: encoded), (24...64).contains(data.count) else { return nil }
        bytes = [UInt8](data)
    }

    /// The form shown to the developer (once) and given to verifiers.
    public var text: String { Self.prefix + Data(bytes).base64EncodedString() }

    /// Never the secret itself.
    public var description: String { "WebhookSecret(redacted)" }
}

/// The signatures of one delivery, both ways, so either kind of receiver verifies it:
///
/// - **Standard Webhooks**: `webhook-id`, `webhook-timestamp` (Unix seconds) and
///   `webhook-signature: v1,<base64 HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")>`, one
///   entry per valid secret (space-separated) while a rotation keeps the previous one valid.
/// - **Flowsta's headers**: `X-Flowsta-Event` and `X-Flowsta-Signature: <hex HMAC-SHA256 of the raw
///   body>`, keyed with the secret exactly as shown (`whsec_…`, as UTF-8) — the current secret.
public enum WebhookSignature {
    public static func standard(secret: WebhookSecret, id: String, timestamp: Int, body: [UInt8]) -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret.bytes))
        return "v1," + Data(mac).base64EncodedString()
    }

    public static func flowsta(secret: WebhookSecret, body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.text.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Every header of a delivery signed with `current` (and `previous`, during a rotation).
    public static func headers(
        id: String, event: String, timestamp: Int, body: [UInt8], current: WebhookSecret, previous: WebhookSecret? = nil
    ) -> [(String, String)] {
        let signatures = ([current] + (previous.map { [$0] } ?? [])).map { standard(secret: $0, id: id, timestamp: timestamp, body: body) }
        return [
            ("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signatures.joined(separator: " ")),
            ("X-Flowsta-Event", event), ("X-Flowsta-Signature", flowsta(secret: current, body: body)),
        ]
    }
}
