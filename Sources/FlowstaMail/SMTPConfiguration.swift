import Foundation

/// Where and how to deliver mail, usually parsed from `FLOWSTA_SMTP_URL` (DESIGN §3).
///
/// `smtp://[user[:password]@]host[:port]` connects in plaintext (default port 587) and upgrades
/// with STARTTLS whenever the server offers it; `smtps://…` speaks TLS from the first byte
/// (default port 465). The user and password are percent-decoded.
public struct SMTPConfiguration: Sendable {
    /// The sender used when the composition root does not set one.
    public static let defaultFrom = "Flowsta <no-reply@localhost>"

    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Plaintext, upgraded with STARTTLS (RFC 3207) when the server offers it.
        case startTLSWhenOffered
        /// TLS from the first byte (RFC 8314 §3.3).
        case implicitTLS
    }

    /// How the server's certificate is checked.
    public enum CertificateVerification: Sendable, Equatable {
        /// The system trust store and the host name (the default).
        case system
        /// Only the given PEM certificates as roots, plus the host name.
        case trusting(pem: String)
        /// No verification at all: for tests against a throwaway server only.
        case insecureNoVerification
    }

    /// A user name and password for AUTH PLAIN or LOGIN (RFC 4616, RFC 4954).
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "Credentials(username: \(username), password: <redacted>)" }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// The `From` of mail the server composes.
    public var from: String
    /// The name this client gives in EHLO (RFC 5321 §4.1.1.1).
    public var heloName = "localhost"
    public var certificateVerification = CertificateVerification.system
    public var connectTimeout = Duration.seconds(10)
    /// How long to wait for each reply (RFC 5321 §4.5.3.2 allows minutes; 60 s is practical).
    public var commandTimeout = Duration.seconds(60)

    public init(host: String, port: Int, security: Security, credentials: Credentials? = nil, from: String = defaultFrom) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.from = from
    }

    /// Whether the host is on this machine, where AUTH may go without TLS.
    public var isLoopback: Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

extension SMTPConfiguration {
    /// Parses `smtp://…` or `smtps://…`.
    ///
    /// - Parameters:
    ///   - url: The URL, e.g. the value of `FLOWSTA_SMTP_URL`.
    ///   - from: The sender address of outgoing mail.
    /// - Throws: ``MailError/invalidURL(reason:)``; the reason never repeats the URL.
    public init(url: String, from: String = defaultFrom) throws {
        guard let separator = url.range(of: "://") else { throw MailError.invalidURL(reason: "missing scheme") }
        let security: Security
        switch url[..<separator.lowerBound].lowercased() {
        case "smtp": security = .startTLSWhenOffered
        case "smtps": security = .implicitTLS
        default: throw MailError.invalidURL(reason: "scheme must be smtp or smtps")
        }
        var authority = url[separator.upperBound...]
        if let end = authority.firstIndex(where: { "/?#".contains($0) }) {
            guard authority[end...] == "/" else { throw MailError.invalidURL(reason: "unexpected path, query or fragment") }
            authority = authority[..<end]
        }
        var credentials: Credentials?
        if let at = authority.lastIndex(of: "@") {
            credentials = try Self.credentials(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        let (host, port) = try Self.hostAndPort(authority, defaultPort: security == .implicitTLS ? 465 : 587)
        self.init(host: host, port: port, security: security, credentials: credentials, from: from)
    }

    private static func credentials(_ userinfo: Substring) throws -> Credentials? {
        let parts = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let user = parts[0].removingPercentEncoding,
              let password = parts.count > 1 ? parts[1].removingPercentEncoding : ""
        else { throw MailError.invalidURL(reason: "bad percent-encoding in credentials") }
        if user.isEmpty && password.isEmpty { return nil }
        guard !user.isEmpty else { throw MailError.invalidURL(reason: "password without user") }
        return Credentials(username: user, password: password)
    }

    private static func hostAndPort(_ authority: Substring, defaultPort: Int) throws -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            // RFC 3986 §3.2.2: an IPv6 literal in brackets.
            guard let close = authority.firstIndex(of: "]") else { throw MailError.invalidURL(reason: "unclosed IPv6 literal") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw MailError.invalidURL(reason: "junk after IPv6 literal") }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        let allowed = authority.hasPrefix("[")
            ? CharacterSet(charactersIn: "0123456789abcdefABCDEF:.")
            : CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_"))
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw MailError.invalidURL(reason: "missing or invalid host")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText), (1...65535).contains(port) else {
            throw MailError.invalidURL(reason: "port must be 1-65535")
        }
        return (String(host), port)
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// The URL with the password replaced, safe to log.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = credentials.map { "\($0.username):<redacted>@" } ?? ""
        let host = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user)\(host):\(port)"
    }
}
