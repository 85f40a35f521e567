import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaPlatform
import Foundation
import Logging

/// Configuration of `flowsta serve` (DESIGN §3): environment variables, each also a CLI flag.
public struct ServerConfiguration: Sendable {
    public var dataDirectory: String = "./data"
    /// `DATABASE_URL`; `nil` means the embedded SQLite file in the data directory.
    public var databaseURL: String?
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// `FLOWSTA_ISSUER`; `nil` means `http://localhost:<port>`.
    public var issuer: String?
    /// `FLOWSTA_KEK`: base64 of 32 bytes; `nil` means the key file in the data directory.
    public var kek: String?
    /// `FLOWSTA_TLS_CERT` / `FLOWSTA_TLS_KEY`: PEM files; when both are set the server speaks
    /// TLS 1.3 only.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// `FLOWSTA_SMTP_URL`: `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…`;
    /// `nil` keeps mail in the outbox (`flowsta mail outbox` lists it).
    public var smtpURL: String?
    /// `FLOWSTA_MAIL_FROM`: the sender of outgoing mail.
    public var mailFrom: String = "Flowsta <no-reply@localhost>"
    public var logLevel: Logger.Level = .info
    /// Static assets (CSS, the browser OPAQUE client), served under `/static`.
    public var publicDirectory: String = "Public"
    /// Login attempts per minute per username / per client address (0 disables).
    public var loginLimits = LoginThrottle.Limits()
    /// `FLOWSTA_TRUSTED_PROXIES`: comma-separated addresses or CIDR networks of reverse proxies
    /// whose `Forwarded`/`X-Forwarded-For` headers name the client (for the login throttle
    /// only; the address is never stored or logged). Empty: the headers are ignored.
    public var trustedProxies: String = ""
    /// `FLOWSTA_SIGNUP_PROOF_BITS`: leading zero bits of the sign-up proof of work (0–32,
    /// default 20: about a million SHA-256 hashes per new account; 0 turns it off).
    public var signupProofBits = 20
    /// Whether `serve` runs the hourly retention job (tests sharing one database switch it off
    /// and drive retention themselves).
    public var runsRetentionJob = true
    /// Whether this process sends the outbound queue (logout tokens, webhooks) in the background;
    /// tests that drive the queue themselves, with a clock they move, turn it off.
    public var runsOutboundDelivery = true
    /// `FLOWSTA_METRICS_TOKEN` (environment only: it is a secret): `/metrics` answers a scraper
    /// sending `Authorization: Bearer <token>`; unset, `/metrics` is off (404).
    public var metricsToken: String?
    /// `FLOWSTA_DRAIN_SECONDS` (0–300, default 5): after SIGTERM or SIGINT, how long `/ready`
    /// answers 503 while the server still serves, so load balancers stop sending it requests
    /// before it stops accepting them.
    public var drainSeconds: Double = 5
    /// `FLOWSTA_DEVICE_CODE_SECONDS` (15–1800, default 600): how long a device code and its
    /// user code of the device authorization grant (RFC 8628) live.
    public var deviceCodeSeconds = 600
    /// `FLOWSTA_OUTBOUND_ALLOW_LOOPBACK` (`true`/`false`, default `false`): whether back-channel
    /// logout tokens and webhooks may go to loopback addresses (development and tests). Private
    /// and link-local addresses are refused whatever it says.
    public var outboundAllowsLoopback = false
    /// The accepted range of ``deviceCodeSeconds``.
    public static let deviceCodeSecondsRange = 15...1800
    /// Billing through Stripe; `nil` (no `FLOWSTA_STRIPE_SECRET_KEY`) leaves billing off.
    public var stripe: StripeSettings?

    public init() {}

    /// Reads the `FLOWSTA_*` and `DATABASE_URL` variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let value = environment["FLOWSTA_DATA_DIR"], !value.isEmpty { configuration.dataDirectory = value }
        if let value = environment["DATABASE_URL"], !value.isEmpty { configuration.databaseURL = value }
        if let value = environment["FLOWSTA_HOST"], !value.isEmpty { configuration.host = value }
        if let value = environment["FLOWSTA_PORT"].flatMap(Int.init) { configuration.port = value }
        if let value = environment["FLOWSTA_ISSUER"], !value.isEmpty { configuration.issuer = value }
        if let value = environment["FLOWSTA_KEK"], !value.isEmpty { configuration.kek = value }
        if let value = environment["FLOWSTA_TLS_CERT"], !value.isEmpty { configuration.tlsCertificatePath = value }
        if let value = environment["FLOWSTA_TLS_KEY"], !value.isEmpty { configuration.tlsKeyPath = value }
        if let value = environment["FLOWSTA_SMTP_URL"], !value.isEmpty { configuration.smtpURL = value }
        if let value = environment["FLOWSTA_MAIL_FROM"], !value.isEmpty { configuration.mailFrom = value }
        if let value = environment["FLOWSTA_PUBLIC_DIR"], !value.isEmpty { configuration.publicDirectory = value }
        if let value = environment["FLOWSTA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { configuration.logLevel = value }
        if let value = environment["FLOWSTA_LOGIN_LIMIT_PER_USERNAME"].flatMap(Int.init) { configuration.loginLimits.perUsername = value }
        if let value = environment["FLOWSTA_LOGIN_LIMIT_PER_ADDRESS"].flatMap(Int.init) { configuration.loginLimits.perAddress = value }
        if let value = environment["FLOWSTA_TRUSTED_PROXIES"] { configuration.trustedProxies = value }
        if let value = environment["FLOWSTA_SIGNUP_PROOF_BITS"].flatMap(Int.init), (0...32).contains(value) { configuration.signupProofBits = value }
        if let value = environment["FLOWSTA_METRICS_TOKEN"], !value.isEmpty { configuration.metricsToken = value }
        if let value = environment["FLOWSTA_DRAIN_SECONDS"].flatMap(Double.init), (0...300).contains(value) { configuration.drainSeconds = value }
        if let value = environment["FLOWSTA_OUTBOUND_ALLOW_LOOPBACK"] { configuration.outboundAllowsLoopback = value == "true" || value == "1" }
        if let value = environment["FLOWSTA_DEVICE_CODE_SECONDS"].flatMap(Int.init), deviceCodeSecondsRange.contains(value) { configuration.deviceCodeSeconds = value }
        configuration.stripe = StripeSettings.fromEnvironment(environment)
        return configuration
    }

    /// The trusted proxies, parsed. - Throws: ``ConfigurationError`` for a malformed entry.
    func trustedProxyNetworks() throws -> [IPNetwork] {
        guard let networks = IPNetwork.list(trustedProxies) else {
            throw ConfigurationError("FLOWSTA_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR networks (e.g. 127.0.0.1,10.0.0.0/8)")
        }
        return networks
    }

    /// The database URL in force.
    public var resolvedDatabaseURL: String {
        databaseURL ?? "sqlite://" + (dataDirectory as NSString).appendingPathComponent("flowsta.sqlite")
    }

    /// Whether the server terminates TLS itself.
    public var terminatesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }

    /// The public base URL in force.
    public var resolvedIssuer: String {
        issuer ?? "\(terminatesTLS ? "https" : "http")://localhost:\(port)"
    }

    /// Whether the server is reached over HTTPS (secure cookies, HSTS).
    public var servesHTTPS: Bool { terminatesTLS || resolvedIssuer.lowercased().hasPrefix("https://") }
}

/// `FLOWSTA_STRIPE_*`: the Stripe account billing uses. Read from the environment only; the
/// keys are never stored.
public struct StripeSettings: Sendable, CustomStringConvertible {
    public var secretKey: String
    /// Webhook signing secrets; several (comma-separated) while rotating.
    public var webhookSecrets: [String]
    /// Stripe's API base URL (tests point it at a fake server).
    public var apiBase: String = "https://api.stripe.com"
    public var planPrices: [Plan: String] = [:]
    public var overagePrices: [Plan: String] = [:]
    public var meterEventName: String = BillingConfiguration.defaultMeterEventName
    /// The first wait before retrying a failed Stripe call (doubling each time, 3 retries).
    public var retryBackoff: Duration = .milliseconds(500)

    public init(secretKey: String, webhookSecrets: [String], planPrices: [Plan: String], overagePrices: [Plan: String] = [:]) {
        self.secretKey = secretKey
        self.webhookSecrets = webhookSecrets
        self.planPrices = planPrices
        self.overagePrices = overagePrices
    }

    /// Where Checkout and the portal live: Stripe's hosted pages, or the API base's origin when
    /// it is not Stripe's (a test server).
    var redirectOrigins: [String] {
        guard let url = URL(string: apiBase), let scheme = url.scheme, let host = url.host, host != "api.stripe.com" else {
            return ["https://checkout.stripe.com", "https://billing.stripe.com"]
        }
        return [scheme + "://" + host + (url.port.map { ":\($0)" } ?? "")]
    }

    public var description: String { "StripeSettings(api: \(apiBase), plans: \(planPrices.keys.map(\.rawValue).sorted()))" }

    static func fromEnvironment(_ environment: [String: String]) -> StripeSettings? {
        guard let key = environment["FLOWSTA_STRIPE_SECRET_KEY"], !key.isEmpty else { return nil }
        let secrets = (environment["FLOWSTA_STRIPE_WEBHOOK_SECRET"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var settings = StripeSettings(secretKey: key, webhookSecrets: secrets, planPrices: [:])
        if let value = environment["FLOWSTA_STRIPE_API_BASE"], !value.isEmpty { settings.apiBase = value }
        if let value = environment["FLOWSTA_STRIPE_METER_EVENT"], !value.isEmpty { settings.meterEventName = value }
        for plan in [Plan.spark, .pro] {
            let name = plan.rawValue.uppercased()
            if let value = environment["FLOWSTA_STRIPE_PRICE_\(name)"], !value.isEmpty { settings.planPrices[plan] = value }
            if let value = environment["FLOWSTA_STRIPE_MAU_PRICE_\(name)"], !value.isEmpty { settings.overagePrices[plan] = value }
        }
        return settings
    }

    /// Refuses a configuration that would take money without being able to follow it.
    /// - Returns: the API base URL.
    func validate() throws -> URL {
        guard !webhookSecrets.isEmpty else { throw ConfigurationError("FLOWSTA_STRIPE_WEBHOOK_SECRET is required with FLOWSTA_STRIPE_SECRET_KEY") }
        guard !planPrices.isEmpty else { throw ConfigurationError("set FLOWSTA_STRIPE_PRICE_SPARK and/or FLOWSTA_STRIPE_PRICE_PRO (Stripe price ids) with FLOWSTA_STRIPE_SECRET_KEY") }
        guard let url = URL(string: apiBase), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost" else {
            throw ConfigurationError("FLOWSTA_STRIPE_API_BASE must be an https URL (or a loopback http URL for tests)")
        }
        return url
    }
}

/// A configuration that cannot work, reported at start-up.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
