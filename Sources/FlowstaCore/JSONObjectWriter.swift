/// JSON objects written by hand, for the few values every token request encodes (JWT payloads
/// and headers, token, introspection and userinfo responses): Foundation's `JSONEncoder` cost
/// more than the signature on those paths. Members whose value is `nil` are left out, as
/// synthesized `Encodable` conformances do; strings are escaped per RFC 8259 §7.
public struct JSONObjectWriter: Sendable {
    public private(set) var bytes: [UInt8]
    private var empty = true

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        open(key)
        Self.appendString(value, to: &bytes)
    }

    public mutating func member(_ key: String, _ value: Int?) {
        guard let value else { return }
        open(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func member(_ key: String, _ value: Bool?) {
        guard let value else { return }
        open(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func member(_ key: String, _ values: [String]?) {
        guard let values else { return }
        open(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object, closed.
    public func finished() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func open(_ key: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        Self.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// `string` as a JSON string: quote, backslash and control characters escaped, everything
    /// else (valid UTF-8, as every Swift string is) copied.
    public static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Tokens, ids and most values need no escaping: copied in one go.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: string.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A value with a hand-written JSON form, used by encoders on hot paths in place of its
/// `Encodable` conformance (which stays, and which tests compare the two against).
public protocol HandWrittenJSON: Encodable {
    func writeJSON(to writer: inout JSONObjectWriter)
}

extension HandWrittenJSON {
    /// The JSON object's bytes.
    public var jsonBytes: [UInt8] {
        var writer = JSONObjectWriter()
        writeJSON(to: &writer)
        return writer.finished()
    }
}
