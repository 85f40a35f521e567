/// Everything that can go wrong while composing, storing or delivering mail.
///
/// Payloads never carry a recipient, a message body or a credential, so an error may be logged
/// or stored as an outbox row's `lastError` as it is. ``isPermanent`` tells the delivery loop
/// whether a retry can help.
public enum MailError: Error, Sendable, Equatable {
    /// A header field contains CR, LF or NUL (RFC 5322 §2.2: header injection).
    case invalidHeaderField(field: String)
    /// An address is not a plain ASCII `local@domain` (optionally behind a display name).
    case invalidAddress(field: String)
    /// `FLOWSTA_SMTP_URL` is malformed; the reason never quotes the URL (it may hold a password).
    case invalidURL(reason: String)
    /// The TCP connection could not be opened, or broke during the dialogue.
    case connectionFailed(reason: String)
    /// The server did not answer within the command timeout.
    case timedOut
    /// The TLS handshake or certificate verification failed.
    case tlsFailed(reason: String)
    /// Credentials are configured but the connection is neither TLS nor loopback.
    case insecureAuthentication
    /// The server offers no authentication mechanism this client speaks (PLAIN, LOGIN).
    case authenticationUnsupported
    /// The server replied something that is not RFC 5321 reply syntax, or sent plaintext
    /// after accepting STARTTLS (RFC 3207 §4.2 response injection).
    case protocolViolation(reason: String)
    /// The server answered `command` with an unexpected reply code.
    case rejected(command: String, code: Int, phase: Phase)
    /// The sealed outbox row could not be opened or decoded.
    case unreadableOutboxMessage

    /// Where in the dialogue a rejection happened.
    public enum Phase: String, Sendable, Equatable {
        /// Greeting, EHLO, STARTTLS, AUTH: a server or configuration problem.
        case session
        /// MAIL, RCPT, DATA: a verdict about this message.
        case message
    }

    /// Whether retrying the same message cannot succeed.
    ///
    /// Only a 5xx verdict on the message itself (RFC 5321 §4.2.1 "permanent negative
    /// completion") is permanent; 5xx during the session (bad credentials, no TLS) is a
    /// configuration problem that the operator can fix, so the message waits.
    public var isPermanent: Bool {
        switch self {
        case .invalidHeaderField, .invalidAddress:
            return true
        case let .rejected(_, code, phase):
            return phase == .message && (500...599).contains(code)
        default:
            return false
        }
    }

    /// A short class of the error for logs and the outbox's `lastError`.
    public var summary: String {
        switch self {
        case let .invalidHeaderField(field): return "invalid header field \(field)"
        case let .invalidAddress(field): return "invalid address in \(field)"
        case let .invalidURL(reason): return "invalid SMTP URL: \(reason)"
        case let .connectionFailed(reason): return "connection failed: \(reason)"
        case .timedOut: return "timed out"
        case let .tlsFailed(reason): return "TLS failed: \(reason)"
        case .insecureAuthentication: return "refusing AUTH without TLS"
        case .authenticationUnsupported: return "no supported AUTH mechanism"
        case let .protocolViolation(reason): return "protocol violation: \(reason)"
        case let .rejected(command, code, _): return "\(command) rejected with \(code)"
        case .unreadableOutboxMessage: return "unreadable outbox message"
        }
    }
}

extension MailError: CustomStringConvertible {
    public var description: String { "MailError(\(summary))" }
}
