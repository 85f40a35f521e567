import FlowstaAccounts
import Foundation

/// ``SecondFactorRepository`` in memory: the reference semantics for the stores' contract tests.
public actor InMemorySecondFactorRepository: SecondFactorRepository {
    private var authenticators: [UUID: StoredTOTP] = [:]
    private var backupCodes: [UUID: [String: Date?]] = [:]

    public init() {}

    public func saveTOTP(_ totp: StoredTOTP) { authenticators[totp.userID] = totp }

    public func totp(userID: UUID) -> StoredTOTP? { authenticators[userID] }

    public func confirmTOTP(userID: UUID, at: Date, step: Int64) -> Bool {
        guard var totp = authenticators[userID], totp.confirmedAt == nil else { return false }
        totp.confirmedAt = at
        totp.lastUsedStep = step
        authenticators[userID] = totp
        return true
    }

    public func useTOTPStep(userID: UUID, step: Int64) -> Bool {
        guard var totp = authenticators[userID], totp.confirmedAt != nil, step > (totp.lastUsedStep ?? .min) else { return false }
        totp.lastUsedStep = step
        authenticators[userID] = totp
        return true
    }

    public func deleteTOTP(userID: UUID) { authenticators[userID] = nil }

    public func replaceBackupCodes(userID: UUID, hashes: [String], at: Date) {
        backupCodes[userID] = Dictionary(hashes.map { ($0, nil) }, uniquingKeysWith: { first, _ in first })
    }

    public func useBackupCode(userID: UUID, hash: String, at: Date) -> Bool {
        guard let codes = backupCodes[userID], let used = codes[hash], used == nil else { return false }
        backupCodes[userID]?[hash] = .some(at)
        return true
    }

    public func unusedBackupCodes(userID: UUID) -> Int {
        (backupCodes[userID] ?? [:]).values.filter { $0 == nil }.count
    }

    public func deleteBackupCodes(userID: UUID) { backupCodes[userID] = nil }
}
