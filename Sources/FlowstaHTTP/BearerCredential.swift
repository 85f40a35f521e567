import Foundation

/// The one reading of `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is
/// case-insensitive), for OAuth resource requests, the management API and `/metrics`.
package enum BearerCredential {
    /// The token, or `nil` when the value is not a bearer credential with a token.
    package static func token(_ header: String) -> String? {
        guard header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
