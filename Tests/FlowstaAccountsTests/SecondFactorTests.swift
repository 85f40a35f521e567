import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Testing

/// Issue #20: an authenticator app (TOTP) and backup codes as the second factor of a sign-in,
/// of a reset and of a recovery — on the engine with in-memory stores.
@Suite struct SecondFactorTests {
    /// A user with a verified address (security notices go there) and a confirmed authenticator.
    struct Enrolled {
        var account: AccountHarness.Account
        var secret: String
        var backupCodes: [String]
    }

    static func code(_ secret: String, at date: Date) -> String {
        String(format: "%06d", OneTimePasswords().code(secret: secret, at: date, digits: 6, period: 30))
    }

    /// A 6-digit code that is none of the codes accepted at `date`.
    static func wrong(_ secret: String, at date: Date) -> String {
        let accepted = Set([-30.0, 0, 30].map { code(secret, at: date.addingTimeInterval($0)) })
        return (0..<4).map { String(format: "%06d", $0) }.first { !accepted.contains($0) } ?? "999999"
    }

    static func enrol(_ harness: AccountHarness, _ username: String) async throws -> Enrolled {
        let address = "\(username)@example.com"
        let account = try await harness.signUp(username, "pw of \(username)", email: address)
        _ = try await harness.service.verifyEmail(token: try harness.mailedToken(to: address, subject: "Verify"))
        let session = try await harness.service.authenticate(sessionToken: try await harness.login(username, "pw of \(username)").sessionToken)
        let enrolment = try await harness.service.startTOTPEnrolment(session)
        let secret = try requireValue(AuthenticatorApp.secret(fromKey: enrolment.secret))
        let codes = try await harness.service.confirmTOTP(session, code: code(secret, at: harness.time.now))
        return Enrolled(account: account, secret: secret, backupCodes: codes)
    }

    /// The password step of a sign-in: the login token it answers with.
    static func passwordStep(_ harness: AccountHarness, _ username: String) async throws -> String {
        let (loginID, ke3) = try await harness.startLogin(username, "pw of \(username)")
        guard case .secondFactorRequired(let token, _, _) = try await harness.service.loginFinish(loginID: loginID, ke3: try #require(ke3)) else {
            Issue.record("a user with an authenticator was signed in by the password alone")
            throw MissingValue()
        }
        return token
    }

    @Test func enrolmentNeedsAFreshSignInAndAFirstRightCode() async throws {
        let harness = try await AccountHarness()
        _ = try await harness.signUp("amy", "pw of amy")
        let session = try await harness.service.authenticate(sessionToken: try await harness.login("amy", "pw of amy").sessionToken)
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) { _ = try await harness.service.startTOTPEnrolment(session) }

        let fresh = try await harness.service.authenticate(sessionToken: try await harness.login("amy", "pw of amy").sessionToken)
        let enrolment = try await harness.service.startTOTPEnrolment(fresh)
        // The app's key is the base32 of the 32-character secret (HMAC key of 160 random bits).
        #expect(enrolment.secret.count == 52 && enrolment.secret.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        #expect(enrolment.uri == "otpauth://totp/Flowsta:amy?secret=\(enrolment.secret)&issuer=Flowsta&algorithm=SHA1&digits=6&period=30")
        let secret = try #require(AuthenticatorApp.secret(fromKey: enrolment.secret))
        #expect(secret.count == 32)
        // The secret is stored sealed, never in clear.
        let stored = try #require(await harness.secondFactors.totp(userID: fresh.user.id))
        #expect(Data(stored.sealedSecret).range(of: Data(secret.utf8)) == nil)
        #expect(Data(stored.sealedSecret).range(of: Data(enrolment.secret.utf8)) == nil)
        // Until confirmed, signing in takes the password alone.
        #expect(try await harness.login("amy", "pw of amy").profile.username == "amy")
        #expect(try await harness.service.secondFactorStatus(userID: fresh.user.id) == SecondFactorStatus(totpConfirmedAt: nil, totpPending: true, backupCodesLeft: 0))

        await #expect(throws: AccountError.invalidCode(attemptsLeft: nil)) { _ = try await harness.service.confirmTOTP(fresh, code: "12345") }
        let wrong = Self.code(secret, at: harness.time.now.addingTimeInterval(-120))
        await #expect(throws: AccountError.invalidCode(attemptsLeft: nil)) { _ = try await harness.service.confirmTOTP(fresh, code: wrong) }
        let codes = try await harness.service.confirmTOTP(fresh, code: Self.code(secret, at: harness.time.now))
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 11 && BackupCodes.normalized($0) != nil })
        #expect(try await harness.service.secondFactorStatus(userID: fresh.user.id).backupCodesLeft == 10)
        // A second enrolment is refused while one is on.
        await #expect(throws: AccountError.secondFactorExists) { _ = try await harness.service.startTOTPEnrolment(fresh) }
        await #expect(throws: AccountError.noSecondFactor) { _ = try await harness.service.confirmTOTP(fresh, code: "000000") }
    }

    /// RFC 4648 §10's base32 test vectors, through the app key of a secret.
    @Test(arguments: [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")])
    func appKeysAreBase32(_ secret: String, _ key: String) {
        #expect(TOTP.appKey(of: secret) == key)
        #expect(AuthenticatorApp.secret(fromKey: key) == secret)
    }

    @Test func signingInTakesTheCodeAndTheCodeIsGoodOnce() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "ben")
        harness.time.advance(by: 60)
        let token = try await Self.passwordStep(harness, "ben")
        let code = Self.code(enrolled.secret, at: harness.time.now)
        let signIn = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(code))
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        #expect(session.methods == .passwordAndCode && session.methods.values == ["pwd", "otp", "mfa"])
        // The login token is spent, and so is the code (and the steps before it).
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(code)) }
        let again = try await Self.passwordStep(harness, "ben")
        await #expect(throws: AccountError.invalidCode(attemptsLeft: 4)) { _ = try await harness.service.finishSecondFactor(loginToken: again, proof: .code(code)) }
        let older = Self.code(enrolled.secret, at: harness.time.now.addingTimeInterval(-30))
        await #expect(throws: AccountError.invalidCode(attemptsLeft: 3)) { _ = try await harness.service.finishSecondFactor(loginToken: again, proof: .code(older)) }
        // The next step's code works (clocks drift), within the same login token.
        let next = Self.code(enrolled.secret, at: harness.time.now.addingTimeInterval(30))
        _ = try await harness.service.finishSecondFactor(loginToken: again, proof: .code(next))
    }

    @Test func aSignInHasFiveTriesAndALoginTokenExpires() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "cleo")
        let token = try await Self.passwordStep(harness, "cleo")
        let wrong = Self.wrong(enrolled.secret, at: harness.time.now)
        for left in [4, 3, 2, 1, 0] {
            await #expect(throws: AccountError.invalidCode(attemptsLeft: left)) {
                _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(wrong))
            }
        }
        // Spent: even the right code needs the password again.
        let right = Self.code(enrolled.secret, at: harness.time.now)
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(right)) }
        let late = try await Self.passwordStep(harness, "cleo")
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.invalidLogin) {
            _ = try await harness.service.finishSecondFactor(loginToken: late, proof: .code(Self.code(enrolled.secret, at: harness.time.now)))
        }
        await #expect(throws: AccountError.invalidLogin) { _ = try await harness.service.finishSecondFactor(loginToken: String(repeating: "a", count: 129), proof: .code(right)) }
    }

    @Test func tenWrongCodesAnHourStopCodesAndMailTheUser() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "dora")
        harness.time.advance(by: 3_600 - harness.time.now.timeIntervalSince1970.truncatingRemainder(dividingBy: 3_600))
        for _ in 0..<2 {
            let token = try await Self.passwordStep(harness, "dora")
            let wrong = Self.wrong(enrolled.secret, at: harness.time.now)
            for _ in 0..<5 {
                await #expect(throws: AccountError.self) { _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(wrong)) }
            }
        }
        #expect(harness.mail.messages.filter { $0.subject.contains("Someone is trying") }.count == 1)
        // Now even the right code is refused until the hour is over.
        let token = try await Self.passwordStep(harness, "dora")
        let right = Self.code(enrolled.secret, at: harness.time.now)
        await #expect(throws: AccountError.rateLimited(retryAfterSeconds: 3_600)) {
            _ = try await harness.service.finishSecondFactor(loginToken: token, proof: .code(right))
        }
        harness.time.advance(by: 3_600)
        let later = try await Self.passwordStep(harness, "dora")
        _ = try await harness.service.finishSecondFactor(loginToken: later, proof: .code(Self.code(enrolled.secret, at: harness.time.now)))
    }

    @Test func backupCodesAreSingleUseReadLenientlyAndRegenerable() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "eve")
        let first = try #require(enrolled.backupCodes.first)
        let typed = " " + first.uppercased().replacingOccurrences(of: "-", with: " ") + " "
        let signIn = try await harness.service.finishSecondFactor(loginToken: try await Self.passwordStep(harness, "eve"), proof: .backupCode(typed))
        #expect(try await harness.service.authenticate(sessionToken: signIn.sessionToken).methods.isMultiFactor)
        #expect(try await harness.service.secondFactorStatus(userID: signIn.profile.id).backupCodesLeft == 9)
        await #expect(throws: AccountError.invalidCode(attemptsLeft: 4)) {
            _ = try await harness.service.finishSecondFactor(loginToken: try await Self.passwordStep(harness, "eve"), proof: .backupCode(first))
        }
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        let fresh = try await harness.service.regenerateBackupCodes(session)
        #expect(Set(fresh).isDisjoint(with: enrolled.backupCodes))
        await #expect(throws: AccountError.invalidCode(attemptsLeft: 4)) {
            _ = try await harness.service.finishSecondFactor(loginToken: try await Self.passwordStep(harness, "eve"), proof: .backupCode(enrolled.backupCodes[1]))
        }
        _ = try await harness.service.finishSecondFactor(loginToken: try await Self.passwordStep(harness, "eve"), proof: .backupCode(fresh[0]))
        #expect(harness.mail.messages.contains { $0.to == "eve@example.com" && $0.subject.contains("New backup codes") })
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) { _ = try await harness.service.regenerateBackupCodes(session) }
    }

    @Test func removingTheAuthenticatorNeedsAFreshSignInAndAlertsTheUser() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "finn")
        #expect(harness.mail.messages.contains { $0.to == "finn@example.com" && $0.subject.contains("second factor was added") })
        // The enrolment spent this step's code: the next sign-in is in the next step.
        harness.time.advance(by: 30)
        let signIn = try await harness.service.finishSecondFactor(
            loginToken: try await Self.passwordStep(harness, "finn"), proof: .code(Self.code(enrolled.secret, at: harness.time.now))
        )
        let session = try await harness.service.authenticate(sessionToken: signIn.sessionToken)
        harness.time.advance(by: 301)
        await #expect(throws: AccountError.reauthenticationRequired(withinSeconds: 300)) { try await harness.service.removeTOTP(session) }
        let fresh = try await harness.service.finishSecondFactor(
            loginToken: try await Self.passwordStep(harness, "finn"), proof: .code(Self.code(enrolled.secret, at: harness.time.now))
        )
        try await harness.service.removeTOTP(try await harness.service.authenticate(sessionToken: fresh.sessionToken))
        #expect(harness.mail.messages.contains { $0.to == "finn@example.com" && $0.subject.contains("was removed") })
        #expect(await harness.secondFactors.unusedBackupCodes(userID: signIn.profile.id) == 0)
        // The password alone signs in again.
        #expect(try await harness.service.authenticate(sessionToken: try await harness.login("finn", "pw of finn").sessionToken).methods == .password)
    }

    @Test func aResetOrARecoveryTakesTheSecondFactorBeforeAnythingChanges() async throws {
        let harness = try await AccountHarness()
        let enrolled = try await Self.enrol(harness, "gus")
        // Recovery with the recovery code: the code alone does not take the account over.
        let (ke1, state) = try harness.client.startLogin(password: Array(enrolled.account.recoveryCode.normalized.utf8))
        let start = try await harness.service.recoveryStart(username: "gus", ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        let (ke3, _, _) = try harness.client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(start.ke2)!))
        let (request, registration) = try harness.client.startRegistration(password: Array("new pw of gus".utf8))
        let proof = try await harness.service.recoveryFinish(loginID: start.loginID, ke3: Base64URL.encode(ke3.bytes), registrationRequest: Base64URL.encode(request.bytes))
        #expect(proof.secondFactorRequired)
        let (record, exportKey) = try harness.client.finishRegistration(state: registration, response: RegistrationResponse(bytes: Base64URL.decode(proof.registrationResponse)!))
        let envelope = try harness.seal(enrolled.account.rootKey.bytes, .password, exportKey, proof.userID)
        await #expect(throws: AccountError.secondFactorRequired) {
            _ = try await harness.service.recoveryComplete(recoveryToken: proof.recoveryToken, registrationRecord: Base64URL.encode(record.bytes), envelope: envelope)
        }
        await #expect(throws: AccountError.invalidCode(attemptsLeft: nil)) {
            _ = try await harness.service.recoveryComplete(
                recoveryToken: proof.recoveryToken, registrationRecord: Base64URL.encode(record.bytes), envelope: envelope,
                secondFactor: .code(Self.wrong(enrolled.secret, at: harness.time.now))
            )
        }
        // Nothing changed: the old password still signs in (to the code step).
        _ = try await Self.passwordStep(harness, "gus")
        let signIn = try await harness.service.recoveryComplete(
            recoveryToken: proof.recoveryToken, registrationRecord: Base64URL.encode(record.bytes), envelope: envelope,
            secondFactor: .backupCode(enrolled.backupCodes[0])
        )
        #expect(try await harness.service.authenticate(sessionToken: signIn.sessionToken).methods.isMultiFactor)

        // A reset link: refused without a code, before the new password is set.
        try await harness.service.requestPasswordReset(email: "gus@example.com")
        let token = try harness.mailedToken(to: "gus@example.com", subject: "Reset")
        let (resetRequest, resetRegistration) = try harness.client.startRegistration(password: Array("reset pw of gus".utf8))
        let resetStart = try await harness.service.resetStart(token: token, registrationRequest: Base64URL.encode(resetRequest.bytes), recoveryRegistrationRequest: nil)
        #expect(resetStart.secondFactorRequired)
        let (resetRecord, resetKey) = try harness.client.finishRegistration(state: resetRegistration, response: RegistrationResponse(bytes: Base64URL.decode(resetStart.registrationResponse)!))
        let input = ResetInput(token: token, registrationRecord: Base64URL.encode(resetRecord.bytes), envelope: try harness.seal(RootKey.generate().bytes, .password, resetKey, resetStart.userID))
        await #expect(throws: AccountError.secondFactorRequired) { _ = try await harness.service.resetComplete(input) }
        var withCode = input
        harness.time.advance(by: 30)
        withCode.secondFactor = .code(Self.code(enrolled.secret, at: harness.time.now))
        let reset = try await harness.service.resetComplete(withCode)
        #expect(try await harness.service.authenticate(sessionToken: reset.sessionToken).methods.isMultiFactor)
        // The authenticator stays with the account: the new password leads to the code step.
        let (loginID, newKE3) = try await harness.startLogin("gus", "reset pw of gus")
        guard case .secondFactorRequired = try await harness.service.loginFinish(loginID: loginID, ke3: try #require(newKE3)) else {
            Issue.record("the reset dropped the second factor")
            return
        }
    }
}
