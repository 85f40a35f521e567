import Foundation
import Synchronization

/// The `client_credentials` grant each client currently issues from. A service asking for
/// tokens thousands of times a second shares one stored grant per window
/// (``OAuthConfiguration/clientCredentialsGrantReuse``) instead of writing a grant per token; a
/// revoked grant (RFC 7009 revocation of any token issued from it) is replaced at once.
/// Concurrent first requests of a client wait for one grant instead of each writing their own.
final class ClientGrantReuse: Sendable {
    private struct Entry {
        var grant: Task<StoredGrant, any Error>
        var startedAt: Date
    }

    /// Clients remembered at most; beyond it, windows that ended are forgotten first.
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// The grant `clientID` issues from now: the current one while its window lasts and it is
    /// live, otherwise a new one from `create`.
    func grant(
        clientID: String, now: Date, window: TimeInterval,
        isLive: (StoredGrant) async -> Bool, create: @escaping @Sendable () async throws -> StoredGrant
    ) async throws -> StoredGrant {
        let (task, created) = current(clientID: clientID, now: now, window: window, create: create)
        do {
            let grant = try await task.value
            if created { return grant }
            if await isLive(grant) { return grant }
        } catch {
            forget(clientID: clientID, task: task)
            throw error
        }
        // Revoked since: the next grant starts its own window.
        forget(clientID: clientID, task: task)
        return try await current(clientID: clientID, now: now, window: window, create: create).task.value
    }

    private func current(
        clientID: String, now: Date, window: TimeInterval, create: @escaping @Sendable () async throws -> StoredGrant
    ) -> (task: Task<StoredGrant, any Error>, created: Bool) {
        entries.withLock { entries in
            if let entry = entries[clientID], now.timeIntervalSince(entry.startedAt) < window, now >= entry.startedAt {
                return (entry.grant, false)
            }
            if entries.count >= capacity {
                entries = entries.filter { now.timeIntervalSince($0.value.startedAt) < window }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            let task = Task { try await create() }
            entries[clientID] = Entry(grant: task, startedAt: now)
            return (task, true)
        }
    }

    private func forget(clientID: String, task: Task<StoredGrant, any Error>) {
        entries.withLock { entries in
            if entries[clientID]?.grant == task { entries[clientID] = nil }
        }
    }
}
