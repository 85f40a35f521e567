import Foundation

/// User codes (RFC 8628 §6.1): 8 characters of 20 consonants (no vowels, so no words; none of
/// the letters people confuse with digits), shown as `BCDF-GHJK`: 20^8 ≈ 2^34.6 codes, alive 10
/// minutes, and a signed-in user may type only a few wrong ones.
public enum UserCode {
    public static let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ")
    public static let length = 8

    public static func generate() -> String {
        var characters: [Character] = []
        while characters.count < length {
            // Rejection sampling: 240 = 12 × 20, so every letter is equally likely.
            for byte in SecureRandom.bytes(16) where byte < 240 && characters.count < length {
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(characters.prefix(4)) + "-" + String(characters.dropFirst(4))
    }

    /// What a person typed, as stored: uppercase, hyphens and spaces dropped; `nil` unless it
    /// is then 8 letters of the alphabet.
    public static func normalize(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { $0 != "-" && $0 != " " }
        guard letters.count == length, letters.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return letters
    }
}
