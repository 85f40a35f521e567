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
        return stored.tokenHash == session.tokenHash
    }

    /// Signs every other session of the user out.
    public func endOtherSessions(_ session: AuthenticatedSession) async throws {
        try await sessions.deleteAll(userID: session.user.id, keeping: session.tokenHash)
    }

    func publicSessionID(_ tokenHash: String) -> String { String(sessionIDHasher.hash(tokenHash).prefix(32)) }
}
