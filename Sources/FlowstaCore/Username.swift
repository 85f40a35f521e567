/// A validated username: 3–30 characters of `[A-Za-z0-9_-]`, starting with a letter.
///
/// Usernames are unique case-insensitively; `normalized` (lowercase) is the uniqueness key and
/// the OPAQUE credential identifier.
public struct Username: Sendable, Hashable, CustomStringConvertible {
    /// The username as the user chose it.
    public let value: String
    /// The lowercase form used for lookups and as the OPAQUE credential identifier.
    public let normalized: String

    public static let lengthRange = 3...30

    /// Validates `raw`, or returns `nil` when it breaks the rules.
    public init?(_ raw: String) {
        let scalars = Array(raw.unicodeScalars)
        guard Self.lengthRange.contains(scalars.count), let first = scalars.first,
              first.isASCIILetter else { return nil }
        for scalar in scalars where !(scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "_" || scalar == "-") {
            return nil
        }
        value = raw
        normalized = raw.lowercased()
    }

    public var description: String { value }

    /// Why a username is refused, in words for an error description.
    public static let rules = "usernames are 3-30 characters of letters, digits, '_' or '-', starting with a letter"
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
