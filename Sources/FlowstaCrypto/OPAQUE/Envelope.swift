/// The OPAQUE envelope: Store and Recover (RFC 9807 §4.1).
enum Envelope {
    typealias P = OPAQUEPrimitives

    /// Result of Store.
    struct Stored {
        var envelope: [UInt8]
        var clientPublicKey: [UInt8]
        var maskingKey: [UInt8]
        var exportKey: [UInt8]
        var authKey: [UInt8]
    }

    /// Result of Recover.
    struct Recovered {
        var clientPrivateKey: [UInt8]
        var cleartextCredentials: CleartextCredentials
        var exportKey: [UInt8]
    }

    /// Store(randomized_password, server_public_key, server_identity, client_identity) (RFC 9807 §4.1.2).
    static func store(
        randomizedPassword: [UInt8], serverPublicKey: [UInt8],
        serverIdentity: [UInt8]?, clientIdentity: [UInt8]?, envelopeNonce: [UInt8]
    ) throws -> Stored {
        guard envelopeNonce.count == P.nn else {
            throw OPAQUEError.invalidLength(field: "envelope_nonce", expected: P.nn, actual: envelopeNonce.count)
        }
        let maskingKey = P.maskingKey(randomizedPassword: randomizedPassword)
        let keys = deriveEnvelopeKeys(randomizedPassword: randomizedPassword, nonce: envelopeNonce)
        let (_, clientPublicKey) = try P.deriveDiffieHellmanKeyPair(seed: keys.seed)
        let credentials = CleartextCredentials(
            serverPublicKey: serverPublicKey, clientPublicKey: clientPublicKey,
            serverIdentity: serverIdentity, clientIdentity: clientIdentity
        )
        let authTag = P.mac(key: keys.authKey, envelopeNonce + credentials.bytes)
        return Stored(
            envelope: envelopeNonce + authTag, clientPublicKey: clientPublicKey,
            maskingKey: maskingKey, exportKey: keys.exportKey, authKey: keys.authKey
        )
    }

    /// Recover(randomized_password, server_public_key, envelope, server_identity, client_identity)
    /// (RFC 9807 §4.1.3). Throws `.envelopeRecoveryFailed` when the tag does not verify.
    static func recover(
        randomizedPassword: [UInt8], serverPublicKey: [UInt8], envelope: [UInt8],
        serverIdentity: [UInt8]?, clientIdentity: [UInt8]?
    ) throws -> Recovered {
        guard envelope.count == P.envelopeLength else {
            throw OPAQUEError.invalidLength(field: "envelope", expected: P.envelopeLength, actual: envelope.count)
        }
        let nonce = Array(envelope[0..<P.nn])
        let authTag = Array(envelope[P.nn...])
        let keys = deriveEnvelopeKeys(randomizedPassword: randomizedPassword, nonce: nonce)
        let (clientPrivateKey, clientPublicKey) = try P.deriveDiffieHellmanKeyPair(seed: keys.seed)
        let credentials = CleartextCredentials(
            serverPublicKey: serverPublicKey, clientPublicKey: clientPublicKey,
            serverIdentity: serverIdentity, clientIdentity: clientIdentity
        )
        let expectedTag = P.mac(key: keys.authKey, nonce + credentials.bytes)
        // RFC 9807 §4.1.3: the tag MUST be compared in constant time.
        guard Sodium.constantTimeEqual(authTag, expectedTag) else {
            throw OPAQUEError.envelopeRecoveryFailed
        }
        return Recovered(clientPrivateKey: clientPrivateKey, cleartextCredentials: credentials, exportKey: keys.exportKey)
    }

    /// auth_key, export_key and the private-key seed, all bound to the envelope nonce.
    private static func deriveEnvelopeKeys(
        randomizedPassword: [UInt8], nonce: [UInt8]
    ) -> (authKey: [UInt8], exportKey: [UInt8], seed: [UInt8]) {
        (
            P.expand(randomizedPassword, info: nonce + Array("AuthKey".utf8), length: P.nh),
            P.expand(randomizedPassword, info: nonce + Array("ExportKey".utf8), length: P.nh),
            P.expand(randomizedPassword, info: nonce + Array("PrivateKey".utf8), length: P.nseed)
        )
    }
}
