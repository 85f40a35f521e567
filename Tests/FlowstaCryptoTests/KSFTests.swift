import Testing
@testable import FlowstaCrypto

@Suite struct KSFTests {
    /// Known answers computed independently with argon2-cffi 25.1.0 (the reference Argon2 C code):
    /// `argon2.low_level.hash_secret_raw(secret=..., salt=b"\0"*16, time_cost=2, memory_cost=19456,
    ///  parallelism=1, hash_len=64, type=argon2.low_level.Type.ID)`.
    static let knownAnswers: [([UInt8], String)] = [
        // secret = bytes 0..63
        (Array(0..<64).map { UInt8($0) },
         "c0861792b1201a4dba8cda5280f23a5679c981332c43183826a6a04ece581169"
            + "b0615eb9c12d1b03afdf6d39813054f1e36fd091d549e27bd306e1411bba7fdf"),
        // secret = b"password"
        (Array("password".utf8),
         "5e5cf5e4bb3d46bc28b547bdcf766efdb458b1da94d0c922768e28a61e1b5458"
            + "171782f1608981244451ca4896d72da933d7af479ca357c839bae90fba15bfce"),
    ]

    @Test(arguments: knownAnswers)
    func argon2idRecommendedKnownAnswer(input: [UInt8], expected: String) throws {
        #expect(KSF.recommended == .argon2id(memoryKiB: 19456, iterations: 2, parallelism: 1))
        let out = try KSF.recommended.stretch(input)
        #expect(out.count == 64)
        #expect(out == CryptoVectorSupport.bytes(expected))
    }

    @Test func identityReturnsInput() throws {
        let input = Array("CorrectHorseBatteryStaple".utf8)
        #expect(try KSF.identity.stretch(input) == input)
        #expect(try KSF.identity.stretch([]) == [])
    }

    @Test func argon2idAcceptsEmptyInput() throws {
        #expect(try KSF.recommended.stretch([]).count == 64)
    }

    @Test(arguments: [
        KSF.argon2id(memoryKiB: 19456, iterations: 2, parallelism: 2),
        KSF.argon2id(memoryKiB: 19456, iterations: 0, parallelism: 1),
        KSF.argon2id(memoryKiB: 1, iterations: 2, parallelism: 1),
    ])
    func argon2idRejectsUnsupportedParameters(ksf: KSF) {
        #expect(throws: OPAQUEError.ksfFailed) { try ksf.stretch([1, 2, 3]) }
    }

    @Test func standardConfiguration() {
        #expect(OPAQUEConfiguration.standard.context.isEmpty)
        #expect(OPAQUEConfiguration.standard.ksf == .recommended)
    }
}
