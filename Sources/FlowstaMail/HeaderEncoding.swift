import Foundation

/// Header field bodies: RFC 2047 encoded-words for non-ASCII text and RFC 5322 §2.2.3 folding.
enum HeaderEncoding {
    /// RFC 2047 §2: an encoded-word is at most 75 characters; 30 octets make 40 base64
    /// characters, which with `=?utf-8?B?` and `?=` keeps each folded line under 76.
    static let maxOctetsPerWord = 30

    /// Joins tokens with single spaces, folding before a token where a line would pass 76
    /// characters (RFC 5322 §2.1.1 SHOULD 78; RFC 2047 §2 lines with encoded-words ≤ 76).
    static func folded(name: String, tokens: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasToken = false
        for token in tokens {
            // Never fold before an empty token: that would leave a whitespace-only line.
            if lineHasToken, !token.isEmpty, line.utf8.count + 1 + token.utf8.count > 76 {
                lines.append(line)
                line = ""
            }
            line += " " + token
            lineHasToken = true
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// Tokens of an unstructured field (`Subject`): the words as they are when the text is
    /// printable ASCII, otherwise encoded-words.
    static func unstructuredTokens(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // RFC 2047 §5: text that looks like an encoded-word must itself be encoded.
        let plain = text.unicodeScalars.allSatisfy { $0 == "\t" || ($0.value >= 0x20 && $0.value < 0x7F) }
            && !text.contains("=?")
            && words.allSatisfy { $0.utf8.count <= 900 } // RFC 5322 §2.1.1: lines ≤ 998
        return plain ? words : encodedWords(text)
    }

    /// Tokens of a mailbox: the display name (an atom phrase, a quoted-string or
    /// encoded-words) followed by `<addr-spec>`.
    static func addressTokens(_ address: MailAddress) -> [String] {
        guard let name = address.displayName else { return [address.address] }
        return phraseTokens(name) + ["<\(address.address)>"]
    }

    /// RFC 5322 §3.2.5 `phrase`.
    static func phraseTokens(_ name: String) -> [String] {
        let isPrintableASCII = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        guard isPrintableASCII, !name.contains("=?") else { return encodedWords(name) }
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        if name.unicodeScalars.allSatisfy({ $0.isASCII && atext.contains($0) }) {
            return name.split(separator: " ").map(String.init)
        }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// RFC 2047 `B` encoded-words, each holding whole Unicode scalars (§5: an encoded-word
    /// must not split a character).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let octets = Array(String(scalar).utf8)
            if chunk.count + octets.count > maxOctetsPerWord {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += octets
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ octets: [UInt8]) -> String {
        "=?utf-8?B?" + Data(octets).base64EncodedString() + "?="
    }
}
