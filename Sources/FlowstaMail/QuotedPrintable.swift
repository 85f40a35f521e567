import Foundation

/// RFC 2045 §6.7 quoted-printable for a UTF-8 text body.
enum QuotedPrintable {
    /// Encodes `text`, turning every line break (CRLF, LF or CR) into CRLF.
    ///
    /// - Returns: 7-bit octets whose lines are at most 76 characters, ending with CRLF.
    static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        for line in lines(of: text) {
            encodeLine(Array(line.utf8), into: &output)
            output += [0x0D, 0x0A]
        }
        return output
    }

    static func lines(of text: String) -> [Substring] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        // A final line break ends the last line rather than starting an empty one.
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func encodeLine(_ octets: [UInt8], into output: inout [UInt8]) {
        var length = 0
        for (index, octet) in octets.enumerated() {
            let isLast = index == octets.count - 1
            let literal: Bool
            switch octet {
            // Rule 3: space and tab are literal except at the end of a line.
            case 0x09, 0x20: literal = !isLast
            // Rule 2: printable ASCII except "=".
            case 0x21...0x3C, 0x3E...0x7E: literal = true
            default: literal = false
            }
            let width = literal ? 1 : 3
            // Rule 5: soft line break ("=" at the end) keeps lines at 76 characters; the last
            // token of a line may use the 76th column since no "=" follows it.
            if length + width > (isLast ? 76 : 75) {
                output += [UInt8(ascii: "="), 0x0D, 0x0A]
                length = 0
            }
            if literal {
                output.append(octet)
            } else {
                output += [UInt8(ascii: "="), hexDigit(octet >> 4), hexDigit(octet & 0x0F)]
            }
            length += width
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        Array("0123456789ABCDEF".utf8)[Int(nibble)]
    }
}
