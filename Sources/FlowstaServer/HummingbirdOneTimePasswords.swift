import FlowstaAccounts
import Foundation
import HummingbirdOTP

/// TOTP codes (RFC 6238, HMAC-SHA1) computed by HummingbirdOTP, for ``TOTPVerifier``.
public struct HummingbirdOneTimePasswords: OneTimePasswordGenerator {
    public init() {}

    public func code(secret: String, at date: Date, digits: Int, period: Int) -> Int {
        HummingbirdOTP.TOTP(secret: secret, length: digits, timeStep: period, hashFunction: .sha1).compute(date: date)
    }
}
