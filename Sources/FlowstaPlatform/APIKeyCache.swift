import FlowstaCore
import Foundation

/// Verified API keys, keyed by their keyed hash. The instance revoking a key announces it
/// (``CacheChange/apiKey(_:)``), so every instance drops its entry at once; entries live 5
/// seconds at most, the fallback should an announcement be lost.
public actor APIKeyCache {
    struct Entry {
        var key: StoredAPIKey?
        var fetchedAt: Date
    }

    static let lifetime: TimeInterval = 5
    static let capacity = 50_000
    private var entries: [String: Entry] = [:]
    private let time: any TimeSource

    init(time: any TimeSource) { self.time = time }

    /// The cached lookup for `hash`, when fresh: `.some(nil)` caches "no such key".
    func lookup(_ hash: String) -> StoredAPIKey?? {
        guard let entry = entries[hash], time.now.timeIntervalSince(entry.fetchedAt) < Self.lifetime else { return nil }
        return .some(entry.key)
    }

    func store(_ hash: String, _ key: StoredAPIKey?) {
        if entries.count >= Self.capacity {
            let now = time.now
            entries = entries.filter { now.timeIntervalSince($0.value.fetchedAt) < Self.lifetime }
            if entries.count >= Self.capacity { entries.removeAll() }
        }
        entries[hash] = Entry(key: key, fetchedAt: time.now)
    }

    func evict(keyID: UUID) {
        entries = entries.filter { $0.value.key?.id != keyID }
    }

    func removeAll() { entries.removeAll() }
}

/// Base62 (0-9, A-Z, a-z) for API key material: URL- and shell-safe, no padding.
enum Base62 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        // Fixed width: 32 bytes always give 43 characters.
        let width = Int((Double(bytes.count * 8) / log2(62)).rounded(.up))
        let digits = RadixDigits.digits(of: bytes, base: 62)
        let padded = [Int](repeating: 0, count: max(0, width - digits.count)) + digits
        return String(decoding: padded.map { alphabet[$0] }, as: UTF8.self)
    }
}
