/// The one reading of `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is
/// case-insensitive), for OAuth resource requests, the management API and `/metrics`.
package enum BearerCredential {
    /// The token, or `nil` when the value is not a bearer credential with a token.
    /// Works on the UTF-8 bytes: this runs on every resource request.
    package static func token(_ header: String) -> String? {
        let bytes = header.utf8
        guard bytes.count > 7 else { return nil }
        let lowercased = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
        guard zip(bytes.prefix(7), "bearer ".utf8).allSatisfy({ lowercased($0) == $1 }) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let rest = bytes.dropFirst(7)
        guard let first = rest.firstIndex(where: { !isBlank($0) }), let last = rest.lastIndex(where: { !isBlank($0) }) else { return nil }
        return String(decoding: rest[first...last], as: UTF8.self)
    }
}
