/// The EHLO keywords of a server (RFC 5321 §4.1.1.1), e.g. `STARTTLS`, `AUTH PLAIN LOGIN`.
struct SMTPCapabilities: Equatable {
    var keywords: Set<String> = []
    var authMechanisms: Set<String> = []

    init(ehloReply: SMTPReply) {
        // The first line is the greeting; each further line is `keyword [params]`.
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" {
                authMechanisms.formUnion(words.dropFirst())
            } else if keyword.hasPrefix("AUTH=") {
                // Pre-standard servers announce `AUTH=LOGIN PLAIN`.
                authMechanisms.insert(String(keyword.dropFirst(5)))
                authMechanisms.formUnion(words.dropFirst())
            }
        }
    }
}

extension SMTPSession {
    /// The DATA payload: CRLF line endings, a dot doubled at the start of each line, and the
    /// final `.` line (RFC 5321 §4.5.2 transparency, §2.3.8 no bare CR or LF).
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let octet = message[index]
            if octet == cr || octet == lf {
                output += [cr, lf]
                // CRLF counts once; a lone CR or LF becomes a line break of its own.
                index += octet == cr && index + 1 < message.count && message[index + 1] == lf ? 2 : 1
                atLineStart = true
                continue
            }
            if atLineStart, octet == dot { output.append(dot) }
            output.append(octet)
            atLineStart = false
            index += 1
        }
        if !atLineStart { output += [cr, lf] }
        output += [dot, cr, lf]
        return output
    }
}
