import Foundation
import Synchronization

/// Who hears that sign-in sessions ended — sign-out, "sign out everywhere", a password change or
/// recovery: the OAuth side revokes the sessions' grants and tells the apps (back-channel
/// logout). Set once by the composition root; sessions that merely expire are not announced.
public final class SessionEndRelay: Sendable {
    /// Gets the user and the ended sessions' references (``AuthenticatedSession/reference``).
    public typealias Listener = @Sendable (_ userID: UUID, _ references: [String]) async -> Void
    private let listener = Mutex<Listener?>(nil)

    public init() {}

    public func listen(_ body: @escaping Listener) { listener.withLock { $0 = body } }

    func ended(userID: UUID, references: [String]) async {
        guard !references.isEmpty, let body = listener.withLock({ $0 }) else { return }
        await body(userID, references)
    }
}
