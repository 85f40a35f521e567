import Foundation

extension MailMessage {
    /// The `Message-ID` of the message with outbox id `id`: stable across retries, so a
    /// receiver can discard a duplicate after a delivery whose final reply was lost.
    ///
    /// - Throws: ``MailError/invalidAddress(field:)`` when `from` is not an address.
    public func messageID(for id: UUID) throws -> String {
        let sender = try MailAddress(parsing: from, field: "From")
        return "\(id.uuidString.lowercased())@\(sender.domain)"
    }

    /// Renders the message as RFC 5322 text with CRLF line endings (not yet dot-stuffed).
    ///
    /// The body is `text/plain; charset=utf-8` in quoted-printable, which is 7-bit clean, so
    /// the message passes through servers that lack 8BITMIME (RFC 6152).
    /// - Parameters:
    ///   - date: The `Date` header (the time the message was written, not sent).
    ///   - messageID: The `Message-ID` without angle brackets, e.g. from ``messageID(for:)``.
    /// - Returns: The message octets.
    /// - Throws: ``MailError/invalidHeaderField(field:)`` or ``MailError/invalidAddress(field:)``.
    public func rendered(date: Date, messageID: String) throws -> [UInt8] {
        let sender = try MailAddress(parsing: from, field: "From")
        let recipient = try MailAddress(parsing: to, field: "To")
        try Self.checkHeaderValue(subject, field: "Subject")
        try Self.checkHeaderValue(messageID, field: "Message-ID")
        guard messageID.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }) else {
            throw MailError.invalidHeaderField(field: "Message-ID")
        }
        let headers = [
            "Date: " + Self.rfc5322Date(date),
            HeaderEncoding.folded(name: "From", tokens: HeaderEncoding.addressTokens(sender)),
            HeaderEncoding.folded(name: "To", tokens: HeaderEncoding.addressTokens(recipient)),
            HeaderEncoding.folded(name: "Subject", tokens: HeaderEncoding.unstructuredTokens(subject)),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        let head = headers.joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + QuotedPrintable.encode(text)
    }

    /// RFC 5322 §3.3 `date-time` in UTC, e.g. `Tue, 01 Jul 2025 09:05:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
