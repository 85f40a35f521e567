import FlowstaAccounts
import FlowstaCrypto
import Foundation

/// In-memory ``KeyRepository``; the credential changes write through to the in-memory users,
/// sessions and vault it is given.
public actor InMemoryKeyRepository: KeyRepository {
    private var stored: [UUID: UserKeys] = [:]
    private let users: InMemoryUserRepository
    private let sessions: InMemorySessionRepository
    private let vault: InMemoryVaultRepository?
    private let passkeys: InMemoryPasskeyRepository?

    public init(
        users: InMemoryUserRepository, sessions: InMemorySessionRepository, vault: InMemoryVaultRepository? = nil,
        passkeys: InMemoryPasskeyRepository? = nil
    ) {
        self.users = users
        self.sessions = sessions
        self.vault = vault
        self.passkeys = passkeys
    }

    public func keys(userID: UUID) -> UserKeys { stored[userID] ?? UserKeys() }

    public func setUp(userID: UUID, keys: UserKeys, now: Date) async -> Bool {
        guard await users.find(id: userID) != nil, stored[userID]?.hasRootKey != true else { return false }
        stored[userID] = keys
        return true
    }

    public func replaceRecovery(userID: UUID, lock: RecoveryLock, now: Date) -> Bool {
        guard stored[userID]?.hasRootKey == true else { return false }
        stored[userID]?.recovery = lock
        return true
    }

    public func changePassword(_ user: StoredUser, envelope: [UInt8]?, keepingSession: String?, now: Date) async throws {
        if envelope == nil, stored[user.id]?.hasRootKey == true { throw RepositoryConflict.rootKey }
        guard var current = await users.find(id: user.id) else { throw RepositoryConflict.rootKey }
        current.opaqueRecord = user.opaqueRecord
        current.credentialIdentifier = user.credentialIdentifier
        current.updatedAt = user.updatedAt
        try await users.update(current)
        if let envelope { stored[user.id, default: UserKeys()].envelopes[.password] = envelope }
        await sessions.deleteAll(userID: user.id, keeping: keepingSession)
    }

    public func reset(_ user: StoredUser, keys: UserKeys, now: Date) async throws {
        guard var current = await users.find(id: user.id) else { return }
        current.opaqueRecord = user.opaqueRecord
        current.credentialIdentifier = user.credentialIdentifier
        current.updatedAt = user.updatedAt
        try await users.update(current)
        stored[user.id] = keys
        _ = await vault?.deleteAll(userID: user.id)
        await passkeys?.dropRootKeyEnvelopes(userID: user.id)
        await sessions.deleteAll(userID: user.id, keeping: nil)
    }
}

/// In-memory ``AccountTokenRepository``.
public actor InMemoryAccountTokenRepository: AccountTokenRepository {
    private var tokens: [String: AccountToken] = [:]

    public init() {}

    public func insert(_ token: AccountToken) { tokens[token.tokenHash] = token }
    public func find(tokenHash: String, purpose: AccountTokenPurpose) -> AccountToken? {
        tokens[tokenHash].flatMap { $0.purpose == purpose ? $0 : nil }
    }
    public func consume(tokenHash: String, purpose: AccountTokenPurpose) -> AccountToken? {
        guard tokens[tokenHash]?.purpose == purpose else { return nil }
        return tokens.removeValue(forKey: tokenHash)
    }
    public func count(userID: UUID, purpose: AccountTokenPurpose, since: Date) -> Int {
        tokens.values.filter { $0.userID == userID && $0.purpose == purpose && $0.createdAt > since }.count
    }
    public func deleteAll(userID: UUID, purpose: AccountTokenPurpose) {
        tokens = tokens.filter { $0.value.userID != userID || $0.value.purpose != purpose }
    }
    public func deleteExpired(now: Date) -> Int {
        let before = tokens.count
        let cutoff = now.addingTimeInterval(-AccountTokenRetention.afterExpiry)
        tokens = tokens.filter { $0.value.expiresAt > cutoff }
        return before - tokens.count
    }
    /// Every stored token (for assertions).
    public var all: [AccountToken] { Array(tokens.values) }
}
