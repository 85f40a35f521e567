/// Comparison of secrets whose duration does not depend on where they differ (`sodium_memcmp`).
public enum ConstantTime {
    /// - Returns: whether `a` and `b` are equal; `false` when their lengths differ.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool { Sodium.constantTimeEqual(a, b) }

    /// The same over the UTF-8 bytes of two strings (hex hashes, tokens).
    public static func equal(_ a: String, _ b: String) -> Bool { Sodium.constantTimeEqual(Array(a.utf8), Array(b.utf8)) }
}
