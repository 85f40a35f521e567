import FlowstaAccounts
import FlowstaServer
import Foundation
import Testing

/// TOTP (issue #20): the server's generator against RFC 6238's test vectors, and the checks
/// around it (window, single use, input shape).
@Suite struct TOTPTests {
    static let generator = HummingbirdOneTimePasswords()

    /// RFC 6238 Appendix B, SHA-1, 8 digits, key "12345678901234567890".
    @Test(arguments: [
        (59.0, 94_287_082), (1_111_111_109, 7_081_804), (1_111_111_111, 14_050_471), (1_234_567_890, 89_005_924),
        (2_000_000_000, 69_279_037), (20_000_000_000, 65_353_130),
    ])
    func matchesRFC6238(_ time: Double, _ code: Int) {
        #expect(Self.generator.code(secret: "12345678901234567890", at: Date(timeIntervalSince1970: time), digits: 8, period: 30) == code)
    }

    @Test func acceptsTheWindowOnceAndNothingElse() throws {
        let verifier = TOTPVerifier(generator: Self.generator)
        let secret = TOTP.newSecret()
        let now = Date(timeIntervalSince1970: 1_900_000_015)
        let step = TOTP.step(of: now)
        func code(_ offset: Int64) -> String {
            let value = Self.generator.code(secret: secret, at: Date(timeIntervalSince1970: Double(step + offset) * 30), digits: 6, period: 30)
            return String(format: "%06d", value)
        }
        #expect(verifier.matchingStep(code: code(0), secret: secret, now: now, after: nil) == step)
        #expect(verifier.matchingStep(code: code(-1), secret: secret, now: now, after: nil) == step - 1, "a code from the step before")
        #expect(verifier.matchingStep(code: code(1), secret: secret, now: now, after: nil) == step + 1, "and from the next")
        #expect(verifier.matchingStep(code: code(-2), secret: secret, now: now, after: nil) == nil, "not two steps away")
        #expect(verifier.matchingStep(code: code(0), secret: secret, now: now, after: step) == nil, "a code is good once")
        #expect(verifier.matchingStep(code: code(-1), secret: secret, now: now, after: step) == nil, "nor one older than the last used")
        #expect(verifier.matchingStep(code: code(1), secret: secret, now: now, after: step) == step + 1)
        #expect(verifier.matchingStep(code: code(0), secret: TOTP.newSecret(), now: now, after: nil) == nil, "another secret")
    }

    @Test(arguments: ["", "12345", "1234567", "12a456", " 12345", "١٢٣٤٥٦", "12345\n"])
    func refusesWhatIsNotSixDigits(_ code: String) {
        #expect(TOTPVerifier(generator: Self.generator).matchingStep(code: code, secret: "x", now: Date(), after: nil) == nil)
    }

    @Test func secretsAreBase32Of160RandomBits() {
        let secrets = (0..<50).map { _ in TOTP.newSecret() }
        #expect(Set(secrets).count == 50)
        for secret in secrets {
            #expect(secret.count == 32)
            #expect(secret.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        }
    }
}
