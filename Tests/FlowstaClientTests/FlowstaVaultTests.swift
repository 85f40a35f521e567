import FlowstaClient
import FlowstaCore
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
            let sealed = try FlowstaVault.seal(Array(vector.plaintext.utf8), key: key, id: id, kind: vector.kind, nonce: FlowstaAnalyticsTests.bytes(vector.nonce))
            #expect(Base64URL.encode(sealed) == vector.sealed)
            let opened = try FlowstaVault.open(try #require(Base64URL.decode(vector.sealed)), key: key, id: id, kind: vector.kind)
            #expect(String(decoding: opened, as: UTF8.self) == vector.plaintext)
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(sealed, key: key, id: UUID(), kind: vector.kind) }
            var tampered = sealed
            tampered[20] ^= 1
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(tampered, key: key, id: id, kind: vector.kind) }
        }
    }
}
