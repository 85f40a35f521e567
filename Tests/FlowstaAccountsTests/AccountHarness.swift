import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import HummingbirdOTP

/// An account service on in-memory stores with a fixed clock. The client uses the identity KSF
/// so tests run fast; the server does not depend on the client's KSF.
struct AccountHarness {
    let time = FixedTimeSource()
    let sessions = InMemorySessionRepository()
    let logins = InMemoryLoginStateRepository()
    let users: InMemoryUserRepository
    let vault = InMemoryVaultRepository()
    let keys: InMemoryKeyRepository
    let tokens = InMemoryAccountTokenRepository()
    let service: AccountService
    let client = OPAQUEClient(configuration: OPAQUEConfiguration(ksf: .identity))
    let mail = CapturingMailer()
    let secondFactors = InMemorySecondFactorRepository()
    let codeAttempts = InMemorySharedCounters()
    let passkeys = InMemoryPasskeyRepository()

    /// The sign-up proof of work is the server's business (SignupProofTests there); the
    /// engine's tests register without one.
    static var configuration: AccountService.Configuration {
        var configuration = AccountService.Configuration()
        configuration.signupProofDifficulty = 0
        configuration.resetMailInBackground = false
        return configuration
    }

    init(limits: LoginThrottle.Limits = .init(perUsername: 1000, perAddress: 1000)) async throws {
        users = InMemoryUserRepository(sessions: sessions, logins: logins)
        keys = InMemoryKeyRepository(users: users, sessions: sessions, vault: vault, passkeys: passkeys)
        let keyRing = try KeyRing(kek: SecureRandom.bytes(32))
        let setup = try await AccountService.loadOrCreateOPAQUESetup(secrets: InMemorySecretRepository(), keyRing: keyRing)
        service = AccountService(
            users: users, sessions: sessions, logins: logins, keys: keys, tokens: tokens, keyRing: keyRing, opaqueSetup: setup,
            throttle: LoginThrottle(limits: limits, time: time),
            secondFactors: SecondFactorStorage(repository: secondFactors, generator: OneTimePasswords(), attempts: codeAttempts, passkeys: passkeys),
            signingKeys: InMemoryUserSigningKeyRepository(users: users),
            time: time, configuration: Self.configuration, mailer: mail
        )
    }

    @discardableResult
    func register(_ username: String, _ password: String, email: String? = nil, session: AuthenticatedSession? = nil) async throws -> UserProfile {
        let (request, state) = try client.startRegistration(password: Array(password.utf8))
        let response = try await service.registrationStart(username: username, request: Base64URL.encode(request.bytes), session: session)
        let (record, _) = try client.finishRegistration(state: state, response: RegistrationResponse(bytes: Base64URL.decode(response)!))
        let input = RegistrationInput(username: username, registrationRecord: Base64URL.encode(record.bytes), email: email)
        return try await service.registrationFinish(input, session: session).profile
    }

    /// Runs KE1/KE2; returns the login id and the KE3 the client computed (nil when the client
    /// itself rejected KE2, i.e. a wrong password).
    func startLogin(_ username: String, _ password: String) async throws -> (loginID: String, ke3: String?) {
        let (ke1, state) = try client.startLogin(password: Array(password.utf8))
        let (loginID, ke2) = try await service.loginStart(username: username, ke1: Base64URL.encode(ke1.bytes), clientAddress: [127, 0, 0, 1])
        let ke3 = try? client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(ke2)!)).ke3
        return (loginID, ke3.map { Base64URL.encode($0.bytes) })
    }

    func login(_ username: String, _ password: String) async throws -> SignIn {
        let (loginID, ke3) = try await startLogin(username, password)
        guard let ke3 else { throw AccountError.invalidCredentials }
        guard let signIn = try await service.loginFinish(loginID: loginID, ke3: ke3).signIn else { throw AccountError.secondFactorRequired }
        return signIn
    }

    /// A KE3 of the right size that is not the right MAC.
    static let forgedKE3 = Base64URL.encode([UInt8](repeating: 7, count: 64))
}

/// Authenticator codes as the server computes them (HummingbirdOTP).
struct OneTimePasswords: OneTimePasswordGenerator {
    func code(secret: String, at date: Date, digits: Int, period: Int) -> Int {
        TOTP(secret: secret, length: digits, timeStep: period, hashFunction: .sha1).compute(date: date)
    }
}
