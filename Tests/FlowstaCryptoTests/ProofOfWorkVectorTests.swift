import Crypto
import Foundation
import Testing
@testable import FlowstaCrypto

/// The sign-up proof of work against `signup-proof-v1.json`, which Python's hashlib made and the
/// browser client (`node --test`, Chromium) also passes: the three implementations agree.
@Suite struct ProofOfWorkVectorTests {
    struct File: Decodable {
        struct Vector: Decodable {
            let challenge: String
            let username_normalized: String
            let difficulty: Int
            let nonce: String
            let sha256_hex: String?
            let leading_zero_bits: Int?
        }
        let label: String
        let vectors: [Vector]
        let invalid: [Vector]
    }

    static func file() throws -> File { try CryptoVectorSupport.load(File.self, file: "signup-proof-v1.json") }

    @Test func solutionsMatchTheSharedVectors() throws {
        let file = try Self.file()
        #expect(file.label == ProofOfWork.label)
        for vector in file.vectors {
            let input = ProofOfWork.input(challenge: vector.challenge, username: vector.username_normalized, nonce: vector.nonce)
            let digest = Array(SHA256.hash(data: input))
            #expect(digest.hexString == vector.sha256_hex)
            #expect(ProofOfWork.leadingZeroBits(digest) == vector.leading_zero_bits)
            #expect(ProofOfWork.isSolution(challenge: vector.challenge, username: vector.username_normalized, nonce: vector.nonce, difficulty: vector.difficulty))
            // The smallest nonce is what every client finds.
            #expect(try ProofOfWork.solve(challenge: vector.challenge, username: vector.username_normalized, difficulty: vector.difficulty) == vector.nonce)
        }
    }

    @Test func invalidProofsAreRefused() throws {
        for vector in try Self.file().invalid {
            #expect(!ProofOfWork.isSolution(challenge: vector.challenge, username: vector.username_normalized, nonce: vector.nonce, difficulty: vector.difficulty))
        }
    }
}
