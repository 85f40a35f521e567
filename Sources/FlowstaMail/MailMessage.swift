/// A plain-text mail to one recipient.
///
/// `from` and `to` are an address (`bob@example.com`) or a display name and an address
/// (`Bob Example <bob@example.com>`). Rendering and ``Mailer/send(_:)`` refuse CR, LF and NUL in
/// any header field, so user input can never add headers.
public struct MailMessage: Sendable, Codable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var text: String

    public init(from: String, to: String, subject: String, text: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
    }

    /// Checks every header field and both addresses.
    ///
    /// - Throws: ``MailError/invalidHeaderField(field:)`` or ``MailError/invalidAddress(field:)``.
    public func validate() throws {
        _ = try MailAddress(parsing: from, field: "From")
        _ = try MailAddress(parsing: to, field: "To")
        try Self.checkHeaderValue(subject, field: "Subject")
    }

    /// RFC 5322 §2.2: a field body must not contain CR or LF; NUL is never allowed (§3.5 obs).
    static func checkHeaderValue(_ value: String, field: String) throws {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw MailError.invalidHeaderField(field: field)
        }
    }
}

/// An address split into the optional display name and the `local@domain` addr-spec.
struct MailAddress: Equatable {
    var displayName: String?
    var address: String

    /// The part after `@`.
    var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

    /// Parses `addr-spec` or `display-name <addr-spec>`.
    ///
    /// Only ASCII addr-specs are accepted: the client does not negotiate SMTPUTF8 (RFC 6531).
    init(parsing raw: String, field: String) throws {
        try MailMessage.checkHeaderValue(raw, field: field)
        let trimmed = raw.trimmingWhitespace
        var name: String?
        var spec = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let displayName = String(trimmed[..<open]).trimmingWhitespace
            name = displayName.isEmpty ? nil : displayName
        }
        guard Self.isValidAddrSpec(spec) else { throw MailError.invalidAddress(field: field) }
        displayName = name
        address = spec
    }

    private static func isValidAddrSpec(_ spec: String) -> Bool {
        guard spec.utf8.count <= 254, let at = spec.lastIndex(of: "@") else { return false }
        let local = spec[..<at]
        let domain = spec[spec.index(after: at)...]
        // RFC 5321 §4.5.3.1: local part ≤ 64 octets; no specials that would break the envelope.
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty, !domain.hasPrefix("."), !domain.hasSuffix(".") else {
            return false
        }
        return spec.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains(scalar)
        } && !local.contains("@")
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
