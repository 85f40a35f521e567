import Foundation

/// How ``StripeClient`` reaches Stripe. Printing, dumping or logging a configuration never
/// shows the secret key.
public struct StripeConfiguration: Sendable {
    /// The pinned API version, sent as `Stripe-Version` on every request; the model types
    /// follow this version's shapes.
    public static let apiVersion = "2024-06-20"

    /// Stripe's production API host.
    public static let defaultAPIBase: URL = {
        guard let url = URL(string: "https://api.stripe.com") else { preconditionFailure("constant URL") }
        return url
    }()

    /// `sk_live_...`, `sk_test_...` or a restricted `rk_...` key.
    public var secretKey: String
    /// Scheme, host and port (and optionally a path prefix) requests go to, e.g. a fake in tests.
    public var apiBase: URL
    /// Retries after the first attempt for retryable failures (so at most `maxRetries + 1` requests).
    public var maxRetries: Int
    /// Wait before the first retry; doubles with each further retry, plus a little jitter.
    public var initialBackoff: Duration
    /// Deadline for one attempt (connect, send, receive the whole body).
    public var timeout: Duration

    public init(
        secretKey: String,
        apiBase: URL = StripeConfiguration.defaultAPIBase,
        maxRetries: Int = 3,
        initialBackoff: Duration = .milliseconds(500),
        timeout: Duration = .seconds(30)
    ) {
        self.secretKey = secretKey
        self.apiBase = apiBase
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.timeout = timeout
    }

    /// The key's kind (`sk_test_`, `sk_live_`, ...) with the secret part left out.
    var redactedSecretKey: String {
        for prefix in ["sk_test_", "sk_live_", "rk_test_", "rk_live_"] where secretKey.hasPrefix(prefix) {
            return prefix + "<redacted>"
        }
        return "<redacted>"
    }
}

extension StripeConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "StripeConfiguration(apiBase: \(apiBase.absoluteString), secretKey: \(redactedSecretKey), apiVersion: \(Self.apiVersion), "
            + "maxRetries: \(maxRetries), initialBackoff: \(initialBackoff), timeout: \(timeout))"
    }

    public var debugDescription: String { description }

    /// Keeps `dump(_:)` and `Mirror`-based printing from showing the key.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "apiBase": apiBase,
                "secretKey": redactedSecretKey,
                "maxRetries": maxRetries,
                "initialBackoff": initialBackoff,
                "timeout": timeout,
            ]
        )
    }
}
