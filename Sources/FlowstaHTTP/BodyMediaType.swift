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
        let essence = value.utf8.prefix { $0 != UInt8(ascii: ";") }
        switch String(decoding: essence, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() {
        case "application/json": self = .json
        case "application/x-www-form-urlencoded": self = .form
        default: self = .other
        }
    }
}
