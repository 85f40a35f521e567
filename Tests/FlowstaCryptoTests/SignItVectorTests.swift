import FlowstaCore
import FlowstaCrypto
import Foundation
import Testing

/// The canonical statement and its signature check against PyNaCl's known answers
/// (`Vectors/sign-it-v1.json`, made by Tests/support/sign_it_vectors.py).
@Suite struct SignItVectorTests {
    struct Rights: Decodable {
        var license: String?
        var commercial_licensing: String?
        var ai_training: String?
        var contact_preference: String?
    }

    struct Statement: Decodable {
        var file_hash: String
        var intent: String
        var ai_generation: String
        var content_rights: Rights
        var signed_at: String
        var public_key: String
        var did: String
        var message: String?
        var signature: String
        var description: String?

        func file() throws -> FileToSign {
            let rights = ContentRights(
                license: content_rights.license, commercialLicensing: content_rights.commercial_licensing.flatMap(CommercialLicensing.init(rawValue:)),
                aiTraining: content_rights.ai_training.flatMap(AITraining.init(rawValue:)),
                contactPreference: content_rights.contact_preference.flatMap(ContactPreference.init(rawValue:))
            )
            return FileToSign(
                fileHash: try #require(SignItHash.parse(file_hash)),
                fields: SignItFields(intent: try #require(SignIntent(rawValue: intent)), aiGeneration: try #require(AIGeneration(rawValue: ai_generation)), contentRights: rights)
            )
        }

        func date() throws -> Date { try #require(try? Date(signed_at, strategy: .iso8601)) }
    }

    struct File: Decodable {
        var statements: [Statement]
        var tampered: [Statement]
    }

    static func load() throws -> File {
        let url = try #require(Bundle.module.url(forResource: "sign-it-v1", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(File.self, from: try Data(contentsOf: url))
    }

    /// The bytes of a hex string of any even length.
    static func hex(_ text: String) throws -> [UInt8] {
        let digits = Array(text)
        try #require(digits.count.isMultiple(of: 2))
        return try stride(from: 0, to: digits.count, by: 2).map { try #require(UInt8(String(digits[$0...$0 + 1]), radix: 16)) }
    }

    @Test func statementsAndSignaturesMatchPyNaCl() throws {
        let file = try Self.load()
        #expect(file.statements.count >= 5 && file.tampered.count >= 7)
        for vector in file.statements {
            let statement = SignItStatement.message(did: vector.did, file: try vector.file(), signedAt: try vector.date())
            #expect(statement == (try Self.hex(try #require(vector.message))), "\(vector.signed_at)")
            #expect(SignItStatement.timestamp(try vector.date()) == vector.signed_at)
            #expect(SignItStatement.verify(
                publicKey: try Self.hex(vector.public_key), did: vector.did, file: try vector.file(), signedAt: try vector.date(),
                signature: try Self.hex(vector.signature)
            ))
        }
        for vector in file.tampered {
            #expect(!SignItStatement.verify(
                publicKey: try Self.hex(vector.public_key), did: vector.did, file: try vector.file(), signedAt: try vector.date(),
                signature: try Self.hex(vector.signature)
            ), "\(vector.description ?? "")")
        }
    }

    @Test func hashesAndLicencesAreChecked() {
        #expect(SignItHash.parse(String(repeating: "a", count: 63)) == nil)
        #expect(SignItHash.parse(String(repeating: "g", count: 64)) == nil)
        #expect(SignItHash.parse(String(repeating: "A", count: 64)) == [UInt8](repeating: 0xAA, count: 32))
        #expect(SignItHash.hex([UInt8](repeating: 0xAB, count: 32)) == String(repeating: "ab", count: 32))
        #expect(SignItFields.isValidLicense("cc-by-4.0"))
        #expect(!SignItFields.isValidLicense(""))
        #expect(!SignItFields.isValidLicense("line\nbreak"))
        #expect(!SignItFields.isValidLicense("café"))
        #expect(!SignItFields.isValidLicense(String(repeating: "x", count: 101)))
        #expect(SignItFields.isValidLicense(String(repeating: "x", count: 100)))
    }
}
