import FlowstaAccounts
import Foundation

/// In-memory ``UserRepository`` with the same uniqueness rules as the SQL schema.
public actor InMemoryUserRepository: UserRepository {
    private var users: [UUID: StoredUser] = [:]
    private let sessions: InMemorySessionRepository?
    private let logins: InMemoryLoginStateRepository?

    public init(sessions: InMemorySessionRepository? = nil, logins: InMemoryLoginStateRepository? = nil) {
        self.sessions = sessions
        self.logins = logins
    }

    public func create(_ user: StoredUser) throws {
        try checkUnique(user)
        users[user.id] = user
    }

    public func find(id: UUID) -> StoredUser? { users[id] }

    public func userID(emailIndex: String) -> UUID? {
        users.values.first { $0.emailIndex == emailIndex }?.id
    }

    public func find(usernameNormalized: String) -> StoredUser? {
        users.values.first { $0.usernameNormalized == usernameNormalized }
    }

    public func update(_ user: StoredUser) throws {
        guard let current = users[user.id] else { return }
        try checkUnique(user)
        var user = user
        // As the stores: only the signing key registration writes it after sign-up.
        user.agentPublicKey = current.agentPublicKey
        users[user.id] = user
    }

    /// What a signing key registration does to the user (``InMemoryUserSigningKeyRepository``).
    /// - Returns: whether the user exists.
    public func setAgentPublicKey(id: UUID, _ key: [UInt8]) -> Bool {
        guard users[id] != nil else { return false }
        users[id]?.agentPublicKey = key
        return true
    }

    public func delete(id: UUID) async {
        users[id] = nil
        await sessions?.deleteAll(userID: id, keeping: nil)
        await logins?.deleteAll(userID: id)
    }

    private func checkUnique(_ user: StoredUser) throws {
        for other in users.values where other.id != user.id {
            if other.usernameNormalized == user.usernameNormalized { throw RepositoryConflict.username }
            if let index = user.emailIndex, other.emailIndex == index { throw RepositoryConflict.email }
        }
    }
}

/// In-memory ``SessionRepository``.
public actor InMemorySessionRepository: SessionRepository {
    private var sessions: [String: StoredSession] = [:]

    public init() {}

    public func create(_ session: StoredSession) { sessions[session.tokenHash] = session }
    public func find(tokenHash: String) -> StoredSession? { sessions[tokenHash] }
    public func delete(tokenHash: String) { sessions[tokenHash] = nil }
    public func deleteAll(userID: UUID, keeping: String?) {
        sessions = sessions.filter { $0.value.userID != userID || $0.key == keeping }
    }
    public func deleteExpired(now: Date) -> Int {
        let before = sessions.count
        sessions = sessions.filter { $0.value.expiresAt > now }
        return before - sessions.count
    }
    public func list(userID: UUID, limit: Int) -> [StoredSession] {
        Array(sessions.values.filter { $0.userID == userID }.sorted { $0.createdAt > $1.createdAt }.prefix(limit))
    }
    /// Number of stored sessions (for assertions).
    public var count: Int { sessions.count }
}

/// In-memory ``LoginStateRepository``.
public actor InMemoryLoginStateRepository: LoginStateRepository {
    private var logins: [String: PendingLogin] = [:]

    public init() {}

    public func insert(_ login: PendingLogin) { logins[login.handleHash] = login }
    public func consume(handleHash: String) -> PendingLogin? { logins.removeValue(forKey: handleHash) }
    public func deleteExpired(now: Date) -> Int {
        let before = logins.count
        logins = logins.filter { $0.value.expiresAt > now }
        return before - logins.count
    }
    func deleteAll(userID: UUID) { logins = logins.filter { $0.value.userID != userID } }
}

/// In-memory ``SecretRepository``.
public actor InMemorySecretRepository: SecretRepository {
    private var secrets: [String: [UInt8]] = [:]

    public init() {}

    public func load(name: String) -> [UInt8]? { secrets[name] }
    public func insertIfAbsent(name: String, value: [UInt8]) -> [UInt8] {
        if let existing = secrets[name] { return existing }
        secrets[name] = value
        return value
    }
}
