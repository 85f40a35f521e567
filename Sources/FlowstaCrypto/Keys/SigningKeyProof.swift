import Crypto
import FlowstaCore

/// The proof that a user holds the Ed25519 key they register as their signing key (and DID): an
/// Ed25519 signature, under that key, over
///
/// ```
/// utf8("flowsta signing key proof v1" LF did LF base64url(challenge))
/// ```
///
/// where `did` is the key's `did:key` and `challenge` the server's single-use challenge. The DID
/// in the message binds the proof to the key; the label keeps it from being any other Flowsta
/// signature. Known answers: `Vectors/signing-key-v1.json` (Tests/support/signing_key_vectors.py).
public enum SigningKeyProof {
    public static let label = "flowsta signing key proof v1"

    /// The bytes the key signs.
    public static func message(did: String, challenge: [UInt8]) -> [UInt8] {
        Array("\(label)\n\(did)\n\(Base64URL.encode(challenge))".utf8)
    }

    /// `key`'s proof for `challenge`: its public key's DID and the signature of ``message(did:challenge:)``.
    public static func prove(_ key: Curve25519.Signing.PrivateKey, challenge: [UInt8]) throws -> (did: String, signature: [UInt8]) {
        let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
        return (did, [UInt8](try key.signature(for: message(did: did, challenge: challenge))))
    }

    /// Whether `signature` (64 bytes) proves possession of `publicKey` (32 bytes) for `challenge`.
    /// Malformed keys and signatures are `false`, never a trap.
    public static func verify(publicKey: [UInt8], challenge: [UInt8], signature: [UInt8]) -> Bool {
        guard signature.count == 64, let did = try? DIDKey.did(ed25519PublicKey: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            return false
        }
        return key.isValidSignature(signature, for: message(did: did, challenge: challenge))
    }
}

/// A device key's sign-in (issue #21): an Ed25519 signature, under the device key, over
///
/// ```
/// utf8("flowsta device key sign-in v1" LF did LF base64url(challenge))
/// ```
///
/// with the server's single-use challenge: the same shape as ``SigningKeyProof`` under another
/// label, so neither signature can stand for the other.
public enum DeviceKeyProof {
    public static let label = "flowsta device key sign-in v1"

    public static func message(did: String, challenge: [UInt8]) -> [UInt8] {
        Array("\(label)\n\(did)\n\(Base64URL.encode(challenge))".utf8)
    }

    /// Whether `signature` is the key's over the challenge. Malformed input is `false`.
    public static func verify(publicKey: [UInt8], challenge: [UInt8], signature: [UInt8]) -> Bool {
        guard signature.count == 64, let did = try? DIDKey.did(ed25519PublicKey: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            return false
        }
        return key.isValidSignature(signature, for: message(did: did, challenge: challenge))
    }
}
