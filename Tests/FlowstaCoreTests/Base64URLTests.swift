import FlowstaCore
import Testing

@Suite struct Base64URLTests {
    @Test func roundTripsEveryLength() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("="))
            #expect(!encoded.contains("+"))
            #expect(!encoded.contains("/"))
            #expect(Base64URL.decode(encoded) == bytes)
        }
    }

    @Test func usesTheURLAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    }

    @Test(arguments: ["AA==", "A", "AB+C", "AB/C", "AB C", "ÄÄÄÄ", "AB=C", "AB\n"])
    func rejectsMalformedInput(_ input: String) {
        #expect(Base64URL.decode(input) == nil)
    }

    @Test func rejectsNonCanonicalTrailingBits() {
        // "AB" encodes 0x00 with 4 unused bits; "AF" sets them.
        #expect(Base64URL.decode("AA") == [0])
        #expect(Base64URL.decode("AF") == nil)
    }
}
