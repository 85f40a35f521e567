/// The subset of CBOR (RFC 8949) WebAuthn uses: attestation objects, COSE keys and
/// extension outputs. Definite lengths only (CTAP2's canonical form), no tags, no floats; every
/// size is checked against the bytes left before anything is allocated, and nesting is bounded,
/// so no input a client sends can make the decoder trap, recurse without end or allocate more
/// than it sent.
public indirect enum CBORValue: Sendable, Equatable {
    case unsigned(UInt64)
    /// A negative integer: `-1 - n` for the stored `n`.
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    /// Entries in the order encoded.
    case map([(CBORValue, CBORValue)])
    case bool(Bool)
    case null

    public static func == (lhs: CBORValue, rhs: CBORValue) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)), (.negative(let a), .negative(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The integer value, when it is one that fits an `Int`.
    public var int: Int? {
        switch self {
        case .unsigned(let value): value <= UInt64(Int.max) ? Int(value) : nil
        case .negative(let value): value < UInt64(Int.max) ? -1 - Int(value) : nil
        default: nil
        }
    }

    /// The value under an integer key of a map (COSE keys), or `nil`.
    public subscript(int key: Int) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.0.int == key }?.1
    }

    /// The value under a text key of a map (attestation objects), or `nil`.
    public subscript(text key: String) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.0 == .text(key) }?.1
    }

    public var byteString: [UInt8]? {
        guard case .bytes(let bytes) = self else { return nil }
        return bytes
    }

    public var textString: String? {
        guard case .text(let text) = self else { return nil }
        return text
    }
}

/// Why bytes are not the CBOR this decoder reads.
public enum CBORError: Error, Equatable, Sendable {
    case truncated
    case unsupported(String)
    case tooDeep
    case invalidText
    case trailingBytes
    case duplicateKey
}

/// Decodes the CBOR subset of ``CBORValue``.
public struct CBORDecoder {
    /// Arrays and maps nested deeper than this are refused (COSE keys and attestation objects
    /// need four levels).
    public static let maximumDepth = 8

    private let bytes: [UInt8]
    private var offset: Int

    /// Decodes one item from the start of `bytes`. - Returns: the item and the bytes it took
    /// (authenticator data carries a COSE key followed by more data).
    public static func decodePrefix(_ bytes: [UInt8]) throws(CBORError) -> (value: CBORValue, length: Int) {
        var decoder = CBORDecoder(bytes: bytes, offset: 0)
        let value = try decoder.item(depth: 0)
        return (value, decoder.offset)
    }

    /// Decodes `bytes`, which must hold exactly one item.
    public static func decode(_ bytes: [UInt8]) throws(CBORError) -> CBORValue {
        let (value, length) = try decodePrefix(bytes)
        guard length == bytes.count else { throw .trailingBytes }
        return value
    }

    private mutating func byte() throws(CBORError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func take(_ count: UInt64) throws(CBORError) -> [UInt8] {
        guard count <= UInt64(bytes.count - offset) else { throw .truncated }
        let end = offset + Int(count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// The argument of an initial byte's additional information (RFC 8949 §3).
    private mutating func argument(_ info: UInt8) throws(CBORError) -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24, 25, 26, 27:
            let width = 1 << Int(info - 24)
            var value: UInt64 = 0
            for byte in try take(UInt64(width)) { value = value << 8 | UInt64(byte) }
            return value
        default: throw .unsupported("indefinite lengths and reserved values")
        }
    }

    private mutating func item(depth: Int) throws(CBORError) -> CBORValue {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        switch major {
        case 0: return .unsigned(try argument(info))
        case 1: return .negative(try argument(info))
        case 2: return .bytes(try take(try argument(info)))
        case 3:
            guard let text = String(validating: try take(try argument(info)), as: UTF8.self) else { throw .invalidText }
            return .text(text)
        case 4:
            let count = try argument(info)
            // Every item takes at least one byte: a count beyond what is left cannot be real.
            guard count <= UInt64(bytes.count - offset) else { throw .truncated }
            var items: [CBORValue] = []
            items.reserveCapacity(Int(count))
            for _ in 0..<count { items.append(try item(depth: depth + 1)) }
            return .array(items)
        case 5:
            let count = try argument(info)
            guard count <= UInt64(bytes.count - offset) / 2 else { throw .truncated }
            var entries: [(CBORValue, CBORValue)] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                let key = try item(depth: depth + 1)
                // A repeated key makes a map ambiguous (RFC 8949 §5.6): refused.
                guard !entries.contains(where: { $0.0 == key }) else { throw .duplicateKey }
                entries.append((key, try item(depth: depth + 1)))
            }
            return .map(entries)
        case 6: throw .unsupported("tags")
        default:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            default: throw .unsupported("floats and simple values")
            }
        }
    }
}
