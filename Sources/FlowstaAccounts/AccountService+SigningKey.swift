import FlowstaCore
import FlowstaCrypto
import Foundation

/// A challenge to sign when registering a signing key (``SigningKeyProof``).
public struct SigningKeyChallenge: Sendable {
    /// Names this challenge in the registration (single use, ``AccountService/Configuration/passkeyCeremonyLifetime``).
    public var challengeID: String
    public var challenge: [UInt8]
    public var expiresAt: Date
}

extension AccountService {
    /// A single-use challenge, bound to the signed-in user, for ``registerSigningKey(_:challengeID:publicKey:signature:)``.
    public func signingKeyChallenge(_ session: AuthenticatedSession) async throws -> SigningKeyChallenge {
        let (id, challenge) = try await issueCeremony("signing-key", userID: session.user.id)
        return SigningKeyChallenge(challengeID: id, challenge: challenge, expiresAt: time.now.addingTimeInterval(configuration.passkeyCeremonyLifetime))
    }

    /// Registers the user's Ed25519 signing key (base64url, 32 bytes) with its proof of
    /// possession (base64url, 64 bytes) over the challenge: it becomes the user's DID. Replacing a
    /// current key needs a fresh sign-in and mails the user; the old key is kept, revoked.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used, expired or another user's
    ///   challenge), ``AccountError/invalidRequest(_:)`` (malformed, a proof that does not verify,
    ///   a key registered before), ``AccountError/reauthenticationRequired(withinSeconds:)``.
    public func registerSigningKey(
        _ session: AuthenticatedSession, challengeID: String, publicKey rawKey: String, signature rawSignature: String
    ) async throws -> StoredUserSigningKey {
        let publicKey = try Self.bytes(rawKey, field: "public_key")
        let signature = try Self.bytes(rawSignature, field: "signature")
        guard publicKey.count == 32, let did = try? DIDKey.did(ed25519PublicKey: publicKey) else {
            throw AccountError.invalidRequest("public_key must be a 32-byte Ed25519 public key")
        }
        let current = try await signingKeys.current(userID: session.user.id)
        if current != nil { try requireFreshSignIn(session) }
        let challenge = try await consumeCeremony("signing-key", challengeID, userID: session.user.id)
        guard SigningKeyProof.verify(publicKey: publicKey, challenge: challenge, signature: signature) else {
            throw AccountError.invalidRequest("signature is not the key's signature of the proof for this challenge")
        }
        let key = StoredUserSigningKey(id: UUID(), userID: session.user.id, publicKey: publicKey, did: did, createdAt: time.now)
        guard try await signingKeys.register(key) else { throw AccountError.invalidRequest("this key was registered before: make a new one") }
        if let current {
            await alert(session.user, subject: "Your Flowsta signing key changed", text: """
                The Flowsta account \(session.user.username) has a new signing key: \(did). The previous one, \(current.did), \
                is revoked; signatures made with it before now stay valid. If this was not you, change your password.
                """)
        }
        return key
    }

    /// The user's signing keys, newest first (the current one has no `revokedAt`).
    public func signingKeys(_ session: AuthenticatedSession) async throws -> [StoredUserSigningKey] {
        try await signingKeys.keys(userID: session.user.id)
    }
}
