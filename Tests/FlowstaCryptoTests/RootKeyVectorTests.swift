import Crypto
import FlowstaCore
import Foundation
import Testing
@testable import FlowstaCrypto

/// The root key, its envelopes and the recovery code against `root-key-v1.json`, which an
/// independent Python implementation made (Tests/support/root_key_vectors.py) and which the
/// browser client passes under node and in Chromium: the implementations agree.
@Suite struct RootKeyVectorTests {
    struct File: Decodable {
        struct Derivation: Decodable {
            let root_key: String, vault_key: String, analytics_root: String, signing_seed: String
        }
        struct Envelope: Decodable {
            let kind: String, user_id: String, lock_secret: String, sealed_key: String, nonce: String, wrap_key: String, aad: String, envelope: String
        }
        struct InvalidEnvelope: Decodable {
            let description: String, kind: String, user_id: String, lock_secret: String, envelope: String, error: String
        }
        struct Code: Decodable {
            let bytes: String, code: String, normalized: String, typed: [String]
        }
        let derivations: [Derivation]
        let envelopes: [Envelope]
        let invalid_envelopes: [InvalidEnvelope]
        let recovery_codes: [Code]
        let invalid_recovery_codes: [String]
    }

    static func file() throws -> File { try CryptoVectorSupport.load(File.self, file: "root-key-v1.json") }

    static func hex(_ text: String) throws -> [UInt8] { try #require(CryptoVectorSupport.bytes(text)) }

    static func raw(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }

    @Test func derivedKeysMatch() throws {
        for vector in try Self.file().derivations {
            let root = try RootKey(bytes: try Self.hex(vector.root_key))
            #expect(Self.raw(root.vaultKey).hexString == vector.vault_key)
            #expect(Self.raw(root.analyticsRoot).hexString == vector.analytics_root)
            #expect(Self.raw(root.signingSeed).hexString == vector.signing_seed)
        }
    }

    @Test func envelopesSealToTheExactBytesAndOpen() throws {
        let file = try Self.file()
        #expect(Set(file.envelopes.map(\.kind)) == Set(KeyEnvelope.Kind.allCases.map(\.rawValue)))
        for vector in file.envelopes {
            let kind = try #require(KeyEnvelope.Kind(rawValue: vector.kind))
            let user = try #require(UUID(uuidString: vector.user_id))
            let secret = try Self.hex(vector.lock_secret)
            #expect(Self.raw(KeyEnvelope.wrapKey(lockSecret: secret, kind: kind)).hexString == vector.wrap_key)
            #expect(String(decoding: KeyEnvelope.aad(kind: kind, userID: user), as: UTF8.self) == vector.aad)
            let sealed = try KeyEnvelope.seal(try Self.hex(vector.sealed_key), kind: kind, lockSecret: secret, userID: user, nonce: try Self.hex(vector.nonce))
            #expect(Base64URL.encode(sealed) == vector.envelope)
            #expect(try KeyEnvelope.open(sealed, kind: kind, lockSecret: secret, userID: user).hexString == vector.sealed_key)
        }
    }

    @Test func invalidEnvelopesFailWithTheirError() throws {
        for vector in try Self.file().invalid_envelopes {
            let expected: KeyEnvelope.Error = switch vector.error {
            case "invalid_envelope": .invalidEnvelope
            case "unsupported_version": .unsupportedVersion
            default: .decryptionFailed
            }
            let kind = try #require(KeyEnvelope.Kind(rawValue: vector.kind))
            let user = try #require(UUID(uuidString: vector.user_id))
            let secret = try Self.hex(vector.lock_secret)
            guard let bytes = Base64URL.decode(vector.envelope) else {
                #expect(expected == .invalidEnvelope, "\(vector.description)")
                continue
            }
            #expect(throws: expected, "\(vector.description)") { try KeyEnvelope.open(bytes, kind: kind, lockSecret: secret, userID: user) }
        }
    }

    @Test func recoveryCodesEncodeAndNormalize() throws {
        let file = try Self.file()
        for vector in file.recovery_codes {
            let code = try #require(RecoveryCode(bytes: try Self.hex(vector.bytes)))
            #expect(code.normalized == vector.normalized)
            #expect(code.display == vector.code)
            for typed in vector.typed {
                #expect(RecoveryCode(typed: typed)?.normalized == vector.normalized, "\(typed)")
            }
        }
        for typed in file.invalid_recovery_codes {
            #expect(RecoveryCode(typed: typed) == nil, "\(typed)")
        }
    }

    @Test func freshKeysAndCodesRoundTrip() throws {
        let root = RootKey.generate()
        let user = UUID()
        let secret = SecureRandom.bytes(64)
        let sealed = try KeyEnvelope.seal(root.bytes, kind: .password, lockSecret: secret, userID: user)
        #expect(sealed.count == KeyEnvelope.byteCount)
        #expect(try KeyEnvelope.open(sealed, kind: .password, lockSecret: secret, userID: user) == root.bytes)
        #expect(throws: KeyEnvelope.Error.decryptionFailed) { try KeyEnvelope.open(sealed, kind: .recovery, lockSecret: secret, userID: user) }
        #expect(throws: KeyEnvelope.Error.invalidKey) { try KeyEnvelope.seal(root.bytes, kind: .legacyVault, lockSecret: secret, userID: user) }
        let code = RecoveryCode.generate()
        #expect(code.normalized.count == 24 && code.display.count == 29)
        #expect(RecoveryCode(typed: code.display.lowercased()) == code)
        #expect(RecoveryCode.generate() != code)
    }
}
