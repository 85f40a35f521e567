/// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    /// The text of each line, without the code and separator.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2yz: the command succeeded.
    public var isPositiveCompletion: Bool { (200...299).contains(code) }
    /// 3yz: the server waits for more (DATA, AUTH challenges).
    public var isPositiveIntermediate: Bool { (300...399).contains(code) }
}

/// Assembles replies from lines: `250-first`, `250-second`, `250 last` (RFC 5321 §4.2.1).
public struct SMTPReplyParser: Sendable {
    /// A reply longer than this is refused rather than buffered.
    public static let maxLines = 128
    /// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets with CRLF; allow slack.
    public static let maxLineLength = 2048

    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Whether lines of an unfinished multi-line reply are buffered.
    public var isInsideReply: Bool { code != nil }

    /// Takes one line without its CRLF.
    ///
    /// - Returns: The reply when `line` finishes it, otherwise `nil`.
    /// - Throws: ``MailError/protocolViolation(reason:)`` on malformed lines, a code that
    ///   changes within a reply, or an oversized reply.
    public mutating func feed(_ line: String) throws -> SMTPReply? {
        let octets = Array(line.utf8)
        guard octets.count <= Self.maxLineLength else { throw MailError.protocolViolation(reason: "reply line too long") }
        // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39
        guard octets.count >= 3,
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(octets[0]),
              (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(octets[1]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(octets[2])
        else { throw MailError.protocolViolation(reason: "malformed reply code") }
        let lineCode = octets[0..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let separator = octets.count > 3 ? octets[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw MailError.protocolViolation(reason: "malformed reply separator")
        }
        // RFC 5321 §4.2.1: every line of a multiline reply carries the same code.
        if let code, code != lineCode { throw MailError.protocolViolation(reason: "reply code changed mid-reply") }
        code = lineCode
        lines.append(octets.count > 4 ? String(decoding: octets[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maxLines else { throw MailError.protocolViolation(reason: "reply too long") }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
