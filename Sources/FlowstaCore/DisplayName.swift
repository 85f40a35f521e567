/// Validation of the free-text profile fields.
public enum ProfileRules {
    /// Display names are at most 64 characters.
    public static let displayNameMaxLength = 64
    /// Email addresses are at most 254 characters (RFC 5321 path limit).
    public static let emailMaxLength = 254

    /// Trims a display name and checks its length and that it holds no control characters.
    public static func displayName(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= displayNameMaxLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return trimmed
    }

    /// A deliberately simple address check: one `@`, a non-empty local part, a dotted domain,
    /// no spaces or control characters. Returns the address with its domain lowercased.
    public static func email(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= emailMaxLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let domain = parts[1].lowercased()
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return "\(parts[0])@\(domain)"
    }
}

import Foundation
