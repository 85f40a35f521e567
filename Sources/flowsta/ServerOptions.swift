import FlowstaPrivacy
import ArgumentParser
import FlowstaCore
import FlowstaServer
import Foundation
import Logging

/// Flags shared by the commands; each overrides its environment variable (DESIGN §3).
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (FLOWSTA_DATA_DIR, default ./data).")
    var dataDirectory: String?

    @Option(name: .customLong("database-url"), help: "sqlite://PATH or postgres://user@host:port/db (DATABASE_URL; a URL with a password only from the environment).")
    var databaseURL: String?

    @Option(help: "Listen address (FLOWSTA_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Listen port (FLOWSTA_PORT, default 8080).")
    var port: Int?

    @Option(help: "Public base URL, the OIDC issuer (FLOWSTA_ISSUER, default http://localhost:PORT).")
    var issuer: String?

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain; with --tls-key the server speaks TLS 1.3 only (FLOWSTA_TLS_CERT).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key (FLOWSTA_TLS_KEY).")
    var tlsKey: String?

    @Option(name: .customLong("smtp-url"), help: "smtp://host:port (STARTTLS when offered) or smtps://...; unset keeps mail in the outbox (FLOWSTA_SMTP_URL; a URL with a password only from the environment).")
    var smtpURL: String?

    @Option(name: .customLong("public-dir"), help: "Static assets served under /static: CSS and the browser OPAQUE client (FLOWSTA_PUBLIC_DIR, default ./Public).")
    var publicDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error|critical (FLOWSTA_LOG_LEVEL, default info).")
    var logLevel: String?

    @Option(name: .customLong("login-limit-per-username"), help: "Login attempts per minute per username, 0 = off (FLOWSTA_LOGIN_LIMIT_PER_USERNAME, default 10).")
    var loginLimitPerUsername: Int?

    @Option(name: .customLong("login-limit-per-address"), help: "Login attempts per minute per client address, 0 = off (FLOWSTA_LOGIN_LIMIT_PER_ADDRESS, default 60).")
    var loginLimitPerAddress: Int?

    @Option(name: .customLong("trusted-proxies"), help: "Comma-separated addresses or CIDR networks of reverse proxies whose Forwarded/X-Forwarded-For headers are believed, for the login throttle only (FLOWSTA_TRUSTED_PROXIES, default none).")
    var trustedProxies: String?

    @Option(name: .customLong("signup-proof-bits"), help: "Leading zero bits of the sign-up proof of work, 0-32, 0 = off (FLOWSTA_SIGNUP_PROOF_BITS, default 20).")
    var signupProofBits: Int?

    @Option(name: .customLong("drain-seconds"), help: "After SIGTERM/SIGINT, seconds /ready answers 503 while requests are still served, 0-300 (FLOWSTA_DRAIN_SECONDS, default 5).")
    var drainSeconds: Double?

    @Option(name: .customLong("device-code-seconds"), help: "Lifetime of a device code and its user code (device authorization grant), 15-1800 (FLOWSTA_DEVICE_CODE_SECONDS, default 600).")
    var deviceCodeSeconds: Int?

    /// The environment's configuration with these flags applied on top.
    func resolve(environment: [String: String]) throws -> ServerConfiguration {
        var configuration = ServerConfiguration.fromEnvironment(environment)
        if let dataDirectory { configuration.dataDirectory = dataDirectory }
        if let databaseURL {
            try Self.refusePassword(in: databaseURL, flag: "--database-url", variable: "DATABASE_URL")
            configuration.databaseURL = databaseURL
        }
        if let host { configuration.host = host }
        if let port {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0-65535") }
            configuration.port = port
        }
        if let issuer { configuration.issuer = issuer }
        if let smtpURL {
            try Self.refusePassword(in: smtpURL, flag: "--smtp-url", variable: "FLOWSTA_SMTP_URL")
            configuration.smtpURL = smtpURL
        }
        if let publicDirectory { configuration.publicDirectory = publicDirectory }
        if let tlsCertificate { configuration.tlsCertificatePath = tlsCertificate }
        if let tlsKey { configuration.tlsKeyPath = tlsKey }
        if (configuration.tlsCertificatePath == nil) != (configuration.tlsKeyPath == nil) {
            throw ValidationError("TLS needs both a certificate (--tls-cert) and a key (--tls-key)")
        }
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level \(logLevel)") }
            configuration.logLevel = level
        }
        if let loginLimitPerUsername { configuration.loginLimits.perUsername = loginLimitPerUsername }
        if let loginLimitPerAddress { configuration.loginLimits.perAddress = loginLimitPerAddress }
        if let trustedProxies { configuration.trustedProxies = trustedProxies }
        if let signupProofBits {
            guard (0...32).contains(signupProofBits) else { throw ValidationError("--signup-proof-bits must be 0-32") }
            configuration.signupProofBits = signupProofBits
        }
        if let drainSeconds {
            guard (0...300).contains(drainSeconds) else { throw ValidationError("--drain-seconds must be 0-300") }
            configuration.drainSeconds = drainSeconds
        }
        if let deviceCodeSeconds {
            let range = ServerConfiguration.deviceCodeSecondsRange
            guard range.contains(deviceCodeSeconds) else { throw ValidationError("--device-code-seconds must be \(range.lowerBound)-\(range.upperBound)") }
            configuration.deviceCodeSeconds = deviceCodeSeconds
        }
        return configuration
    }

    /// A password in a flag shows in every process listing (`ps`, `/proc/PID/cmdline`): URLs
    /// with one are taken from the environment only.
    static func refusePassword(in url: String, flag: String, variable: String) throws {
        guard let components = URLComponents(string: url), components.password != nil else { return }
        throw ValidationError("\(flag) must not contain a password (it would show in process listings): set \(variable) in the environment instead")
    }

    /// Resolves the configuration from the process environment and these flags, then opens,
    /// migrates and keys the store (creating the data directory and KEK on first start).
    /// - Parameter sink: where log lines go; flushed here if preparing fails.
    /// - Parameter now: a fixed clock (retention checks), else the system clock.
    func prepareRuntime(sink: StandardOutputLogSink, now: Date? = nil) async throws -> FlowstaApplication.Runtime {
        let configuration = try resolve(environment: ProcessInfo.processInfo.environment)
        let logger = FlowstaApplication.makeLogger(level: configuration.logLevel, sink: sink)
        do {
            let time: any TimeSource = now.map { FrozenTimeSource(now: $0) } ?? SystemTimeSource()
            return try await FlowstaApplication.prepare(configuration: configuration, logger: logger, time: time)
        } catch {
            logger.critical("cannot start", metadata: ["error": .string(String(describing: error))])
            sink.flush()
            throw error
        }
    }
}

/// A clock stopped at one instant.
struct FrozenTimeSource: TimeSource {
    let now: Date
}
