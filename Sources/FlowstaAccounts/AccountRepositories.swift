import Foundation

/// A uniqueness constraint the store refused.
public enum RepositoryConflict: Error, Equatable, Sendable {
    case username
    case email
    /// A secret vanished between a refused insert and the reload.
    case secret
    /// A password change without an envelope, on an account that has a root key.
    case rootKey
}

/// Storage of user accounts.
public protocol UserRepository: Sendable {
    /// Inserts a new user; throws ``RepositoryConflict`` when the username or email is taken.
    func create(_ user: StoredUser) async throws
    func find(id: UUID) async throws -> StoredUser?
    func find(usernameNormalized: String) async throws -> StoredUser?
    /// The account holding the email blind index, if any.
    func userID(emailIndex: String) async throws -> UUID?
    /// Replaces every column of an existing user in one statement (so a password change swaps
    /// the OPAQUE record atomically); throws ``RepositoryConflict`` on a uniqueness clash.
    func update(_ user: StoredUser) async throws
    /// Deletes the user together with its sessions and pending logins.
    func delete(id: UUID) async throws
}

/// Storage of sessions.
public protocol SessionRepository: Sendable {
    func create(_ session: StoredSession) async throws
    func find(tokenHash: String) async throws -> StoredSession?
    func delete(tokenHash: String) async throws
    /// Deletes all sessions of a user except the one whose hash is `keeping`.
    func deleteAll(userID: UUID, keeping: String?) async throws
    /// Deletes sessions that expired at or before `now`. - Returns: how many.
    func deleteExpired(now: Date) async throws -> Int
    /// The user's sessions, newest first, at most `limit`.
    func list(userID: UUID, limit: Int) async throws -> [StoredSession]
}

/// Storage of OPAQUE login states.
public protocol LoginStateRepository: Sendable {
    func insert(_ login: PendingLogin) async throws
    /// Removes and returns the pending login in one atomic step, so a `login_id` is usable
    /// exactly once even under concurrent finishes.
    func consume(handleHash: String) async throws -> PendingLogin?
    /// Deletes login states that expired at or before `now`. - Returns: how many.
    func deleteExpired(now: Date) async throws -> Int
}

/// Storage of sealed server secrets (OPAQUE server setup, signing keys, ...).
public protocol SecretRepository: Sendable {
    func load(name: String) async throws -> [UInt8]?
    /// Stores `value` unless a value exists; returns the value that is stored afterwards, so
    /// concurrent first starts of several instances agree on one secret.
    func insertIfAbsent(name: String, value: [UInt8]) async throws -> [UInt8]
}

/// Mail the account engine sends; the server queues it in the outbox.
public protocol AccountMailer: Sendable {
    func send(to address: String, subject: String, text: String) async throws
}
