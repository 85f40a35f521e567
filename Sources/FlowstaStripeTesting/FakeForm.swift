import Foundation

/// An `application/x-www-form-urlencoded` body or query decoded the way Stripe reads it: `+`
/// is a space, `%XX` a byte, and `a[b][c]` names (brackets literal or percent-encoded) a nested
/// field. Names are kept in their decoded, literal-bracket form (`address[line1]`).
struct FakeForm: Sendable, Equatable {
    var fields: [String: String]

    /// `nil` for bytes that are not a valid form (bad percent escape, not UTF-8).
    init?(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { return nil }
            guard let value = parts.count == 2 ? Self.decode(parts[1]) : "" else { return nil }
            fields[name] = value
        }
        self.fields = fields
    }

    init(fields: [String: String] = [:]) {
        self.fields = fields
    }

    subscript(name: String) -> String? { fields[name] }

    /// Indexes present under `prefix[i]`, ascending (`line_items` → 0, 1, ...).
    func indexes(under prefix: String) -> [Int] {
        Set(fields.keys.compactMap { key -> Int? in
            guard let path = formPath(key), path.first == prefix, path.count > 1 else { return nil }
            return Int(path[1])
        }).sorted()
    }

    /// `prefix[k]=v` entries as a dictionary (metadata).
    func dictionary(under prefix: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in fields {
            guard let path = formPath(key), path.count == prefix.count + 1, Array(path.prefix(prefix.count)) == prefix,
                let last = path.last
            else { continue }
            result[last] = value
        }
        return result
    }

    private static func decode(_ raw: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(raw.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// `a[b][c]` as `["a", "b", "c"]`; `nil` when the brackets do not pair up.
func formPath(_ name: String) -> [String]? {
    guard let open = name.firstIndex(of: "[") else { return [name] }
    var path = [String(name[..<open])]
    var rest = name[open...]
    while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
        path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
        rest = rest[rest.index(after: close)...]
    }
    return path.first?.isEmpty == false ? path : nil
}

/// The shape of an endpoint's parameters, for rejecting what Stripe would not accept.
indirect enum ParamSchema: Sendable {
    /// A string, number or boolean.
    case value
    /// Free-form string keys (`metadata`, `payload`).
    case dictionary
    /// Known keys only.
    case object([String: ParamSchema])
    /// `name[0][...]`, `name[1][...]`.
    case list(ParamSchema)

    static let expand = ParamSchema.list(.value)

    /// The name of the first field that does not fit, with whether it is unknown (versus
    /// misshapen), or `nil` when all fit.
    func firstMismatch(in form: FakeForm) -> (param: String, unknown: Bool)? {
        for name in form.fields.keys.sorted() {
            guard let path = formPath(name) else { return (name, false) }
            if let unknown = mismatch(path[...]) { return (name, unknown) }
        }
        return nil
    }

    /// `nil` if `path` fits; `true` if it names an unknown key; `false` if it is misshapen.
    private func mismatch(_ path: ArraySlice<String>) -> Bool? {
        switch self {
        case .value:
            return path.isEmpty ? nil : false
        case .dictionary:
            return path.count == 1 && !(path.first ?? "").isEmpty ? nil : false
        case .object(let keys):
            guard let key = path.first else { return false }
            guard let schema = keys[key] else { return true }
            return schema.mismatch(path.dropFirst())
        case .list(let element):
            // `expand[]=x` and `expand[0]=x` are both lists.
            guard let index = path.first, index.isEmpty || Int(index) != nil else { return false }
            return element.mismatch(path.dropFirst())
        }
    }
}
