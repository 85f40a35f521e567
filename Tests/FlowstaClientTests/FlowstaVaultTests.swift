import FlowstaClient
import FlowstaCore
import FlowstaCrypto
import Foundation
import Testing

/// The Swift vault sealing against the vectors the browser client also passes
/// (`Tests/FlowstaCryptoTests/Vectors/vault-v1.json`, made with Python's `cryptography`).
@Suite struct FlowstaVaultTests {
    struct Vector: Decodable {
        var export_key: String
        var vault_key: String
        var id: String
        var kind: String
        var nonce: String
        var plaintext: String
        var sealed: String
    }

    struct File: Decodable {
        var info: String
        var vectors: [Vector]
    }

    @Test func matchesTheVectors() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowstaCryptoTests/Vectors/vault-v1.json").standardized
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        #expect(file.info == FlowstaVault.info)
        #expect(file.vectors.count >= 4)
        for vector in file.vectors {
            let key = FlowstaVault.key(exportKey: FlowstaAnalyticsTests.bytes(vector.export_key))
            #expect(key.withUnsafeBytes { Array($0) } == FlowstaAnalyticsTests.bytes(vector.vault_key))
            let id = try #require(UUID(uuidString: vector.id))
            let sealed = try FlowstaVault.seal(Array(vector.plaintext.utf8), key: key, id: id, kind: vector.kind, nonce: FlowstaAnalyticsTests.bytes(vector.nonce), format: .v1)
            #expect(Base64URL.encode(sealed) == vector.sealed)
            let opened = try FlowstaVault.open(try #require(Base64URL.decode(vector.sealed)), key: key, id: id, kind: vector.kind)
            #expect(String(decoding: opened, as: UTF8.self) == vector.plaintext)
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(sealed, key: key, id: UUID(), kind: vector.kind) }
            var tampered = sealed
            tampered[20] ^= 1
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(tampered, key: key, id: id, kind: vector.kind) }
        }
    }

    /// Format 2 (vault key from the root key) and analytics ids from the root key, against
    /// `root-key-v1.json`.
    @Test func matchesTheRootKeyVectors() throws {
        struct RootFile: Decodable {
            struct Derivation: Decodable {
                struct ID: Decodable { var client_id: String, month: String, id: String }
                var root_key: String, vault_key: String, analytics_root: String, analytics_ids: [ID]
            }
            struct Entry: Decodable { var root_key: String, vault_key: String, id: String, kind: String, nonce: String, plaintext: String, sealed: String }
            var derivations: [Derivation]
            var vault_entries: [Entry]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowstaCryptoTests/Vectors/root-key-v1.json").standardized
        let file = try JSONDecoder().decode(RootFile.self, from: Data(contentsOf: url))
        for derivation in file.derivations {
            let root = try RootKey(bytes: FlowstaAnalyticsTests.bytes(derivation.root_key))
            let analytics = FlowstaAnalytics.root(rootKey: root)
            #expect(analytics.withUnsafeBytes { Array($0) } == FlowstaAnalyticsTests.bytes(derivation.analytics_root))
            #expect(!derivation.analytics_ids.isEmpty)
            for id in derivation.analytics_ids {
                #expect(FlowstaAnalytics.analyticsID(root: analytics, clientID: id.client_id, month: id.month) == id.id)
            }
        }
        #expect(file.vault_entries.count >= 4)
        for vector in file.vault_entries {
            let key = FlowstaVault.key(rootKey: try RootKey(bytes: FlowstaAnalyticsTests.bytes(vector.root_key)))
            #expect(key.withUnsafeBytes { Array($0) } == FlowstaAnalyticsTests.bytes(vector.vault_key))
            let id = try #require(UUID(uuidString: vector.id))
            let sealed = try FlowstaVault.seal(Array(vector.plaintext.utf8), key: key, id: id, kind: vector.kind, nonce: FlowstaAnalyticsTests.bytes(vector.nonce))
            #expect(Base64URL.encode(sealed) == vector.sealed)
            let legacy = FlowstaVault.key(exportKey: [UInt8](repeating: 0, count: 64))
            let opened = try FlowstaVault.open(sealed, key: key, legacyKey: legacy, id: id, kind: vector.kind)
            #expect(String(decoding: opened, as: UTF8.self) == vector.plaintext)
            // A format-2 entry never opens with the format-1 key, nor relabelled as format 1.
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(sealed, key: legacy, id: id, kind: vector.kind) }
            var relabelled = sealed
            relabelled[0] = 0x01
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(relabelled, key: key, id: id, kind: vector.kind) }
        }
    }
}
