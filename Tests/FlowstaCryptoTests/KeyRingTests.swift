import FlowstaCrypto
import Testing

@Suite struct KeyRingTests {
    let ring = try! KeyRing(kek: [UInt8](repeating: 0x11, count: 32))

    @Test func sealsAndOpensWithTheSameContext() throws {
        let sealed = try ring.seal(Array("alice@example.com".utf8), context: "users.email:1")
        #expect(sealed.count == 12 + 17 + 16)
        #expect(!sealed.hexString.contains(Array("alice".utf8).hexString))
        #expect(try ring.open(sealed, context: "users.email:1") == Array("alice@example.com".utf8))
    }

    @Test func refusesAnotherContextTamperingOrAnotherKey() throws {
        let sealed = try ring.seal([1, 2, 3], context: "a")
        #expect(throws: KeyRingError.cannotOpen) { try ring.open(sealed, context: "b") }
        var tampered = sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: KeyRingError.cannotOpen) { try ring.open(tampered, context: "a") }
        let other = try KeyRing(kek: [UInt8](repeating: 0x22, count: 32))
        #expect(throws: KeyRingError.cannotOpen) { try other.open(sealed, context: "a") }
        #expect(throws: KeyRingError.cannotOpen) { try ring.open([1, 2, 3], context: "a") }
    }

    @Test func sealingIsRandomized() throws {
        #expect(try ring.seal([9], context: "x") != ring.seal([9], context: "x"))
    }

    @Test func rejectsKeysOfTheWrongSize() {
        #expect(throws: KeyRingError.invalidKeyLength) { try KeyRing(kek: [1, 2, 3]) }
    }

    @Test func keyedHashesArePerPurposeAndDeterministic() {
        let email = ring.keyedHasher(purpose: "email-index")
        #expect(email.hash("a@example.com") == email.hash("a@example.com"))
        #expect(email.hash("a@example.com").count == 64)
        #expect(email.hash("a@example.com") != ring.keyedHasher(purpose: "session-token").hash("a@example.com"))
        #expect(KeyedHasher.ephemeral().hash("x") != KeyedHasher.ephemeral().hash("x"))
    }
}

@Suite struct DIDKeyTests {
    /// Expected values computed independently with the Python `base58` package.
    @Test(arguments: [
        ((0..<32).map { UInt8($0) }, "did:key:z6MkeTGwHmLmuCmgg4ABYhzWVh6ZX7hTwWt8gguAretUfc9c"),
        (DIDKeyTests.hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), "did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"),
    ])
    func encodesEd25519Keys(key: [UInt8], did: String) throws {
        #expect(try DIDKey.did(ed25519PublicKey: key) == did)
    }

    @Test func rejectsWrongLengths() {
        #expect(throws: DIDKey.Error.invalidPublicKey) { try DIDKey.did(ed25519PublicKey: [1, 2]) }
    }

    static func hex(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = string.startIndex
        while index < string.endIndex {
            let next = string.index(index, offsetBy: 2)
            bytes.append(UInt8(string[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
