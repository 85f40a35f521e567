import FlowstaCore
import Testing

@Suite struct UsernameTests {
    @Test(arguments: ["abc", "Alice", "a-b_c", "z23456789012345678901234567890", "Bob_99"])
    func acceptsValidNames(_ name: String) throws {
        let username = try #require(Username(name))
        #expect(username.value == name)
        #expect(username.normalized == name.lowercased())
    }

    @Test(arguments: ["", "ab", "1abc", "_abc", "-abc", "a b c", "abc!", "ällo", "a234567890123456789012345678901", "abc.def", "abc\u{0}"])
    func rejectsInvalidNames(_ name: String) {
        #expect(Username(name) == nil)
    }

    @Test func normalizesCase() {
        #expect(Username("AlIcE")?.normalized == "alice")
    }

    @Test func validatesProfileFields() {
        #expect(ProfileRules.displayName("  Ada Lovelace ") == "Ada Lovelace")
        #expect(ProfileRules.displayName(String(repeating: "x", count: 65)) == nil)
        #expect(ProfileRules.displayName("   ") == nil)
        #expect(ProfileRules.displayName("bad\u{7}name") == nil)
        #expect(ProfileRules.email("Ada@Example.COM") == "Ada@example.com")
        #expect(ProfileRules.email("no-at-sign") == nil)
        #expect(ProfileRules.email("a@b") == nil)
        #expect(ProfileRules.email("a b@example.com") == nil)
        #expect(ProfileRules.email("a@@example.com") == nil)
    }
}
