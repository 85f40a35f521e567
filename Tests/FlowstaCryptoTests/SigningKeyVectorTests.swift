import Crypto
import FlowstaCore
import Foundation
import Testing
@testable import FlowstaCrypto

/// The user's signing key (issue #21) against `signing-key-v1.json`, made by pyca/cryptography
/// (Tests/support/signing_key_vectors.py): the seed from the root key, its Ed25519 public key and
/// `did:key`, the registration proof, proofs that must not verify, and strings that are not
/// Ed25519 `did:key`s.
@Suite struct SigningKeyVectorTests {
    struct File: Decodable {
        struct Proof: Decodable {
            let root_key: String, signing_seed: String, public_key: String, did: String, challenge: String, message: String, signature: String
        }
        struct Invalid: Decodable { let description: String, public_key: String, challenge: String, signature: String }
        let proofs: [Proof]
        let invalid_proofs: [Invalid]
        let not_ed25519_did_keys: [String]
    }

    static func file() throws -> File {
        let url = try #require(Bundle.module.url(forResource: "signing-key-v1", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func hex(_ text: String) throws -> [UInt8] { try #require(CryptoVectorSupport.bytes(text)) }

    @Test func theRootKeyGivesTheSeedTheKeyTheDIDAndAProofThatVerifies() throws {
        let proofs = try Self.file().proofs
        #expect(proofs.count == 4)
        for vector in proofs {
            let root = try RootKey(bytes: try Self.hex(vector.root_key))
            let seed = root.signingSeed.withUnsafeBytes { Array($0) }
            #expect(seed.hexString == vector.signing_seed)
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            let publicKey = Array(key.publicKey.rawRepresentation)
            #expect(publicKey.hexString == vector.public_key)
            #expect(try DIDKey.did(ed25519PublicKey: publicKey) == vector.did)
            #expect(DIDKey.ed25519PublicKey(of: vector.did) == publicKey)
            let challenge = try Self.hex(vector.challenge)
            #expect(SigningKeyProof.message(did: vector.did, challenge: challenge).hexString == vector.message)
            #expect(SigningKeyProof.verify(publicKey: publicKey, challenge: challenge, signature: try Self.hex(vector.signature)))
            // Ours verifies under the independent implementation's rules too (RFC 8032 signatures are deterministic).
            let ours = try key.signature(for: SigningKeyProof.message(did: vector.did, challenge: challenge))
            #expect(SigningKeyProof.verify(publicKey: publicKey, challenge: challenge, signature: Array(ours)))
        }
    }

    @Test func proofsThatMustNotVerifyDoNot() throws {
        let invalid = try Self.file().invalid_proofs
        #expect(invalid.count >= 6)
        for vector in invalid {
            #expect(
                !SigningKeyProof.verify(publicKey: try Self.hex(vector.public_key), challenge: try Self.hex(vector.challenge), signature: try Self.hex(vector.signature)),
                "\(vector.description)"
            )
        }
    }

    @Test func onlyCanonicalEd25519DIDKeysDecode() throws {
        for text in try Self.file().not_ed25519_did_keys {
            #expect(DIDKey.ed25519PublicKey(of: text) == nil, "\(text)")
        }
        #expect(DIDKey.ed25519PublicKey(of: "did:key:z" + String(repeating: "1", count: 100)) == nil)
        #expect(DIDKey.ed25519PublicKey(of: "did:key:z😀") == nil)
    }
}
