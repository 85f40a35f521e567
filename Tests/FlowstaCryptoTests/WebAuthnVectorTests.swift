import Crypto
import FlowstaCore
import Foundation
import Testing
@testable import FlowstaCrypto

/// WebAuthn's CBOR, COSE keys and authenticator data against `webauthn.json`, which
/// python-fido2 and pyca/cryptography made and check (Tests/support/webauthn_vectors.py):
/// registrations and assertions of ES256, EdDSA and RS256 credentials, and malformed inputs.
@Suite struct WebAuthnVectorTests {
    struct File: Decodable {
        struct Case: Decodable {
            let alg: Int, flags: UInt8, rp_id_hash: String, aaguid: String, credential_id: String, public_key: String
            let attestation_object: String, client_data_hash: String
            let assertion_authenticator_data: String, assertion_client_data_hash: String, assertion_signature: String
            let sign_count: UInt32, tampered_signature: String, extensions: Bool
        }
        struct Malformed: Decodable { let name: String, authenticator_data: String }
        struct MalformedCBOR: Decodable { let name: String, hex: String }
        let cases: [Case]
        let malformed_authenticator_data: [Malformed]
        let malformed_cbor: [MalformedCBOR]
    }

    static func file() throws -> File {
        let url = try #require(Bundle.module.url(forResource: "webauthn", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func hex(_ text: String) throws -> [UInt8] { try #require(CryptoVectorSupport.bytes(text)) }

    @Test func registrationsParseToTheCredentialTheAuthenticatorMade() throws {
        let cases = try Self.file().cases
        #expect(Set(cases.map(\.alg)) == [-7, -8, -257])
        for vector in cases {
            let attestation = try CBORDecoder.decode(try Self.hex(vector.attestation_object))
            #expect(attestation[text: "fmt"] == .text("packed"))
            let data = try AuthenticatorData(bytes: try #require(attestation[text: "authData"]?.byteString))
            #expect(data.relyingPartyIDHash.hexString == vector.rp_id_hash)
            #expect(data.flags == vector.flags && data.userPresent && data.signCount == 0)
            #expect((data.extensions != nil) == vector.extensions)
            let credential = try #require(data.attestedCredential)
            #expect(credential.aaguid.hexString == vector.aaguid && credential.credentialID.hexString == vector.credential_id)
            #expect(credential.publicKeyBytes.hexString == vector.public_key)
            #expect(credential.publicKey.algorithm == vector.alg)
            // `packed` self-attestation: the credential's own key signs authData ‖ clientDataHash.
            let statement = try #require(attestation[text: "attStmt"])
            #expect(statement[text: "alg"]?.int == vector.alg)
            let signature = try #require(statement[text: "sig"]?.byteString)
            #expect(credential.publicKey.isValidSignature(signature, for: data.bytes + (try Self.hex(vector.client_data_hash))))
            #expect(!credential.publicKey.isValidSignature(signature, for: data.bytes + [UInt8](repeating: 0, count: 32)))
        }
    }

    @Test func assertionsVerifyAndTamperedOnesDoNot() throws {
        for vector in try Self.file().cases {
            let key = try COSEKey(try CBORDecoder.decode(try Self.hex(vector.public_key)))
            let data = try AuthenticatorData(bytes: try Self.hex(vector.assertion_authenticator_data))
            #expect(data.attestedCredential == nil && data.signCount == vector.sign_count)
            #expect(data.flags == vector.flags & ~0xC0)
            let message = data.bytes + (try Self.hex(vector.assertion_client_data_hash))
            #expect(key.isValidSignature(try Self.hex(vector.assertion_signature), for: message))
            #expect(!key.isValidSignature(try Self.hex(vector.tampered_signature), for: message))
            #expect(!key.isValidSignature([], for: message))
        }
    }

    @Test func malformedAuthenticatorDataIsRefused() throws {
        let malformed = try Self.file().malformed_authenticator_data
        #expect(malformed.count >= 9)
        for vector in malformed {
            #expect(throws: AuthenticatorData.Failure.self, "\(vector.name)") { _ = try AuthenticatorData(bytes: try Self.hex(vector.authenticator_data)) }
        }
    }

    @Test func cborOutsideTheSubsetIsRefused() throws {
        for vector in try Self.file().malformed_cbor {
            #expect(throws: CBORError.self, "\(vector.name)") { _ = try CBORDecoder.decode(try Self.hex(vector.hex)) }
        }
        // Every prefix of a valid attestation object is refused, never a crash.
        let whole = try Self.hex(try #require(try Self.file().cases.first).attestation_object)
        for length in 0..<whole.count {
            #expect(throws: CBORError.self) { _ = try CBORDecoder.decode(Array(whole.prefix(length))) }
        }
    }
}
