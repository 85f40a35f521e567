import FlowstaAccounts
import Foundation

/// ``PasskeyRepository`` in memory: the reference semantics for the stores' contract tests.
public actor InMemoryPasskeyRepository: PasskeyRepository {
    private var passkeys: [UUID: StoredPasskey] = [:]

    public init() {}

    public func insert(_ passkey: StoredPasskey) -> Bool {
        guard !passkeys.values.contains(where: { $0.credentialID == passkey.credentialID }) else { return false }
        passkeys[passkey.id] = passkey
        return true
    }

    public func passkey(credentialID: [UInt8]) -> StoredPasskey? {
        passkeys.values.first { $0.credentialID == credentialID }
    }

    public func passkeys(userID: UUID) -> [StoredPasskey] {
        passkeys.values.filter { $0.userID == userID }.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
    }

    public func updateSignCount(id: UUID, from: UInt32, to: UInt32) -> Bool {
        guard var passkey = passkeys[id], passkey.signCount == from else { return false }
        passkey.signCount = to
        passkeys[id] = passkey
        return true
    }

    public func setRootKeyEnvelope(id: UUID, userID: UUID, envelope: [UInt8]) -> Bool {
        guard var passkey = passkeys[id], passkey.userID == userID, passkey.rootKeyEnvelope == nil else { return false }
        passkey.rootKeyEnvelope = envelope
        passkeys[id] = passkey
        return true
    }

    /// What a reset does to the user's passkeys (``InMemoryKeyRepository/reset(_:keys:now:)``):
    /// their envelopes hold the old root key.
    public func dropRootKeyEnvelopes(userID: UUID) {
        for (id, passkey) in passkeys where passkey.userID == userID { passkeys[id]?.rootKeyEnvelope = nil }
    }

    public func rename(id: UUID, userID: UUID, to name: String) -> Bool {
        guard var passkey = passkeys[id], passkey.userID == userID else { return false }
        passkey.name = name
        passkeys[id] = passkey
        return true
    }

    public func delete(id: UUID, userID: UUID) -> Bool {
        guard passkeys[id]?.userID == userID else { return false }
        passkeys[id] = nil
        return true
    }
}
