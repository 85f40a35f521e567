import Foundation
import HTTPTypes

/// The media type of a request body, read in one place for every body parser. Never traps:
/// an empty `Content-Type`, one made of separators (`;`, `,`), a non-ASCII one or several
/// `Content-Type` fields are all `.other`, which the parsers refuse with a 4xx.
package enum BodyMediaType: Equatable, Sendable {
    /// No `Content-Type` field.
    case absent
    /// `application/json` (parameters such as `charset` ignored).
    case json
    /// `application/x-www-form-urlencoded`.
    case form
    /// Anything else, including malformed and repeated fields.
    case other

    package init(_ headers: HTTPFields) {
        let values = headers[values: .contentType]
        guard let value = values.first else {
            self = .absent
            return
        }
        guard values.count == 1 else {
            self = .other
            return
        }
        // RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS parameter ), case-insensitive.
        // Compared on the bytes: this runs on every request with a body.
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let essence = value.utf8.prefix { $0 != UInt8(ascii: ";") }
        let trimmed = essence.drop(while: isBlank).reversed().drop(while: isBlank).reversed()
        let lowercased = trimmed.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
        if lowercased.elementsEqual("application/json".utf8) {
            self = .json
        } else if lowercased.elementsEqual("application/x-www-form-urlencoded".utf8) {
            self = .form
        } else {
            self = .other
        }
    }
}
