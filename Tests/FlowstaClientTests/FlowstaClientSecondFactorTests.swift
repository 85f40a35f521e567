@testable import FlowstaClient
import FlowstaServer
import FlowstaTesting
import Foundation
import Testing

/// Issue #20: the SDK sets up an authenticator app and signs in with its codes (and a backup
/// code), against a real server with the production KSF.
@Suite struct FlowstaClientSecondFactorTests {
    static func code(_ key: String, at date: Date) throws -> String {
        let secret = try #require(AuthenticatorApp.secret(fromKey: key))
        return String(format: "%06d", HummingbirdOneTimePasswords().code(secret: secret, at: date, digits: 6, period: 30))
    }

    @Test func theSDKTurnsTwoStepSignInOnAndSignsInWithCodes() async throws {
        try await FlowstaClientLiveTests.withServer { baseURL in
            let sdk = FlowstaClient(baseURL: baseURL)
            let registered = try await sdk.register(username: "sdk_2fa", password: "sdk 2fa password")
            #expect(try await sdk.secondFactorStatus().totp.enabled == false)
            let enrolment = try await sdk.startTOTP()
            #expect(enrolment.otpauthURI.contains("secret=\(enrolment.secret)") && enrolment.qrSVG.hasPrefix("<svg"))
            let backupCodes = try await sdk.confirmTOTP(code: try Self.code(enrolment.secret, at: Date()))
            #expect(backupCodes.count == 10)
            #expect(try await sdk.secondFactorStatus() == FlowstaSecondFactorStatus(totp: .init(enabled: true, pending: false), backupCodesLeft: 10))

            // Without a code the password alone opens nothing.
            let other = FlowstaClient(baseURL: baseURL)
            await #expect(throws: FlowstaClientError.secondFactorRequired) { _ = try await other.login(username: "sdk_2fa", password: "sdk 2fa password") }
            #expect(await other.isSignedIn == false)
            // A wrong code is asked again with the attempts left; then the right one (next step:
            // the enrolment spent this one) signs in and opens the same root key.
            let asked = AskedCounts()
            let next = try Self.code(enrolment.secret, at: Date().addingTimeInterval(30))
            let signedIn = try await other.login(username: "sdk_2fa", password: "sdk 2fa password") { left in
                await asked.append(left)
                return left == nil ? .code(next == "000000" ? "111111" : "000000") : .code(next)
            }
            #expect(await asked.values == [nil, 4])
            #expect(signedIn.rootKey?.bytes == registered.rootKey?.bytes)
            // A backup code signs in too, once.
            let third = FlowstaClient(baseURL: baseURL)
            _ = try await third.login(username: "sdk_2fa", password: "sdk 2fa password") { _ in .backupCode(backupCodes[0]) }
            #expect(try await third.secondFactorStatus().backupCodesLeft == 9)
            let fourth = FlowstaClient(baseURL: baseURL)
            await #expect(throws: FlowstaClientError.invalidCode(attemptsLeft: 0)) {
                _ = try await fourth.login(username: "sdk_2fa", password: "sdk 2fa password") { _ in .backupCode(backupCodes[0]) }
            }
            // Fresh sign-ins may turn it off.
            #expect(try await third.newBackupCodes().count == 10)
            try await third.removeTOTP()
            #expect(try await FlowstaClient(baseURL: baseURL).login(username: "sdk_2fa", password: "sdk 2fa password").user.username == "sdk_2fa")
        }
    }
}

actor AskedCounts {
    var values: [Int?] = []
    func append(_ value: Int?) { values.append(value) }
}
