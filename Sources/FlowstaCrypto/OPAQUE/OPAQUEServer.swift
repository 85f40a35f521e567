/// The OPAQUE-3DH server (RFC 9807 §5.2.2, §6.3.2.2, §6.4.3).
public struct OPAQUEServer: Sendable {
    typealias P = OPAQUEPrimitives

    /// Long-term secrets.
    public let setup: OPAQUEServerSetup
    /// Context and KSF (the KSF is only used by clients).
    public let configuration: OPAQUEConfiguration

    /// Creates a server.
    public init(setup: OPAQUEServerSetup, configuration: OPAQUEConfiguration = .standard) {
        self.setup = setup
        self.configuration = configuration
    }

    /// CreateRegistrationResponse (RFC 9807 §5.2.2): evaluates the blinded password under
    /// the per-user OPRF key derived from oprf_seed and `credentialIdentifier`.
    public func createRegistrationResponse(
        request: RegistrationRequest, credentialIdentifier: [UInt8]
    ) throws -> RegistrationResponse {
        let oprfKey = try P.oprfKey(oprfSeed: setup.oprfSeed, credentialIdentifier: credentialIdentifier)
        let evaluated = try OPRF.blindEvaluate(privateKey: oprfKey, blindedElement: request.blindedMessage)
        return try RegistrationResponse(bytes: evaluated + setup.serverPublicKey)
    }

    /// GenerateKE2 (RFC 9807 §6.3.2.2, §6.4.3). `record == nil` answers with the setup's
    /// fake record so unknown users get a KE2 indistinguishable from a real one.
    public func startLogin(
        ke1: KE1, record: RegistrationRecord?, credentialIdentifier: [UInt8],
        clientIdentity: [UInt8]? = nil, serverIdentity: [UInt8]? = nil
    ) throws -> (ke2: KE2, state: ServerLoginState) {
        try startLogin(
            ke1: ke1, record: record, credentialIdentifier: credentialIdentifier,
            clientIdentity: clientIdentity, serverIdentity: serverIdentity,
            maskingNonce: Sodium.randomBytes(P.nn), serverNonce: Sodium.randomBytes(P.nn),
            serverKeyshareSeed: Sodium.randomBytes(P.nseed)
        )
    }

    /// GenerateKE2 with caller-supplied randomness (test vectors).
    func startLogin(
        ke1: KE1, record: RegistrationRecord?, credentialIdentifier: [UInt8],
        clientIdentity: [UInt8]?, serverIdentity: [UInt8]?,
        maskingNonce: [UInt8], serverNonce: [UInt8], serverKeyshareSeed: [UInt8]
    ) throws -> (ke2: KE2, state: ServerLoginState) {
        let result = try startLoginDetails(
            ke1: ke1, record: record, credentialIdentifier: credentialIdentifier,
            clientIdentity: clientIdentity, serverIdentity: serverIdentity,
            maskingNonce: maskingNonce, serverNonce: serverNonce, serverKeyshareSeed: serverKeyshareSeed
        )
        return (result.ke2, result.state)
    }

    /// GenerateKE2 also returning the 3DH key schedule (tests).
    func startLoginDetails(
        ke1: KE1, record: RegistrationRecord?, credentialIdentifier: [UInt8],
        clientIdentity: [UInt8]?, serverIdentity: [UInt8]?,
        maskingNonce: [UInt8], serverNonce: [UInt8], serverKeyshareSeed: [UInt8]
    ) throws -> (ke2: KE2, state: ServerLoginState, keys: OPAQUEPrimitives.SessionKeys) {
        try WireFormat.checkLength(maskingNonce, P.nn, field: "masking_nonce")
        try WireFormat.checkLength(serverNonce, P.nn, field: "server_nonce")
        try Identities.check(context: configuration.context, clientIdentity, serverIdentity)
        let record = record ?? setup.fakeRecord

        // CreateCredentialResponse (RFC 9807 §6.3.2.2).
        let oprfKey = try P.oprfKey(oprfSeed: setup.oprfSeed, credentialIdentifier: credentialIdentifier)
        let evaluated = try OPRF.blindEvaluate(privateKey: oprfKey, blindedElement: ke1.blindedMessage)
        let pad = P.credentialResponsePad(maskingKey: record.maskingKey, maskingNonce: maskingNonce)
        let maskedResponse = [UInt8].xor(pad, setup.serverPublicKey + record.envelope)
        let credentialResponse = evaluated + maskingNonce + maskedResponse

        // AuthServerRespond (RFC 9807 §6.4.3).
        let credentials = CleartextCredentials(
            serverPublicKey: setup.serverPublicKey, clientPublicKey: record.clientPublicKey,
            serverIdentity: serverIdentity, clientIdentity: clientIdentity
        )
        let (serverSecret, serverKeyshare) = try P.deriveDiffieHellmanKeyPair(seed: serverKeyshareSeed)
        let preamble = P.preamble(
            context: configuration.context, clientIdentity: credentials.clientIdentity, ke1: ke1,
            serverIdentity: credentials.serverIdentity, credentialResponse: credentialResponse,
            serverNonce: serverNonce, serverPublicKeyshare: serverKeyshare
        )
        let dh1 = try Ristretto255.scalarMult(serverSecret, ke1.clientPublicKeyshare)
        let dh2 = try Ristretto255.scalarMult(setup.serverPrivateKey, ke1.clientPublicKeyshare)
        let dh3 = try Ristretto255.scalarMult(serverSecret, record.clientPublicKey)
        let keys = P.deriveKeys(ikm: dh1 + dh2 + dh3, preamble: preamble)
        let serverMAC = P.mac(key: keys.serverMACKey, P.hash(preamble))
        let expectedClientMAC = P.mac(key: keys.clientMACKey, P.hash(preamble + serverMAC))

        let ke2 = try KE2(bytes: credentialResponse + serverNonce + serverKeyshare + serverMAC)
        return (ke2, ServerLoginState(expectedClientMAC: expectedClientMAC, sessionKey: keys.sessionKey), keys)
    }

    /// ServerFinish (RFC 9807 §6.4.3): checks the client MAC in constant time and returns
    /// the session key. Throws `.clientAuthenticationFailed` on mismatch (wrong password).
    public func finishLogin(state: ServerLoginState, ke3: KE3) throws -> [UInt8] {
        // RFC 9807 §6.4.3: compare client_mac with expected_client_mac in constant time.
        guard Sodium.constantTimeEqual(ke3.bytes, state.expectedClientMAC) else {
            throw OPAQUEError.clientAuthenticationFailed
        }
        return state.sessionKey
    }
}

/// Length limits for identities and context: each is prefixed by a 2-byte length.
enum Identities {
    static let maxLength = 0xFFFF

    /// Throws `.invalidLength` when an identity is empty or longer than 65535 bytes
    /// (`<1..2^16-1>`, RFC 9807 §4.1.2), or the context is longer than 65535 bytes.
    static func check(context: [UInt8], _ clientIdentity: [UInt8]?, _ serverIdentity: [UInt8]?) throws {
        guard context.count <= maxLength else {
            throw OPAQUEError.invalidLength(field: "context", expected: maxLength, actual: context.count)
        }
        for (name, identity) in [("client_identity", clientIdentity), ("server_identity", serverIdentity)] {
            if let identity, identity.isEmpty || identity.count > maxLength {
                throw OPAQUEError.invalidLength(field: name, expected: maxLength, actual: identity.count)
            }
        }
    }
}
