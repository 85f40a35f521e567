import Foundation
import Testing
@testable import FlowstaCrypto

/// Hex decoding and vector loading shared by the OPRF/OPAQUE test suites.
enum CryptoVectorSupport {
    /// Decodes lowercase/uppercase hex; fails the caller's `#require` on bad input.
    static func bytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Decodes `Vectors/<name>` from the test bundle.
    static func load<T: Decodable>(_ type: T.Type, file name: String) throws -> T {
        let directory = try #require(Bundle.module.url(forResource: "Vectors", withExtension: nil))
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// RFC 9497 Appendix A.1.1 (ristretto255-SHA512, OPRF mode).
struct OPRFVectorFile: Decodable {
    struct Vector: Decodable {
        let Input: String
        let Blind: String
        let BlindedElement: String
        let EvaluationElement: String
        let Output: String
    }
    let contextString_hex: String
    let Seed: String
    let KeyInfo: String
    let skSm: String
    let vectors: [Vector]
}

@Suite struct OPRFVectorTests {
    private static let file = "oprf-rfc9497-ristretto255-sha512.json"
    private typealias H = CryptoVectorSupport

    @Test func contextString() throws {
        let vectors = try H.load(OPRFVectorFile.self, file: Self.file)
        #expect(OPRF.contextString == H.bytes(vectors.contextString_hex))
    }

    @Test func deriveKeyPair() throws {
        let vectors = try H.load(OPRFVectorFile.self, file: Self.file)
        let seed = try #require(H.bytes(vectors.Seed))
        let info = try #require(H.bytes(vectors.KeyInfo))
        let (sk, pk) = try OPRF.deriveKeyPair(seed: seed, info: info)
        #expect(sk == H.bytes(vectors.skSm))
        #expect(pk == (try Ristretto255.scalarMultBase(sk)))
    }

    @Test(arguments: [0, 1])
    func blindEvaluateFinalize(index: Int) throws {
        let vectors = try H.load(OPRFVectorFile.self, file: Self.file)
        let v = vectors.vectors[index]
        let sk = try OPRF.deriveKeyPair(seed: try #require(H.bytes(vectors.Seed)),
                                        info: try #require(H.bytes(vectors.KeyInfo))).privateKey
        let input = try #require(H.bytes(v.Input))
        let (blind, blinded) = try OPRF.blind(input: input, blind: try #require(H.bytes(v.Blind)))
        #expect(blinded == H.bytes(v.BlindedElement))
        let evaluated = try OPRF.blindEvaluate(privateKey: sk, blindedElement: blinded)
        #expect(evaluated == H.bytes(v.EvaluationElement))
        let output = try OPRF.finalize(input: input, blind: blind, evaluatedElement: evaluated)
        #expect(output == H.bytes(v.Output))
    }

    /// RFC 9380 Appendix K.3, expand_message_xmd(SHA-512), DST "QUUX-V01-CS02-with-expander-SHA512-256".
    @Test(arguments: [
        ("", 0x20, "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba"),
        ("abc", 0x20, "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc"),
        ("abc", 0x80, "7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11"
            + "bdd7732d8b38adb4a0edc26a0cef4bb45217135456e58fbca1703cd6032cb134"
            + "7ee720b87972d63fbf232587043ed2901bce7f22610c0419751c065922b48843"
            + "1851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1"),
    ])
    func expandMessageXMD(message: String, length: Int, expected: String) {
        let dst = Array("QUUX-V01-CS02-with-expander-SHA512-256".utf8)
        let out = HashToCurve.expandMessageXMD(Array(message.utf8), dst: dst, length: length)
        #expect(out == H.bytes(expected))
    }
}
