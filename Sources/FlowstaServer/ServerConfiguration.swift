import FlowstaAccounts
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
    /// Whether `serve` runs the hourly retention job (tests sharing one database switch it off
    /// and drive retention themselves).
    public var runsRetentionJob = true

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
        return configuration
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
