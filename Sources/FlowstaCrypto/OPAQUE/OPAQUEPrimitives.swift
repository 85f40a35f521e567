import Crypto

/// Sizes and primitive functions of the OPAQUE-3DH ristretto255-SHA512
/// configuration (RFC 9807 §4, §6.4.2.1).
enum OPAQUEPrimitives {
    /// Nh: hash output length.
    static let nh = 64
    /// Nx: HKDF-Extract output length.
    static let nx = 64
    /// Nm: MAC output length.
    static let nm = 64
    /// Npk / Nsk: public/private key lengths.
    static let npk = 32
    static let nsk = 32
    /// Noe: serialised OPRF element length.
    static let noe = 32
    /// Nok: OPRF key length.
    static let nok = 32
    /// Nn: nonce length.
    static let nn = 32
    /// Nseed: key-derivation seed length.
    static let nseed = 32
    /// Envelope length: nonce || auth_tag.
    static let envelopeLength = nn + nm

    // MARK: KDF, MAC, Hash

    /// HKDF-Extract(salt, ikm) with SHA-512.
    static func extract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        Array(HKDF<SHA512>.extract(inputKeyMaterial: SymmetricKey(data: ikm), salt: salt))
    }

    /// HKDF-Expand(prk, info, length) with SHA-512.
    static func expand(_ prk: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        HKDF<SHA512>.expand(pseudoRandomKey: prk, info: info, outputByteCount: length)
            .withUnsafeBytes { Array($0) }
    }

    /// HMAC-SHA512(key, msg).
    static func mac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA512>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// SHA-512(msg).
    static func hash(_ message: [UInt8]) -> [UInt8] {
        Array(SHA512.hash(data: message))
    }

    // MARK: Key derivation helpers

    /// DeriveDiffieHellmanKeyPair(seed) = DeriveKeyPair(seed, "OPAQUE-DeriveDiffieHellmanKeyPair")
    /// (RFC 9807 §4.1, §6.4.1).
    static func deriveDiffieHellmanKeyPair(seed: [UInt8]) throws -> (privateKey: [UInt8], publicKey: [UInt8]) {
        try OPRF.deriveKeyPair(seed: seed, info: Array("OPAQUE-DeriveDiffieHellmanKeyPair".utf8))
    }

    /// oprf_key = DeriveKeyPair(Expand(oprf_seed, credential_identifier || "OprfKey", Nok),
    /// "OPAQUE-DeriveKeyPair") (RFC 9807 §5.2.2, §6.3.2.2).
    static func oprfKey(oprfSeed: [UInt8], credentialIdentifier: [UInt8]) throws -> [UInt8] {
        let seed = expand(oprfSeed, info: credentialIdentifier + Array("OprfKey".utf8), length: nok)
        return try OPRF.deriveKeyPair(seed: seed, info: Array("OPAQUE-DeriveKeyPair".utf8)).privateKey
    }

    /// randomized_password = Extract("", oprf_output || Stretch(oprf_output)) (RFC 9807 §5.2.3, §6.3.2.3).
    static func randomizedPassword(oprfOutput: [UInt8], ksf: KSF) throws -> [UInt8] {
        let stretched = try ksf.stretch(oprfOutput)
        return extract(salt: [], ikm: oprfOutput + stretched)
    }

    /// masking_key = Expand(randomized_password, "MaskingKey", Nh) (RFC 9807 §5.2.3).
    static func maskingKey(randomizedPassword: [UInt8]) -> [UInt8] {
        expand(randomizedPassword, info: Array("MaskingKey".utf8), length: nh)
    }

    /// credential_response_pad = Expand(masking_key, masking_nonce || "CredentialResponsePad",
    /// Npk + Nn + Nm) (RFC 9807 §6.3.2.2).
    static func credentialResponsePad(maskingKey: [UInt8], maskingNonce: [UInt8]) -> [UInt8] {
        expand(maskingKey, info: maskingNonce + Array("CredentialResponsePad".utf8), length: npk + nn + nm)
    }

    // MARK: 3DH key schedule (RFC 9807 §6.4.2)

    /// Expand-Label(Secret, Label, Context, Length) (RFC 9807 §6.4.2.1).
    static func expandLabel(_ secret: [UInt8], label: String, context: [UInt8], length: Int) -> [UInt8] {
        let fullLabel = Array("OPAQUE-".utf8) + Array(label.utf8)
        precondition(fullLabel.count <= 255 && context.count <= 255, "Expand-Label: label or context too long")
        let customLabel = [UInt8].i2osp2(length)
            + [UInt8(fullLabel.count)] + fullLabel
            + [UInt8(context.count)] + context
        return expand(secret, info: customLabel, length: length)
    }

    /// Derive-Secret(Secret, Label, Transcript-Hash) = Expand-Label(Secret, Label, Transcript-Hash, Nx).
    static func deriveSecret(_ secret: [UInt8], label: String, transcriptHash: [UInt8]) -> [UInt8] {
        expandLabel(secret, label: label, context: transcriptHash, length: nx)
    }

    /// Output of DeriveKeys (RFC 9807 §6.4.2.2).
    struct SessionKeys {
        var handshakeSecret: [UInt8]
        var serverMACKey: [UInt8]
        var clientMACKey: [UInt8]
        var sessionKey: [UInt8]
    }

    /// DeriveKeys(ikm, preamble) (RFC 9807 §6.4.2.2).
    static func deriveKeys(ikm: [UInt8], preamble: [UInt8]) -> SessionKeys {
        let prk = extract(salt: [], ikm: ikm)
        let preambleHash = hash(preamble)
        let handshakeSecret = deriveSecret(prk, label: "HandshakeSecret", transcriptHash: preambleHash)
        let sessionKey = deriveSecret(prk, label: "SessionKey", transcriptHash: preambleHash)
        return SessionKeys(
            handshakeSecret: handshakeSecret,
            serverMACKey: deriveSecret(handshakeSecret, label: "ServerMAC", transcriptHash: []),
            clientMACKey: deriveSecret(handshakeSecret, label: "ClientMAC", transcriptHash: []),
            sessionKey: sessionKey
        )
    }

    /// Preamble (RFC 9807 §6.4.2.1):
    /// "OPAQUEv1-" || I2OSP(len(context), 2) || context || I2OSP(len(client_identity), 2) ||
    /// client_identity || ke1 || I2OSP(len(server_identity), 2) || server_identity ||
    /// credential_response || server_nonce || server_public_keyshare.
    static func preamble(
        context: [UInt8], clientIdentity: [UInt8], ke1: KE1, serverIdentity: [UInt8],
        credentialResponse: [UInt8], serverNonce: [UInt8], serverPublicKeyshare: [UInt8]
    ) -> [UInt8] {
        Array("OPAQUEv1-".utf8)
            + [UInt8].i2osp2(context.count) + context
            + [UInt8].i2osp2(clientIdentity.count) + clientIdentity
            + ke1.bytes
            + [UInt8].i2osp2(serverIdentity.count) + serverIdentity
            + credentialResponse + serverNonce + serverPublicKeyshare
    }
}

/// CleartextCredentials (RFC 9807 §4.1.2): identities default to the public keys.
struct CleartextCredentials {
    var serverPublicKey: [UInt8]
    var serverIdentity: [UInt8]
    var clientIdentity: [UInt8]

    /// CreateCleartextCredentials(server_public_key, client_public_key, server_identity, client_identity).
    init(serverPublicKey: [UInt8], clientPublicKey: [UInt8], serverIdentity: [UInt8]?, clientIdentity: [UInt8]?) {
        self.serverPublicKey = serverPublicKey
        self.serverIdentity = serverIdentity ?? serverPublicKey
        self.clientIdentity = clientIdentity ?? clientPublicKey
    }

    /// server_public_key || server_identity<1..2^16-1> || client_identity<1..2^16-1>.
    var bytes: [UInt8] {
        serverPublicKey
            + [UInt8].i2osp2(serverIdentity.count) + serverIdentity
            + [UInt8].i2osp2(clientIdentity.count) + clientIdentity
    }
}
