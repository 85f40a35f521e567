/// The OPAQUE-3DH client (RFC 9807 §5.2, §6.3.2, §6.4.3).
public struct OPAQUEClient: Sendable {
    typealias P = OPAQUEPrimitives

    /// Context and KSF; must match the server's context and the KSF used at registration.
    public let configuration: OPAQUEConfiguration

    /// Creates a client.
    public init(configuration: OPAQUEConfiguration = .standard) {
        self.configuration = configuration
    }

    // MARK: Registration

    /// CreateRegistrationRequest (RFC 9807 §5.2.1) with a fresh random blind.
    public func startRegistration(password: [UInt8]) throws -> (request: RegistrationRequest, state: ClientRegistrationState) {
        try startRegistration(password: password, blind: Ristretto255.randomScalar())
    }

    /// CreateRegistrationRequest with a caller-supplied blind (test vectors).
    func startRegistration(password: [UInt8], blind: [UInt8]) throws -> (request: RegistrationRequest, state: ClientRegistrationState) {
        let (blind, blinded) = try OPRF.blind(input: password, blind: blind)
        return (try RegistrationRequest(bytes: blinded), ClientRegistrationState(password: password, blind: blind))
    }

    /// FinalizeRegistrationRequest (RFC 9807 §5.2.3): returns the record to upload and the export key.
    public func finishRegistration(
        state: ClientRegistrationState, response: RegistrationResponse,
        clientIdentity: [UInt8]? = nil, serverIdentity: [UInt8]? = nil
    ) throws -> (record: RegistrationRecord, exportKey: [UInt8]) {
        try finishRegistration(
            state: state, response: response, clientIdentity: clientIdentity,
            serverIdentity: serverIdentity, envelopeNonce: Sodium.randomBytes(P.nn)
        )
    }

    /// FinalizeRegistrationRequest with a caller-supplied envelope nonce (test vectors).
    func finishRegistration(
        state: ClientRegistrationState, response: RegistrationResponse,
        clientIdentity: [UInt8]?, serverIdentity: [UInt8]?, envelopeNonce: [UInt8]
    ) throws -> (record: RegistrationRecord, exportKey: [UInt8]) {
        let stored = try finishRegistrationDetails(
            state: state, response: response, clientIdentity: clientIdentity,
            serverIdentity: serverIdentity, envelopeNonce: envelopeNonce
        ).stored
        let record = RegistrationRecord(unchecked: stored.clientPublicKey + stored.maskingKey + stored.envelope)
        return (record, stored.exportKey)
    }

    /// FinalizeRegistrationRequest exposing the intermediate values (tests).
    func finishRegistrationDetails(
        state: ClientRegistrationState, response: RegistrationResponse,
        clientIdentity: [UInt8]?, serverIdentity: [UInt8]?, envelopeNonce: [UInt8]
    ) throws -> (randomizedPassword: [UInt8], stored: Envelope.Stored) {
        try Identities.check(context: configuration.context, clientIdentity, serverIdentity)
        let oprfOutput = try OPRF.finalize(
            input: state.password, blind: state.blind, evaluatedElement: response.evaluatedMessage
        )
        let randomizedPassword = try P.randomizedPassword(oprfOutput: oprfOutput, ksf: configuration.ksf)
        let stored = try Envelope.store(
            randomizedPassword: randomizedPassword, serverPublicKey: response.serverPublicKey,
            serverIdentity: serverIdentity, clientIdentity: clientIdentity, envelopeNonce: envelopeNonce
        )
        return (randomizedPassword, stored)
    }

    // MARK: Login

    /// GenerateKE1 (RFC 9807 §6.3.2.1, §6.4.3) with a fresh blind, nonce and keyshare seed.
    public func startLogin(password: [UInt8]) throws -> (ke1: KE1, state: ClientLoginState) {
        try startLogin(
            password: password, blind: Ristretto255.randomScalar(),
            clientNonce: Sodium.randomBytes(P.nn), clientKeyshareSeed: Sodium.randomBytes(P.nseed)
        )
    }

    /// GenerateKE1 with caller-supplied randomness (test vectors).
    func startLogin(
        password: [UInt8], blind: [UInt8], clientNonce: [UInt8], clientKeyshareSeed: [UInt8]
    ) throws -> (ke1: KE1, state: ClientLoginState) {
        try WireFormat.checkLength(clientNonce, P.nn, field: "client_nonce")
        let (blind, blinded) = try OPRF.blind(input: password, blind: blind)
        let (clientSecret, clientKeyshare) = try P.deriveDiffieHellmanKeyPair(seed: clientKeyshareSeed)
        let ke1 = try KE1(bytes: blinded + clientNonce + clientKeyshare)
        return (ke1, ClientLoginState(password: password, blind: blind, clientSecret: clientSecret, ke1: ke1))
    }

    /// GenerateKE3 (RFC 9807 §6.3.2.3, §6.4.3). Throws `.envelopeRecoveryFailed` for a wrong
    /// password (or a fake record) and `.serverAuthenticationFailed` when the server MAC is wrong.
    public func finishLogin(
        state: ClientLoginState, ke2: KE2,
        clientIdentity: [UInt8]? = nil, serverIdentity: [UInt8]? = nil
    ) throws -> (ke3: KE3, sessionKey: [UInt8], exportKey: [UInt8]) {
        try Identities.check(context: configuration.context, clientIdentity, serverIdentity)

        // RecoverCredentials (RFC 9807 §6.3.2.3).
        let oprfOutput = try OPRF.finalize(
            input: state.password, blind: state.blind, evaluatedElement: ke2.evaluatedMessage
        )
        let randomizedPassword = try P.randomizedPassword(oprfOutput: oprfOutput, ksf: configuration.ksf)
        let maskingKey = P.maskingKey(randomizedPassword: randomizedPassword)
        let pad = P.credentialResponsePad(maskingKey: maskingKey, maskingNonce: ke2.maskingNonce)
        let unmasked = [UInt8].xor(pad, ke2.maskedResponse)
        let serverPublicKey = Array(unmasked[0..<P.npk])
        let recovered = try Envelope.recover(
            randomizedPassword: randomizedPassword, serverPublicKey: serverPublicKey,
            envelope: Array(unmasked[P.npk...]), serverIdentity: serverIdentity, clientIdentity: clientIdentity
        )
        let credentials = recovered.cleartextCredentials

        // AuthClientFinalize (RFC 9807 §6.4.3). scalarMult validates server_public_key.
        let dh1 = try Ristretto255.scalarMult(state.clientSecret, ke2.serverPublicKeyshare)
        let dh2 = try Ristretto255.scalarMult(state.clientSecret, serverPublicKey)
        let dh3 = try Ristretto255.scalarMult(recovered.clientPrivateKey, ke2.serverPublicKeyshare)
        let preamble = P.preamble(
            context: configuration.context, clientIdentity: credentials.clientIdentity, ke1: state.ke1,
            serverIdentity: credentials.serverIdentity, credentialResponse: ke2.credentialResponse,
            serverNonce: ke2.serverNonce, serverPublicKeyshare: ke2.serverPublicKeyshare
        )
        let keys = P.deriveKeys(ikm: dh1 + dh2 + dh3, preamble: preamble)
        let expectedServerMAC = P.mac(key: keys.serverMACKey, P.hash(preamble))
        // RFC 9807 §6.4.3: server_mac MUST be compared in constant time; abort on mismatch.
        guard Sodium.constantTimeEqual(ke2.serverMAC, expectedServerMAC) else {
            throw OPAQUEError.serverAuthenticationFailed
        }
        let clientMAC = P.mac(key: keys.clientMACKey, P.hash(preamble + expectedServerMAC))
        return (try KE3(bytes: clientMAC), keys.sessionKey, recovered.exportKey)
    }
}
