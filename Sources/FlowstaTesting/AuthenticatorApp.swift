import Foundation

/// What an authenticator app does with the key it is given: RFC 4648 base32 decoding (written
/// here apart from the server's encoder, so tests check one against the other).
public enum AuthenticatorApp {
    /// The bytes of a base32 key (case and padding ignored); `nil` for other characters.
    public static func keyBytes(_ key: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var buffer = 0
        var bits = 0
        var bytes: [UInt8] = []
        for character in key.uppercased() where character != "=" {
            guard let index = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | index
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return bytes
    }

    /// The key as the HMAC key string HummingbirdOTP takes (the server's secrets are ASCII).
    public static func secret(fromKey key: String) -> String? {
        keyBytes(key).map { String(decoding: $0, as: UTF8.self) }
    }
}
