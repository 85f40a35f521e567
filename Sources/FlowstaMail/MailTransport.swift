import Foundation

/// Hands one message to the next mail server.
///
/// ``SMTPClient`` is the real one; tests of the delivery loop substitute their own.
public protocol MailTransport: Sendable {
    /// Delivers `message` or throws; a ``MailError`` whose ``MailError/isPermanent`` is true
    /// means the message can never be delivered.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - messageID: Its `Message-ID` without angle brackets.
    ///   - date: Its `Date` header.
    func deliver(_ message: MailMessage, messageID: String, date: Date) async throws
}
