import FlowstaCore
import FlowstaCrypto
import Foundation

/// Time-based one-time passwords (RFC 6238) as a second factor, as every authenticator app
/// reads them from an `otpauth://` link: 6 digits, 30-second steps, HMAC-SHA1.
public enum TOTP {
    public static let digits = 6
    public static let period = 30
    /// Steps accepted on either side of now (clocks drift, people type slowly): a code is good
    /// for 30 to 90 seconds.
    public static let window = 1
    /// The RFC 4648 base32 alphabet of secrets.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// A new secret: 20 random bytes (160 bits, RFC 4226 §4) as 32 characters of base32. The
    /// characters themselves are the HMAC key (HummingbirdOTP's model): an authenticator app is
    /// given ``appKey(of:)``, the base32 of those characters.
    public static func newSecret() -> String { base32(SecureRandom.bytes(20)) }

    /// What an authenticator app is given (the `otpauth://` link's `secret`, or typed by hand):
    /// the base32 (RFC 4648, no padding) of the secret's characters, which apps decode to the key.
    public static func appKey(of secret: String) -> String { base32(Array(secret.utf8)) }

    /// RFC 4648 base32 without padding.
    static func base32(_ bytes: [UInt8]) -> String {
        var bits = 0
        var value = 0
        var text: [UInt8] = []
        for byte in bytes {
            value = ((value << 8) | Int(byte)) & 0xFFFF
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(alphabet[(value >> bits) & 31])
            }
        }
        if bits > 0 { text.append(alphabet[(value << (5 - bits)) & 31]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The time step containing `date` (RFC 6238 §4: T = floor(unix time / 30)).
    public static func step(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }
}

/// Computes one-time passwords; the server's is HummingbirdOTP's (wired in FlowstaServer), so
/// this module stays free of HTTP packages.
public protocol OneTimePasswordGenerator: Sendable {
    /// The `digits`-digit code of `secret` (its UTF-8 bytes are the HMAC-SHA1 key) for the
    /// `period`-second step containing `date`.
    func code(secret: String, at date: Date, digits: Int, period: Int) -> Int
}

/// Checks a code a user typed.
public struct TOTPVerifier: Sendable {
    let generator: any OneTimePasswordGenerator

    public init(generator: any OneTimePasswordGenerator) { self.generator = generator }

    /// The step `code` belongs to, when it is the code of a step within ``TOTP/window`` of
    /// `now` and later than `lastUsedStep` (each code is good once: a step once used, and any
    /// before it, is refused). `nil` otherwise, or when `code` is not 6 ASCII digits.
    public func matchingStep(code: String, secret: String, now: Date, after lastUsedStep: Int64?) -> Int64? {
        guard code.utf8.count == TOTP.digits, code.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let current = TOTP.step(of: now)
        var matched: Int64?
        // Every step in the window is computed and compared, whatever matches, in constant time.
        for offset in -Int64(TOTP.window)...Int64(TOTP.window) {
            let step = current + offset
            let date = Date(timeIntervalSince1970: Double(step) * Double(TOTP.period))
            let expected = Self.format(generator.code(secret: secret, at: date, digits: TOTP.digits, period: TOTP.period))
            if ConstantTime.equal(expected, code), step > (lastUsedStep ?? .min), matched == nil { matched = step }
        }
        return matched
    }

    /// A code as typed: zero-padded to ``TOTP/digits``.
    static func format(_ code: Int) -> String {
        let digits = String(code)
        return String(repeating: "0", count: max(0, TOTP.digits - digits.count)) + digits
    }
}
