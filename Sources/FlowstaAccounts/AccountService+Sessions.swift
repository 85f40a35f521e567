import FlowstaCore
import FlowstaCrypto
import Foundation

/// A session as its user sees it: when it started, and whether it is this one. Nothing about
/// the device or the address is known.
public struct SessionSummary: Sendable, Equatable {
    /// A stable id derived from the session (not its token, nor its stored hash).
    public var id: String
    public var createdAt: Date
    public var expiresAt: Date
    public var current: Bool
}

extension AccountService {
    /// The user's sessions, newest first (at most ``Configuration/sessionListLimit``).
    public func sessions(_ session: AuthenticatedSession) async throws -> [SessionSummary] {
        try await sessions.list(userID: session.user.id, limit: configuration.sessionListLimit).map { stored in
            SessionSummary(
                id: publicSessionID(stored.tokenHash), createdAt: stored.createdAt, expiresAt: stored.expiresAt,
                current: stored.tokenHash == session.tokenHash
            )
        }
    }

    /// Signs one of the user's sessions out (this one included).
    /// - Returns: whether it was this session. - Throws: ``AccountError/sessionNotFound``.
    @discardableResult
    public func endSession(_ session: AuthenticatedSession, id: String) async throws -> Bool {
        guard let stored = try await sessions.list(userID: session.user.id, limit: configuration.sessionListLimit)
            .first(where: { ConstantTime.equal(publicSessionID($0.tokenHash), id) }) else {
            throw AccountError.sessionNotFound
        }
        try await sessions.delete(tokenHash: stored.tokenHash)
        await sessionEnds.ended(userID: session.user.id, references: [AuthenticatedSession.reference(tokenHash: stored.tokenHash)])
        return stored.tokenHash == session.tokenHash
    }

    /// Signs every other session of the user out.
    public func endOtherSessions(_ session: AuthenticatedSession) async throws {
        let ending = try await sessionReferences(userID: session.user.id, except: session.tokenHash)
        try await sessions.deleteAll(userID: session.user.id, keeping: session.tokenHash)
        await sessionEnds.ended(userID: session.user.id, references: ending)
    }

    /// ``KeyRepository/changePassword(_:envelope:keepingSession:now:)``, announcing the sessions
    /// it ends.
    func changePasswordEndingSessions(_ user: StoredUser, envelope: [UInt8]?, keepingSession: String?, now: Date) async throws {
        let ending = try await sessionReferences(userID: user.id, except: keepingSession)
        try await keys.changePassword(user, envelope: envelope, keepingSession: keepingSession, now: now)
        await sessionEnds.ended(userID: user.id, references: ending)
    }

    /// The references of the user's sessions but `except` (read before they are ended).
    func sessionReferences(userID: UUID, except: String?) async throws -> [String] {
        try await sessions.list(userID: userID, limit: Self.sessionsEndedAtOnce)
            .filter { $0.tokenHash != except }.map { AuthenticatedSession.reference(tokenHash: $0.tokenHash) }
    }

    /// The most sessions whose ending is announced at once (more end, unannounced).
    static let sessionsEndedAtOnce = 1000

    func publicSessionID(_ tokenHash: String) -> String { String(sessionIDHasher.hash(tokenHash).prefix(32)) }
}
