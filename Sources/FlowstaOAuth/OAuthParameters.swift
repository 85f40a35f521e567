import Foundation

/// Request parameters (query, form or JSON body) with RFC 6749's rules applied: a parameter
/// sent without a value counts as omitted (§3.1) and none may appear twice (§3.1, §3.2).
public struct OAuthParameters: Sendable, Equatable {
    private var values: [String: String]
    /// Names that appeared more than once.
    public private(set) var duplicated: Set<String>

    public init(pairs: [(String, String)]) {
        var values: [String: String] = [:]
        var duplicated = Set<String>()
        for (name, value) in pairs where !value.isEmpty {
            if values[name] != nil { duplicated.insert(name) }
            values[name] = value
        }
        self.values = values
        self.duplicated = duplicated
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// Every parameter, by name (each once: repeated ones are refused before this is used).
    public var pairs: [(String, String)] { values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Fails with `invalid_request` when any parameter was repeated.
    func requireNoDuplicates() throws {
        if let name = duplicated.sorted().first {
            throw OAuthError.invalidRequest("the \(name) parameter must not be repeated")
        }
    }

    /// The named parameter, or `invalid_request` naming it.
    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw OAuthError.invalidRequest("\(name) is required") }
        return value
    }
}
