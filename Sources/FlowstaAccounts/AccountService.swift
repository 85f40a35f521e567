import FlowstaCore
import FlowstaCrypto
import Foundation
import Synchronization

/// Account protocol logic: OPAQUE registration and login, sessions and profiles.
///
/// Takes and returns values only; the HTTP layer parses requests into these calls and encodes
/// the results. Storage, clock and keys are injected.
public struct AccountService: Sendable {
    /// Tunables with the defaults of DESIGN §4 and issue #2.
    public struct Configuration: Sendable {
        /// How long a login state lives between `KE2` and `KE3`.
        public var loginStateLifetime: TimeInterval = 60
        /// Session lifetime.
        public var sessionLifetime: TimeInterval = 7 * 24 * 3600
        /// How recent the session's sign-in must be for a password change or an account
        /// deletion (issue #15: a stolen session cookie alone must not take the account over).
        public var reauthenticationWindow: TimeInterval = 5 * 60
        /// Leading zero bits of the sign-up proof of work (``ProofOfWork``); `0` turns it off.
        public var signupProofDifficulty = 20
        /// The server's public base URL, for the links in mail (`/reset`, `/verify-email`).
        public var publicBaseURL = "http://localhost:8080"
        /// How long the client has, after proving the recovery code, to set the new password.
        public var recoveryTokenLifetime: TimeInterval = 10 * 60
        /// How long a password-reset link works.
        public var resetTokenLifetime: TimeInterval = 30 * 60
        /// How long an email verification link works.
        public var verificationTokenLifetime: TimeInterval = 24 * 3600
        /// Reset links mailed to one account in 24 hours, at most (more requests send nothing).
        public var resetMailsPerDay = 3
        /// Look the address up and mail the reset link after answering (so the answer's timing
        /// does not tell whether the address has an account); tests turn it off to read the
        /// mail at once.
        public var resetMailInBackground = true
        /// Verification links mailed to one account in 24 hours, at most.
        public var verificationMailsPerDay = 5
        /// Sessions listed on the account page, at most.
        public var sessionListLimit = 100
        /// The name authenticator apps show for the account (`otpauth://` issuer).
        public var authenticatorIssuer = "Flowsta"
        /// How long a sign-in waits for its second factor after the password.
        public var secondFactorLifetime: TimeInterval = 5 * 60
        /// Wrong codes one sign-in may send before the password must be given again.
        public var secondFactorAttemptsPerSignIn = 5
        /// Codes (right or wrong) one account may be sent per hour, across all sign-ins, resets and
        /// enrolments: an attacker who has the password gets this many guesses at a 6-digit code.
        public var secondFactorAttemptsPerHour = 10
        /// How long a WebAuthn challenge (adding a passkey, signing in with one) waits.
        public var passkeyCeremonyLifetime: TimeInterval = 5 * 60
        public init() {}
    }

    let users: any UserRepository
    let sessions: any SessionRepository
    let keys: any KeyRepository
    let tokens: any AccountTokenRepository
    let logins: any LoginStateRepository
    let keyRing: KeyRing
    let opaque: OPAQUEServer
    let time: any TimeSource
    let configuration: Configuration
    let emailIndex: KeyedHasher
    let tokenHasher: KeyedHasher
    let loginHasher: KeyedHasher
    let deviceHasher: KeyedHasher
    let sessionIDHasher: KeyedHasher
    let throttle: any LoginLimiter
    let secondFactors: any SecondFactorRepository
    let codeVerifier: TOTPVerifier
    let codeAttempts: any SharedCounters
    let secondFactorHasher: KeyedHasher
    let passkeys: any PasskeyRepository
    let signingKeys: any UserSigningKeyRepository
    let deviceKeys: any DeviceKeyRepository
    let pictures: any ProfilePictureRepository
    /// The WebAuthn relying party: the public base URL's host and origin.
    let relyingParty: PasskeyCeremony
    let mailer: (any AccountMailer)?
    let addressNotices = AddressNotices()
    /// Told of every session a sign-out or password change ends.
    public let sessionEnds = SessionEndRelay()
    /// The sign-up proof of work's challenges.
    public let signupChallenges: SignupChallenges

    public init(
        users: any UserRepository,
        sessions: any SessionRepository,
        logins: any LoginStateRepository,
        keys: any KeyRepository,
        tokens: any AccountTokenRepository,
        keyRing: KeyRing,
        opaqueSetup: OPAQUEServerSetup,
        throttle: any LoginLimiter,
        secondFactors: SecondFactorStorage,
        signingKeys: any UserSigningKeyRepository,
        deviceKeys: any DeviceKeyRepository = EphemeralDeviceKeyRepository(),
        pictures: any ProfilePictureRepository = EphemeralProfilePictureRepository(),
        time: any TimeSource = SystemTimeSource(),
        configuration: Configuration = Configuration(),
        mailer: (any AccountMailer)? = nil
    ) {
        self.mailer = mailer
        self.secondFactors = secondFactors.repository
        self.codeVerifier = TOTPVerifier(generator: secondFactors.generator)
        self.codeAttempts = secondFactors.attempts
        self.secondFactorHasher = keyRing.keyedHasher(purpose: "second-factor")
        self.passkeys = secondFactors.passkeys
        self.signingKeys = signingKeys
        self.deviceKeys = deviceKeys
        self.pictures = pictures
        self.relyingParty = PasskeyCeremony(publicBaseURL: configuration.publicBaseURL)
        self.throttle = throttle
        self.users = users
        self.sessions = sessions
        self.logins = logins
        self.keys = keys
        self.tokens = tokens
        self.keyRing = keyRing
        self.opaque = OPAQUEServer(setup: opaqueSetup)
        self.time = time
        self.configuration = configuration
        self.emailIndex = keyRing.keyedHasher(purpose: "email-index")
        self.tokenHasher = keyRing.keyedHasher(purpose: "session-token")
        self.loginHasher = keyRing.keyedHasher(purpose: "login-id")
        self.deviceHasher = keyRing.keyedHasher(purpose: "login-device")
        self.sessionIDHasher = keyRing.keyedHasher(purpose: "session-id")
        self.signupChallenges = SignupChallenges(difficulty: configuration.signupProofDifficulty, keyRing: keyRing, time: time)
    }

    /// Loads the OPAQUE server setup sealed in `secrets`, creating it on first start.
    public static func loadOrCreateOPAQUESetup(secrets: any SecretRepository, keyRing: KeyRing) async throws -> OPAQUEServerSetup {
        let name = "opaque.server-setup"
        let context = "server_secrets:" + name
        if let sealed = try await secrets.load(name: name) {
            return try OPAQUEServerSetup(bytes: keyRing.open(sealed, context: context))
        }
        let fresh = try keyRing.seal(OPAQUEServerSetup.generate().bytes, context: context)
        let stored = try await secrets.insertIfAbsent(name: name, value: fresh)
        return try OPAQUEServerSetup(bytes: keyRing.open(stored, context: context))
    }

    /// Decodes a base64url field into bytes, naming the field in the error.
    static func bytes(_ value: String, field: String) throws -> [UInt8] {
        guard let bytes = Base64URL.decode(value) else {
            throw AccountError.invalidRequest("\(field) is not valid base64url (no padding)")
        }
        return bytes
    }

    /// Parses an OPAQUE message, turning a crypto error into a client-facing one.
    static func message<Message>(_ field: String, _ value: String, _ parse: ([UInt8]) throws -> Message) throws -> Message {
        let raw = try bytes(value, field: field)
        do {
            return try parse(raw)
        } catch let error as OPAQUEError {
            switch error {
            case .invalidLength(_, let expected, let actual):
                throw AccountError.invalidRequest("\(field) must be \(expected) bytes, got \(actual)")
            case .identityElement:
                throw AccountError.invalidRequest("\(field) contains the identity element")
            default:
                throw AccountError.invalidRequest("\(field) is not a valid OPAQUE message")
            }
        }
    }

    /// - Throws: ``AccountError/reauthenticationRequired(withinSeconds:)`` unless the session's
    ///   OPAQUE sign-in is within the reauthentication window.
    public func requireFreshSignIn(_ session: AuthenticatedSession) throws {
        let window = configuration.reauthenticationWindow
        guard time.now.timeIntervalSince(session.authenticatedAt) <= window else {
            throw AccountError.reauthenticationRequired(withinSeconds: Int(window))
        }
    }

    static func validUsername(_ raw: String) throws -> Username {
        guard let username = Username(raw) else { throw AccountError.invalidUsername }
        return username
    }
}

/// Which addresses were sent an "address in use" notice today (in memory, bounded).
final class AddressNotices: Sendable {
    static let capacity = 10_000
    private let state = Mutex<(day: Int, sent: Set<String>)>((0, []))

    /// Whether to send to `index` now (and records that it is sent).
    func shouldSend(_ index: String, now: Date) -> Bool {
        let day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        return state.withLock { state in
            if state.day != day || state.sent.count >= Self.capacity { state = (day, []) }
            return state.sent.insert(index).inserted
        }
    }
}
