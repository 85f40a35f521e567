import Testing
@testable import FlowstaCrypto

@Suite struct OPAQUETests {
    static let fast = OPAQUEConfiguration(context: Array("flowsta-test".utf8), ksf: .identity)
    private let password = Array("correct horse battery staple".utf8)
    private let credentialIdentifier = Array("user-42".utf8)

    /// Registers `password` and returns the server, record and export key.
    private func register(
        _ password: [UInt8], setup: OPAQUEServerSetup, config: OPAQUEConfiguration
    ) throws -> (server: OPAQUEServer, record: RegistrationRecord, exportKey: [UInt8]) {
        let server = OPAQUEServer(setup: setup, configuration: config)
        let client = OPAQUEClient(configuration: config)
        let (request, state) = try client.startRegistration(password: password)
        let response = try server.createRegistrationResponse(
            request: try RegistrationRequest(bytes: request.bytes), credentialIdentifier: credentialIdentifier
        )
        let (record, exportKey) = try client.finishRegistration(state: state, response: try RegistrationResponse(bytes: response.bytes))
        return (server, try RegistrationRecord(bytes: record.bytes), exportKey)
    }

    @Test(arguments: [OPAQUETests.fast, OPAQUEConfiguration.standard])
    func registerAndLogin(config: OPAQUEConfiguration) throws {
        let setup = OPAQUEServerSetup.generate()
        let (server, record, exportKey) = try register(password, setup: setup, config: config)
        let client = OPAQUEClient(configuration: config)
        let (ke1, clientState) = try client.startLogin(password: password)
        let (ke2, serverState) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: credentialIdentifier)
        let result = try client.finishLogin(state: clientState, ke2: ke2)
        let serverKey = try server.finishLogin(state: try ServerLoginState(bytes: serverState.bytes), ke3: result.ke3)
        #expect(result.exportKey == exportKey)
        #expect(result.sessionKey == serverKey)
        #expect(serverKey.count == 64 && exportKey.count == 64)
        #expect(record.clientPublicKey.count == 32)
    }

    @Test func registerAndLoginWithIdentities() throws {
        let setup = OPAQUEServerSetup.generate()
        let server = OPAQUEServer(setup: setup, configuration: Self.fast)
        let client = OPAQUEClient(configuration: Self.fast)
        let alice = Array("alice".utf8), bob = Array("auth.flowsta.example".utf8)
        let (request, regState) = try client.startRegistration(password: password)
        let response = try server.createRegistrationResponse(request: request, credentialIdentifier: credentialIdentifier)
        let (record, _) = try client.finishRegistration(state: regState, response: response, clientIdentity: alice, serverIdentity: bob)
        let (ke1, state) = try client.startLogin(password: password)
        let (ke2, serverState) = try server.startLogin(
            ke1: ke1, record: record, credentialIdentifier: credentialIdentifier, clientIdentity: alice, serverIdentity: bob
        )
        // Omitting the identities at login changes the credentials: the envelope no longer verifies.
        #expect(throws: OPAQUEError.envelopeRecoveryFailed) { try client.finishLogin(state: state, ke2: ke2) }
        let result = try client.finishLogin(state: state, ke2: ke2, clientIdentity: alice, serverIdentity: bob)
        #expect(try server.finishLogin(state: serverState, ke3: result.ke3) == result.sessionKey)
    }

    @Test func wrongPasswordFailsOnBothSides() throws {
        let setup = OPAQUEServerSetup.generate()
        let (server, record, _) = try register(password, setup: setup, config: Self.fast)
        let client = OPAQUEClient(configuration: Self.fast)
        let (ke1, state) = try client.startLogin(password: Array("wrong password".utf8))
        let (ke2, serverState) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: credentialIdentifier)
        #expect(throws: OPAQUEError.envelopeRecoveryFailed) { try client.finishLogin(state: state, ke2: ke2) }
        // A client that forges KE3 anyway is rejected by the server.
        let forged = try KE3(bytes: Sodium.randomBytes(KE3.length))
        #expect(throws: OPAQUEError.clientAuthenticationFailed) { try server.finishLogin(state: serverState, ke3: forged) }
    }

    @Test func tamperedServerMACIsRejected() throws {
        let setup = OPAQUEServerSetup.generate()
        let (server, record, _) = try register(password, setup: setup, config: Self.fast)
        let client = OPAQUEClient(configuration: Self.fast)
        let (ke1, state) = try client.startLogin(password: password)
        let (ke2, _) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: credentialIdentifier)
        var bytes = ke2.bytes
        bytes[KE2.length - 1] ^= 0x01
        #expect(throws: OPAQUEError.serverAuthenticationFailed) { try client.finishLogin(state: state, ke2: try KE2(bytes: bytes)) }
    }

    @Test func contextMismatchFailsServerAuthentication() throws {
        let setup = OPAQUEServerSetup.generate()
        let (server, record, _) = try register(password, setup: setup, config: Self.fast)
        let other = OPAQUEClient(configuration: OPAQUEConfiguration(context: Array("other".utf8), ksf: .identity))
        let (ke1, state) = try other.startLogin(password: password)
        let (ke2, _) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: credentialIdentifier)
        #expect(throws: OPAQUEError.serverAuthenticationFailed) { try other.finishLogin(state: state, ke2: ke2) }
    }

    @Test func unknownUserGetsFakeRecord() throws {
        let setup = OPAQUEServerSetup.generate()
        let (server, record, _) = try register(password, setup: setup, config: Self.fast)
        let client = OPAQUEClient(configuration: Self.fast)
        let (ke1, state) = try client.startLogin(password: password)
        let (fakeKE2, fakeState) = try server.startLogin(ke1: ke1, record: nil, credentialIdentifier: Array("nobody".utf8))
        let (realKE2, _) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: credentialIdentifier)
        #expect(fakeKE2.bytes.count == realKE2.bytes.count)
        #expect(fakeKE2.bytes.count == KE2.length)
        #expect(fakeState.bytes.count == ServerLoginState.length)
        #expect(throws: OPAQUEError.envelopeRecoveryFailed) { try client.finishLogin(state: state, ke2: fakeKE2) }
        #expect(setup.fakeRecord.bytes.suffix(96).allSatisfy { $0 == 0 })
    }

    @Test func serverSetupRoundTripsAndRedacts() throws {
        let setup = OPAQUEServerSetup.generate()
        #expect(setup.bytes.count == OPAQUEServerSetup.length)
        let restored = try OPAQUEServerSetup(bytes: setup.bytes)
        #expect(restored.bytes == setup.bytes)
        #expect(restored.serverPublicKey == setup.serverPublicKey)
        let seedHex = setup.oprfSeed.map { String($0, radix: 16) }.joined()
        #expect(!String(describing: setup).contains(seedHex))
        let (_, state) = try OPAQUEClient(configuration: Self.fast).startLogin(password: password)
        #expect(!String(describing: state).contains("\(password)"))
        #expect(!String(reflecting: state).contains("\(password)"))
    }

    @Test func freshRandomnessEachTime() throws {
        let client = OPAQUEClient(configuration: Self.fast)
        let (a, _) = try client.startLogin(password: password)
        let (b, _) = try client.startLogin(password: password)
        #expect(a != b)
        #expect(OPAQUEServerSetup.generate().bytes != OPAQUEServerSetup.generate().bytes)
    }
}

/// One malformed input and the typed error it must produce.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: OPAQUEError
    let parse: @Sendable () throws -> Void
    var testDescription: String { name }
}

@Suite struct OPAQUERejectionTests {
    /// The ristretto255 generator: a valid, non-identity element.
    static let g = CryptoVectorSupport.bytes("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")!
    static let zero = [UInt8](repeating: 0, count: 32)
    static let ones = [UInt8](repeating: 0xFF, count: 32)
    /// p = 2^255 - 19 little-endian: a field element >= p is non-canonical.
    static let p = [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
    /// s = 1 is "negative" (odd), which ristretto255 decoding rejects.
    static let negative = [1] + [UInt8](repeating: 0, count: 31)
    /// The group order L little-endian: a non-canonical scalar.
    static let order = CryptoVectorSupport.bytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!
    static let nonce = [UInt8](repeating: 7, count: 32)
    static let mac = [UInt8](repeating: 9, count: 64)
    static let seed = [UInt8](repeating: 3, count: 64)

    static func len(_ field: String, _ expected: Int, _ actual: Int) -> OPAQUEError {
        .invalidLength(field: field, expected: expected, actual: actual)
    }

    static func fake() -> RegistrationRecord {
        RegistrationRecord.makeFake(clientPublicKey: g, maskingKey: mac)
    }

    static let cases: [RejectionCase] = [
        // Lengths.
        .init(name: "RegistrationRequest 31", expected: len("RegistrationRequest", 32, 31)) { _ = try RegistrationRequest(bytes: Array(g.prefix(31))) },
        .init(name: "RegistrationRequest 33", expected: len("RegistrationRequest", 32, 33)) { _ = try RegistrationRequest(bytes: g + [0]) },
        .init(name: "RegistrationResponse 63", expected: len("RegistrationResponse", 64, 63)) { _ = try RegistrationResponse(bytes: Array((g + g).prefix(63))) },
        .init(name: "RegistrationRecord 191", expected: len("RegistrationRecord", 192, 191)) { _ = try RegistrationRecord(bytes: Array(fake().bytes.prefix(191))) },
        .init(name: "KE1 95", expected: len("KE1", 96, 95)) { _ = try KE1(bytes: Array((g + nonce + g).prefix(95))) },
        .init(name: "KE1 empty", expected: len("KE1", 96, 0)) { _ = try KE1(bytes: []) },
        .init(name: "KE2 321", expected: len("KE2", 320, 321)) { _ = try KE2(bytes: [UInt8](repeating: 1, count: 321)) },
        .init(name: "KE3 63", expected: len("KE3", 64, 63)) { _ = try KE3(bytes: Array(mac.prefix(63))) },
        .init(name: "ServerLoginState 127", expected: len("ServerLoginState", 128, 127)) { _ = try ServerLoginState(bytes: Array((mac + mac).prefix(127))) },
        .init(name: "OPAQUEServerSetup bytes 10", expected: len("OPAQUEServerSetup", 288, 10)) { _ = try OPAQUEServerSetup(bytes: Array(seed.prefix(10))) },
        .init(name: "oprf_seed 32", expected: len("oprf_seed", 64, 32)) { _ = try OPAQUEServerSetup(oprfSeed: nonce, serverPrivateKey: negative, fakeRecord: fake()) },
        // Non-canonical element encodings.
        .init(name: "RegistrationRequest 0xff..ff", expected: .invalidElement) { _ = try RegistrationRequest(bytes: ones) },
        .init(name: "RegistrationRequest p", expected: .invalidElement) { _ = try RegistrationRequest(bytes: p) },
        .init(name: "RegistrationRequest negative s", expected: .invalidElement) { _ = try RegistrationRequest(bytes: negative) },
        .init(name: "RegistrationResponse server key 0xff..ff", expected: .invalidElement) { _ = try RegistrationResponse(bytes: g + ones) },
        .init(name: "RegistrationRecord client key p", expected: .invalidElement) { _ = try RegistrationRecord(bytes: p + mac + nonce + mac) },
        .init(name: "KE1 blinded p", expected: .invalidElement) { _ = try KE1(bytes: p + nonce + g) },
        .init(name: "KE1 keyshare 0xff..ff", expected: .invalidElement) { _ = try KE1(bytes: g + nonce + ones) },
        .init(name: "KE2 evaluated 0xff..ff", expected: .invalidElement) { _ = try KE2(bytes: ones + nonce + mac + mac + nonce + g + mac) },
        .init(name: "KE2 keyshare p", expected: .invalidElement) { _ = try KE2(bytes: g + nonce + mac + mac + nonce + p + mac) },
        // Identity element.
        .init(name: "RegistrationRequest identity", expected: .identityElement) { _ = try RegistrationRequest(bytes: zero) },
        .init(name: "RegistrationResponse evaluated identity", expected: .identityElement) { _ = try RegistrationResponse(bytes: zero + g) },
        .init(name: "RegistrationResponse server key identity", expected: .identityElement) { _ = try RegistrationResponse(bytes: g + zero) },
        .init(name: "RegistrationRecord client key identity", expected: .identityElement) { _ = try RegistrationRecord(bytes: zero + mac + nonce + mac) },
        .init(name: "KE1 blinded identity", expected: .identityElement) { _ = try KE1(bytes: zero + nonce + g) },
        .init(name: "KE1 keyshare identity", expected: .identityElement) { _ = try KE1(bytes: g + nonce + zero) },
        .init(name: "KE2 evaluated identity", expected: .identityElement) { _ = try KE2(bytes: zero + nonce + mac + mac + nonce + g + mac) },
        .init(name: "KE2 keyshare identity", expected: .identityElement) { _ = try KE2(bytes: g + nonce + mac + mac + nonce + zero + mac) },
        // Scalars.
        .init(name: "server key = L", expected: .invalidScalar) { _ = try OPAQUEServerSetup(oprfSeed: seed, serverPrivateKey: order, fakeRecord: fake()) },
        .init(name: "server key 0xff..ff", expected: .invalidScalar) { _ = try OPAQUEServerSetup(oprfSeed: seed, serverPrivateKey: ones, fakeRecord: fake()) },
        .init(name: "server key zero", expected: .invalidScalar) { _ = try OPAQUEServerSetup(oprfSeed: seed, serverPrivateKey: zero, fakeRecord: fake()) },
        .init(name: "server key 31 bytes", expected: len("server_private_key", 32, 31)) { _ = try OPAQUEServerSetup(oprfSeed: seed, serverPrivateKey: Array(negative.prefix(31)), fakeRecord: fake()) },
        .init(name: "OPRF blind = L", expected: .invalidScalar) { _ = try OPRF.blind(input: [1], blind: order) },
        .init(name: "OPRF blind zero", expected: .invalidScalar) { _ = try OPRF.blind(input: [1], blind: zero) },
        .init(name: "setup bytes with L as key", expected: .invalidScalar) { _ = try OPAQUEServerSetup(bytes: seed + order + fake().bytes) },
    ]

    @Test(arguments: cases)
    func rejects(_ rejection: RejectionCase) {
        #expect(throws: rejection.expected) { try rejection.parse() }
    }

    @Test func acceptsValidEncodings() throws {
        let g = Self.g
        _ = try RegistrationRequest(bytes: g)
        _ = try KE1(bytes: g + Self.nonce + g)
        let setup = try OPAQUEServerSetup(oprfSeed: Self.seed, serverPrivateKey: Self.negative, fakeRecord: Self.fake())
        #expect(setup.serverPublicKey == g)  // 1 * G
        #expect(try OPAQUEServerSetup(bytes: setup.bytes).bytes == setup.bytes)
    }
}
