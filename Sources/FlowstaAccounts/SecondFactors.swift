import FlowstaCore
import Foundation

/// What the account service needs for second factors: where they are stored, what computes
/// authenticator codes, and where attempts are counted (shared by every instance, so the
/// per-account limit holds for the whole deployment).
public struct SecondFactorStorage: Sendable {
    public var repository: any SecondFactorRepository
    public var generator: any OneTimePasswordGenerator
    public var attempts: any SharedCounters
    public var passkeys: any PasskeyRepository

    public init(
        repository: any SecondFactorRepository, generator: any OneTimePasswordGenerator, attempts: any SharedCounters, passkeys: any PasskeyRepository
    ) {
        self.repository = repository
        self.generator = generator
        self.attempts = attempts
        self.passkeys = passkeys
    }
}

/// A user's authenticator (TOTP) as stored: the secret sealed under the KEK (never stored in
/// clear), confirmed once the user typed a first right code, and the last time step used (a
/// code is good once).
public struct StoredTOTP: Sendable, Equatable {
    public var userID: UUID
    public var sealedSecret: [UInt8]
    public var confirmedAt: Date?
    public var lastUsedStep: Int64?
    public var createdAt: Date

    public init(userID: UUID, sealedSecret: [UInt8], confirmedAt: Date? = nil, lastUsedStep: Int64? = nil, createdAt: Date) {
        self.userID = userID
        self.sealedSecret = sealedSecret
        self.confirmedAt = confirmedAt
        self.lastUsedStep = lastUsedStep
        self.createdAt = createdAt
    }
}

/// Storage of second factors: one authenticator per user and its backup codes (keyed hashes
/// only). Every "use" is one atomic step, so two sign-ins racing with one code cannot both pass.
public protocol SecondFactorRepository: Sendable {
    /// Stores the user's authenticator, replacing any (an enrolment started again).
    func saveTOTP(_ totp: StoredTOTP) async throws
    func totp(userID: UUID) async throws -> StoredTOTP?
    /// Confirms an unconfirmed authenticator with the step of its first code.
    /// - Returns: whether it was unconfirmed (and is confirmed now).
    func confirmTOTP(userID: UUID, at: Date, step: Int64) async throws -> Bool
    /// Records `step` as used when the authenticator is confirmed and `step` is later than the
    /// last used one. - Returns: whether it was recorded (else the code was spent or stale).
    func useTOTPStep(userID: UUID, step: Int64) async throws -> Bool
    func deleteTOTP(userID: UUID) async throws
    /// Replaces the user's backup codes with these keyed hashes, all unused.
    func replaceBackupCodes(userID: UUID, hashes: [String], at: Date) async throws
    /// Marks the backup code used if it is the user's and unused. - Returns: whether it was.
    func useBackupCode(userID: UUID, hash: String, at: Date) async throws -> Bool
    /// How many of the user's backup codes are unused.
    func unusedBackupCodes(userID: UUID) async throws -> Int
    func deleteBackupCodes(userID: UUID) async throws
}
