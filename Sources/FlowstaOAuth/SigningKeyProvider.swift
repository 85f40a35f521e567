import FlowstaCore
import FlowstaCrypto
import Foundation
import JWTKit
import Synchronization

/// Holds the signing keys in force and reloads them from storage, so a key added by
/// `flowsta keys rotate` is picked up by every running instance.
public final class SigningKeyProvider: Sendable {
    /// How long a replaced key stays published: the longest token lifetime plus the reload
    /// interval, so every token it signed can still be verified.
    public static let retirementDelay: TimeInterval = 2 * 3600
    /// How often running servers reload keys.
    public static let reloadInterval: Duration = .seconds(60)

    private let repository: any SigningKeyRepository
    private let keyRing: KeyRing
    private let time: any TimeSource
    private let state: Mutex<SigningKeySet>
    /// When an unknown kid last made the keys reload.
    private let lastUnknownKidReload = Mutex<Date>(.distantPast)
    /// At most one reload per this interval for tokens naming a kid not loaded yet.
    public static let unknownKidReloadInterval: TimeInterval = 1

    private init(repository: any SigningKeyRepository, keyRing: KeyRing, time: any TimeSource, keys: SigningKeySet) {
        self.repository = repository
        self.keyRing = keyRing
        self.time = time
        self.state = Mutex(keys)
    }

    /// Loads the keys, generating a key for every algorithm that has none (first start).
    public static func load(repository: any SigningKeyRepository, keyRing: KeyRing, time: any TimeSource) async throws -> SigningKeyProvider {
        let stored = try await repository.all()
        let now = time.now
        for algorithm in SigningAlgorithm.allCases
        where !stored.contains(where: { $0.algorithm == algorithm && $0.retiresAt == nil }) {
            try await repository.insert(try generate(algorithm, keyRing: keyRing, now: now))
        }
        let keys = try await SigningKeySet.build(from: repository.all(), keyRing: keyRing, now: now)
        return SigningKeyProvider(repository: repository, keyRing: keyRing, time: time, keys: keys)
    }

    /// The keys in force now.
    public var current: SigningKeySet { state.withLock { $0 } }

    /// Verifies a token with the keys in force; a token naming a kid of our form that is not
    /// loaded yet (another instance made it a moment ago: a first start of several instances
    /// together, a rotation) reloads the keys first, at most once per
    /// ``unknownKidReloadInterval``.
    func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type, type: String) async throws -> Payload {
        if let header = JOSEHeader(of: token), header.looksLikeOurs, !current.publishes(header.kid) {
            let now = time.now
            let due = lastUnknownKidReload.withLock { last in
                guard now.timeIntervalSince(last) >= Self.unknownKidReloadInterval || now < last else { return false }
                last = now
                return true
            }
            if due { try? await reload() }
        }
        return try await current.verify(token, as: payload, type: type)
    }

    /// Re-reads the stored keys (new keys appear, retired keys disappear).
    public func reload() async throws {
        let keys = try await SigningKeySet.build(from: repository.all(), keyRing: keyRing, now: time.now)
        state.withLock { $0 = keys }
    }

    /// Adds a new key for every algorithm and retires the previous ones after
    /// ``retirementDelay``; deletes keys whose retirement has passed.
    /// - Returns: the new key ids.
    @discardableResult
    public static func rotate(repository: any SigningKeyRepository, keyRing: KeyRing, time: any TimeSource) async throws -> [String] {
        let now = time.now
        let previous = try await repository.all().filter { $0.retiresAt == nil }
        var added: [String] = []
        for algorithm in SigningAlgorithm.allCases {
            let key = try generate(algorithm, keyRing: keyRing, now: now)
            try await repository.insert(key)
            added.append(key.kid)
        }
        for key in previous { try await repository.retire(kid: key.kid, at: now.addingTimeInterval(retirementDelay)) }
        try await repository.deleteRetired(before: now)
        return added
    }

    static func generate(_ algorithm: SigningAlgorithm, keyRing: KeyRing, now: Date) throws -> StoredSigningKey {
        let kid = algorithm.rawValue.lowercased() + "-" + Base64URL.encode(SecureRandom.bytes(12))
        let sealed = try keyRing.seal(try algorithm.generatePrivateKey(), context: StoredSigningKey.sealingContext(kid: kid))
        return StoredSigningKey(kid: kid, algorithm: algorithm, sealedPrivateKey: sealed, createdAt: now)
    }
}
