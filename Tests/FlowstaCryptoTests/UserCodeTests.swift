import FlowstaCrypto
import Testing

/// User codes (RFC 8628 §6.1) as the device page and device-key enrolment show and read them.
@Suite struct UserCodeTests {
    @Test func codesAreEightConsonantsInTwoGroupsAndReadBackAsTyped() {
        var seen = Set<String>()
        for _ in 0..<200 {
            let code = UserCode.generate()
            #expect(code.count == 9 && Array(code)[4] == "-")
            #expect(code.replacingOccurrences(of: "-", with: "").allSatisfy { UserCode.alphabet.contains($0) })
            #expect(UserCode.normalize(code) == code.replacingOccurrences(of: "-", with: ""))
            #expect(UserCode.normalize(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code.replacingOccurrences(of: "-", with: ""))
            seen.insert(code)
        }
        // 200 draws from 20^8 codes: a repeat would mean the generator is broken.
        #expect(seen.count == 200)
        // Every letter of the alphabet turns up in 1,600 letters.
        #expect(Set(seen.joined().filter { $0 != "-" }) == Set(UserCode.alphabet))
    }

    @Test func anythingElseIsNotACode() {
        for typed in ["", "BCDF-GHJ", "BCDF-GHJKL", "ABCD-EFGH", "BCDF-GHJ1", "BCDF_GHJK", "BCDFGHJK\n", "ＢＣＤＦ-ＧＨＪＫ"] {
            #expect(UserCode.normalize(typed) == nil, "\(typed.debugDescription)")
        }
        #expect(UserCode.normalize("bcdf ghjk") == "BCDFGHJK")
        #expect(UserCode.normalize("  BCDF--GHJK ") == "BCDFGHJK")
    }
}
