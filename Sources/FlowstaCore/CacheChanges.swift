import Foundation
import Synchronization

/// Something that changed which an instance may hold in a cache (issue #19): the instance that
/// makes the change drops its own entry at once and tells the other instances of the
/// deployment, which drop theirs. Nothing here names a user: client ids, organization, grant
/// and key ids only.
public enum CacheChange: Sendable, Hashable {
    /// An app changed or was deleted (its client is re-read).
    case app(clientID: String)
    /// An organization's plan or state changed (and so may its apps').
    case organization(UUID)
    /// A grant was revoked (its tokens stop working).
    case grant(UUID)
    /// An API key was revoked or rotated.
    case apiKey(UUID)
    /// Signing keys were added or retired (`flowsta keys rotate`).
    case signingKeys
    /// Anything may have changed: a listener that was disconnected missed notifications.
    case everything

    /// The longest payload accepted (PostgreSQL allows 8000 bytes; ours are far shorter).
    public static let maximumPayloadLength = 256

    /// The text sent to other instances.
    public var payload: String {
        switch self {
        case .app(let clientID): "app:" + clientID
        case .organization(let id): "org:" + id.uuidString.lowercased()
        case .grant(let id): "grant:" + id.uuidString.lowercased()
        case .apiKey(let id): "api-key:" + id.uuidString.lowercased()
        case .signingKeys: "signing-keys"
        case .everything: "everything"
        }
    }

    /// Parses a payload; `nil` for anything else (a newer instance's change, or noise).
    public init?(payload: String) {
        guard payload.utf8.count <= Self.maximumPayloadLength else { return nil }
        switch payload {
        case "signing-keys": self = .signingKeys
        case "everything": self = .everything
        default:
            guard let colon = payload.firstIndex(of: ":") else { return nil }
            let kind = payload[..<colon]
            let value = String(payload[payload.index(after: colon)...])
            if kind == "app" {
                guard !value.isEmpty else { return nil }
                self = .app(clientID: value)
                return
            }
            guard let id = UUID(uuidString: value) else { return nil }
            switch kind {
            case "org": self = .organization(id)
            case "grant": self = .grant(id)
            case "api-key": self = .apiKey(id)
            default: return nil
            }
        }
    }
}

/// Passes changes made on this instance to the others (PostgreSQL `NOTIFY`). Failures are the
/// publisher's to log: the caches' expiry covers a change that did not get through.
public protocol CacheChangePublisher: Sendable {
    func publish(_ change: CacheChange) async
}

/// The caches' side of ``CacheChange``: each cache registers what it drops; a change made here
/// is applied here and passed to the other instances through the publisher (a shared database
/// only); what arrives from them is applied with ``apply(_:)``. Time-based expiry stays every
/// cache's fallback, should a notification be lost.
public final class CacheChanges: Sendable {
    public typealias Handler = @Sendable (CacheChange) async -> Void

    private let handlers = Mutex<[Handler]>([])
    private let publisher: (any CacheChangePublisher)?

    /// - Parameter publisher: how other instances sharing the store hear of changes; `nil` for
    ///   one instance (SQLite): changes are applied locally only.
    public init(publisher: (any CacheChangePublisher)? = nil) {
        self.publisher = publisher
    }

    /// Registers what a cache does with a change (every change is passed: ignore the others).
    public func onChange(_ handler: @escaping Handler) {
        handlers.withLock { $0.append(handler) }
    }

    /// A change made on this instance: applied here, then passed on before this returns.
    public func announce(_ change: CacheChange) async {
        await apply(change)
        await publisher?.publish(change)
    }

    /// Applies a change (made here or received from another instance) to every cache.
    public func apply(_ change: CacheChange) async {
        for handler in handlers.withLock({ $0 }) { await handler(change) }
    }
}
