import FlowstaCore
import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// ``CacheChanges`` between the instances of a PostgreSQL deployment (issue #19): a change is
/// sent with `NOTIFY` on one channel; every instance keeps a connection of its own that
/// `LISTEN`s and applies what arrives (its own changes too, harmlessly). Payloads are a kind and
/// an id (``CacheChange/payload``), never anything about a user.
public struct PostgresChangeFeed: CacheChangePublisher {
    public static let channel = "flowsta_changes"
    /// The longest wait between two attempts to reconnect the listener.
    public static let maximumBackoff: Duration = .seconds(5)

    let store: FlowstaDatabase
    let logger: Logger

    public init(store: FlowstaDatabase, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func publish(_ change: CacheChange) async {
        do {
            try await store.open(nil).raw("SELECT pg_notify(\(literal: Self.channel), \(bind: change.payload))").run()
        } catch {
            // The caches' expiry bounds what a lost announcement costs.
            logger.warning("cache change not announced", metadata: ["cause": .string(String(describing: type(of: error)))])
        }
    }

    /// Listens until the task is cancelled, reconnecting with a growing pause (up to
    /// ``maximumBackoff``) when the connection fails. Each time it starts listening it applies
    /// ``CacheChange/everything`` first: what was announced while it was not listening is lost.
    /// - Parameter listening: called each time the listener is in place (tests wait for it).
    public func listen(applying changes: CacheChanges, listening: @escaping @Sendable () -> Void = {}) async {
        guard let configuration = store.postgresConfiguration else { return }
        var pause: Duration = .milliseconds(100)
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: attempt, logger: store.logger
                )
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        // A query after LISTEN on the same connection returns once LISTEN is in force.
                        _ = try await connection.query("SELECT 1", logger: store.logger)
                        await changes.apply(.everything)
                        listening()
                        pause = .milliseconds(100)
                        for try await notification in notifications {
                            if let change = CacheChange(payload: notification.payload) { await changes.apply(change) }
                        }
                    }
                } catch {
                    if !Task.isCancelled {
                        logger.warning("cache change listener lost its connection", metadata: ["cause": .string(String(describing: type(of: error)))])
                    }
                }
                try? await connection.close()
            } catch {
                logger.warning("cache change listener cannot connect", metadata: ["cause": .string(String(describing: type(of: error)))])
            }
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, Self.maximumBackoff)
        }
    }
}
