import FlowstaCrypto

/// Backup codes for the second factor (issue #20): single-use codes the user keeps on paper for
/// when the authenticator is lost. Distinct from the account's recovery code, which opens the
/// root key; a backup code only stands in for one authenticator code.
///
/// A code is 10 characters of Crockford's base32 (50 bits) shown as `xxxxx-xxxxx`; what the
/// user types is read leniently (case, spaces and hyphens ignored, `i`/`l` read as `1` and `o`
/// as `0`). Only keyed hashes of the normalized codes are stored.
public enum BackupCodes {
    /// Codes made at a time.
    public static let count = 10
    static let length = 10
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// `count` new codes as shown to the user.
    public static func generate() -> [String] {
        (0..<count).map { _ in
            // 32 symbols: the low 5 bits of a random byte are uniform.
            let symbols = SecureRandom.bytes(length).map { alphabet[Int($0 & 31)] }
            return String(decoding: symbols.prefix(5), as: UTF8.self) + "-" + String(decoding: symbols.suffix(5), as: UTF8.self)
        }
    }

    /// The canonical form of a typed code, or `nil` when it cannot be one.
    public static func normalized(_ typed: String) -> String? {
        guard typed.utf8.count <= 64 else { return nil }
        var symbols: [UInt8] = []
        for byte in typed.lowercased().utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: " "): continue
            case UInt8(ascii: "i"), UInt8(ascii: "l"): symbols.append(UInt8(ascii: "1"))
            case UInt8(ascii: "o"): symbols.append(UInt8(ascii: "0"))
            case let byte where alphabet.contains(byte): symbols.append(byte)
            default: return nil
            }
        }
        return symbols.count == length ? String(decoding: symbols, as: UTF8.self) : nil
    }
}
