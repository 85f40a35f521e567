import Testing
@testable import FlowstaCrypto

/// RFC 9807 Appendix "Test Vectors" (draft-18 D.1.1, D.1.2, D.2.1), ristretto255-SHA512.
struct OPAQUEVectorFile: Decodable {
    struct Configuration: Decodable {
        let KSF: String
        let Context: String
    }
    struct Vector: Decodable {
        let name: String
        let number: Int
        let uses_identities: Bool
        let configuration: Configuration
        let input_values: [String: String]
        let intermediate_values: [String: String]?
        let output_values: [String: String]
    }
    let real_vectors: [Vector]
    let fake_vectors: [Vector]
}

@Suite struct OPAQUEVectorTests {
    private static let file = "opaque-rfc9807-ristretto255-sha512.json"
    private typealias H = CryptoVectorSupport

    /// Looks up a hex field and decodes it.
    private func hex(_ values: [String: String]?, _ key: String) throws -> [UInt8] {
        let string = try #require(values?[key], "missing \(key)")
        return try #require(H.bytes(string), "bad hex in \(key)")
    }

    private func configuration(_ v: OPAQUEVectorFile.Vector) throws -> OPAQUEConfiguration {
        #expect(v.configuration.KSF == "Identity")
        return OPAQUEConfiguration(context: try #require(H.bytes(v.configuration.Context)), ksf: .identity)
    }

    @Test(arguments: [1, 2])
    func realVector(number: Int) throws {
        let file = try H.load(OPAQUEVectorFile.self, file: Self.file)
        let v = try #require(file.real_vectors.first { $0.number == number })
        let input = v.input_values, mid = v.intermediate_values, out = v.output_values
        let config = try configuration(v)
        let clientIdentity = v.uses_identities ? try hex(input, "client_identity") : nil
        let serverIdentity = v.uses_identities ? try hex(input, "server_identity") : nil
        let password = try hex(input, "password")
        let credentialIdentifier = try hex(input, "credential_identifier")

        let setup = try OPAQUEServerSetup(
            oprfSeed: try hex(input, "oprf_seed"), serverPrivateKey: try hex(input, "server_private_key"),
            fakeRecord: RegistrationRecord.makeFake()
        )
        #expect(setup.serverPublicKey == (try hex(input, "server_public_key")))
        let oprfKey = try OPAQUEPrimitives.oprfKey(oprfSeed: setup.oprfSeed, credentialIdentifier: credentialIdentifier)
        #expect(oprfKey == (try hex(mid, "oprf_key")))

        let server = OPAQUEServer(setup: setup, configuration: config)
        let client = OPAQUEClient(configuration: config)

        // Registration.
        let (request, regState) = try client.startRegistration(password: password, blind: try hex(input, "blind_registration"))
        #expect(request.bytes == (try hex(out, "registration_request")))
        let response = try server.createRegistrationResponse(request: request, credentialIdentifier: credentialIdentifier)
        #expect(response.bytes == (try hex(out, "registration_response")))
        let envelopeNonce = try hex(input, "envelope_nonce")
        let details = try client.finishRegistrationDetails(
            state: regState, response: response, clientIdentity: clientIdentity,
            serverIdentity: serverIdentity, envelopeNonce: envelopeNonce
        )
        #expect(details.randomizedPassword == (try hex(mid, "randomized_password")))
        #expect(details.stored.clientPublicKey == (try hex(mid, "client_public_key")))
        #expect(details.stored.authKey == (try hex(mid, "auth_key")))
        #expect(details.stored.envelope == (try hex(mid, "envelope")))
        let (record, exportKey) = try client.finishRegistration(
            state: regState, response: response, clientIdentity: clientIdentity,
            serverIdentity: serverIdentity, envelopeNonce: envelopeNonce
        )
        #expect(record.bytes == (try hex(out, "registration_upload")))
        #expect(exportKey == (try hex(out, "export_key")))

        // Login.
        let (ke1, loginState) = try client.startLogin(
            password: password, blind: try hex(input, "blind_login"),
            clientNonce: try hex(input, "client_nonce"), clientKeyshareSeed: try hex(input, "client_keyshare_seed")
        )
        #expect(ke1.bytes == (try hex(out, "KE1")))
        let serverResult = try server.startLoginDetails(
            ke1: try KE1(bytes: ke1.bytes), record: try RegistrationRecord(bytes: record.bytes),
            credentialIdentifier: credentialIdentifier, clientIdentity: clientIdentity, serverIdentity: serverIdentity,
            maskingNonce: try hex(input, "masking_nonce"), serverNonce: try hex(input, "server_nonce"),
            serverKeyshareSeed: try hex(input, "server_keyshare_seed")
        )
        #expect(serverResult.keys.handshakeSecret == (try hex(mid, "handshake_secret")))
        #expect(serverResult.keys.serverMACKey == (try hex(mid, "server_mac_key")))
        #expect(serverResult.keys.clientMACKey == (try hex(mid, "client_mac_key")))
        #expect(serverResult.ke2.bytes == (try hex(out, "KE2")))

        let clientResult = try client.finishLogin(
            state: loginState, ke2: try KE2(bytes: serverResult.ke2.bytes),
            clientIdentity: clientIdentity, serverIdentity: serverIdentity
        )
        #expect(clientResult.ke3.bytes == (try hex(out, "KE3")))
        #expect(clientResult.sessionKey == (try hex(out, "session_key")))
        #expect(clientResult.exportKey == (try hex(out, "export_key")))
        let serverSessionKey = try server.finishLogin(state: serverResult.state, ke3: try KE3(bytes: clientResult.ke3.bytes))
        #expect(serverSessionKey == (try hex(out, "session_key")))
    }

    @Test func fakeVector1() throws {
        let file = try H.load(OPAQUEVectorFile.self, file: Self.file)
        let v = try #require(file.fake_vectors.first { $0.number == 1 })
        let input = v.input_values
        let config = try configuration(v)
        let clientPublicKey = try hex(input, "client_public_key")
        #expect(try Ristretto255.scalarMultBase(try hex(input, "client_private_key")) == clientPublicKey)

        // Fake record (RFC 9807 §6.3.2.2): client_public_key || masking_key || zero envelope.
        let fakeRecord = RegistrationRecord.makeFake(clientPublicKey: clientPublicKey, maskingKey: try hex(input, "masking_key"))
        #expect(fakeRecord == (try RegistrationRecord(bytes: clientPublicKey + (try hex(input, "masking_key")) + [UInt8](repeating: 0, count: 96))))
        let setup = try OPAQUEServerSetup(
            oprfSeed: try hex(input, "oprf_seed"), serverPrivateKey: try hex(input, "server_private_key"),
            fakeRecord: fakeRecord
        )
        #expect(setup.serverPublicKey == (try hex(input, "server_public_key")))
        let server = OPAQUEServer(setup: setup, configuration: config)
        let (ke2, _) = try server.startLogin(
            ke1: try KE1(bytes: try hex(input, "KE1")), record: nil,
            credentialIdentifier: try hex(input, "credential_identifier"),
            clientIdentity: v.uses_identities ? try hex(input, "client_identity") : nil,
            serverIdentity: v.uses_identities ? try hex(input, "server_identity") : nil,
            maskingNonce: try hex(input, "masking_nonce"), serverNonce: try hex(input, "server_nonce"),
            serverKeyshareSeed: try hex(input, "server_keyshare_seed")
        )
        #expect(ke2.bytes == (try hex(v.output_values, "KE2")))
    }
}
