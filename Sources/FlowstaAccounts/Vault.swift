import FlowstaCore
import Foundation

/// One entry of a user's vault (P4): ciphertext the user's client sealed with a key derived
/// from the user's root key (docs/keys.md), which the server never learns. The server keeps the id, a kind
/// and the ciphertext (so its size) — no time, no plaintext.
public struct VaultEntry: Sendable, Equatable {
    public var id: UUID
    public var kind: String
    public var ciphertext: [UInt8]

    public init(id: UUID, kind: String, ciphertext: [UInt8]) {
        self.id = id
        self.kind = kind
        self.ciphertext = ciphertext
    }
}

/// How much one user's vault may hold.
public struct VaultQuota: Sendable, Equatable {
    public var maxEntries: Int
    /// Ciphertext bytes of all the user's entries together.
    public var maxBytes: Int

    public init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }
}

/// What storing an entry did.
public enum VaultPut: Sendable, Equatable {
    case created, replaced
    /// The user already has the most entries allowed.
    case full
    /// The entry would take the user's vault over its bytes.
    case overQuota
    /// The id belongs to another user's entry.
    case taken
}

/// Storage of vault entries.
public protocol VaultRepository: Sendable {
    /// Creates or replaces the user's entry `entry.id`, unless the user would exceed the quota
    /// (entries or bytes) or the id is another user's (checked atomically).
    func put(_ entry: VaultEntry, userID: UUID, quota: VaultQuota) async throws -> VaultPut
    func entry(id: UUID, userID: UUID) async throws -> VaultEntry?
    /// The user's entries in id order after `after`, optionally of one kind.
    func entries(userID: UUID, kind: String?, after: UUID?, limit: Int) async throws -> [VaultEntry]
    /// - Returns: whether the entry existed.
    func delete(id: UUID, userID: UUID) async throws -> Bool
    /// - Returns: how many entries were deleted.
    func deleteAll(userID: UUID) async throws -> Int
}

/// The vault's rules: what an entry may look like, and how many a user keeps.
public struct VaultService: Sendable {
    /// Sized for a sign-in history (issue #15 §2.7): a sign-in or consent record seals to about
    /// 150 bytes, so 5,000 entries is years of daily use; 2 MiB of ciphertext per account and
    /// 4 KiB per entry keep free sign-ups from filling the disk.
    public static let quota = VaultQuota(maxEntries: 5_000, maxBytes: 2 * 1024 * 1024)
    public static var maxEntries: Int { quota.maxEntries }
    /// Sealed entries are `format || nonce (12) || AES-256-GCM ciphertext || tag (16)`, format
    /// 0x02 (vault key from the root key) or 0x01 (accounts older than the root key).
    public static let minimumCiphertext = 1 + 12 + 16
    /// At most 4 KiB of ciphertext per entry.
    public static let maximumCiphertext = 4 * 1024
    public static let pageLimit = 100
    /// The entry formats the server accepts (their first byte).
    public static let formats: Set<UInt8> = [0x01, 0x02]

    let repository: any VaultRepository

    public init(repository: any VaultRepository) { self.repository = repository }

    /// `kind`: 1–32 of `a-z 0-9 . _ -`, starting with a letter.
    public static func isValidKind(_ kind: String) -> Bool {
        let bytes = Array(kind.utf8)
        guard (1...32).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// Stores an entry. - Returns: whether it was created (else replaced).
    public func put(userID: UUID, id: UUID, kind: String, ciphertext base64: String) async throws -> (entry: VaultEntry, created: Bool) {
        guard Self.isValidKind(kind) else {
            throw AccountError.invalidRequest("kind must be 1-32 characters a-z, 0-9, '.', '_' or '-', starting with a letter")
        }
        guard let ciphertext = Base64URL.decode(base64) else { throw AccountError.invalidRequest("ciphertext must be base64url without padding") }
        guard (Self.minimumCiphertext...Self.maximumCiphertext).contains(ciphertext.count), let format = ciphertext.first, Self.formats.contains(format) else {
            throw AccountError.invalidRequest("ciphertext must be a sealed vault entry: 0x02 (or 0x01), a 12-byte nonce, then AES-256-GCM output with its tag, at most \(Self.maximumCiphertext) bytes")
        }
        let entry = VaultEntry(id: id, kind: kind, ciphertext: ciphertext)
        switch try await repository.put(entry, userID: userID, quota: Self.quota) {
        case .created: return (entry, true)
        case .replaced: return (entry, false)
        case .full: throw AccountError.vaultFull(limit: Self.maxEntries)
        case .overQuota: throw AccountError.vaultQuota(bytes: Self.quota.maxBytes)
        // Another user's id: refused without saying whose (ids are random UUIDs; clashes mean misuse).
        case .taken: throw AccountError.invalidRequest("choose another id (a random UUID)")
        }
    }

    public func entry(userID: UUID, id: UUID) async throws -> VaultEntry {
        guard let entry = try await repository.entry(id: id, userID: userID) else { throw AccountError.notFound }
        return entry
    }

    /// A page of entries (`limit` 1–100) after the cursor (an entry id).
    public func entries(userID: UUID, kind: String?, after: UUID?, limit: Int) async throws -> (items: [VaultEntry], next: UUID?) {
        if let kind, !Self.isValidKind(kind) { throw AccountError.invalidRequest("kind is not a valid entry kind") }
        guard (1...Self.pageLimit).contains(limit) else { throw AccountError.invalidRequest("limit must be 1-\(Self.pageLimit)") }
        let rows = try await repository.entries(userID: userID, kind: kind, after: after, limit: limit + 1)
        let items = Array(rows.prefix(limit))
        return (items, rows.count > limit ? items.last?.id : nil)
    }

    public func delete(userID: UUID, id: UUID) async throws {
        guard try await repository.delete(id: id, userID: userID) else { throw AccountError.notFound }
    }

    public func deleteAll(userID: UUID) async throws -> Int {
        try await repository.deleteAll(userID: userID)
    }
}
