import CSodium

/// Thin helpers over libsodium shared by the OPRF and OPAQUE code.
///
/// `sodium_init()` is run exactly once, lazily, through a `static let`
/// (thread-safe lazy initialisation; no global mutable state).
enum Sodium {
    /// `true` once `sodium_init()` has succeeded (0 = initialised now, 1 = already initialised).
    static let isReady: Bool = sodium_init() >= 0

    /// Ensures libsodium is initialised; libsodium cannot work without it.
    @inline(__always)
    static func ensureInitialized() {
        precondition(isReady, "sodium_init() failed")
    }

    /// `count` bytes from libsodium's CSPRNG (`randombytes_buf`).
    static func randomBytes(_ count: Int) -> [UInt8] {
        ensureInitialized()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return out
    }

    /// Constant-time equality (`sodium_memcmp`); `false` when the lengths differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                sodium_memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0
            }
        }
    }

    /// Constant-time check that every byte is zero (`sodium_is_zero`).
    static func isZero(_ a: [UInt8]) -> Bool {
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { sodium_is_zero($0.baseAddress!, $0.count) == 1 }
    }
}

extension Array where Element == UInt8 {
    /// Big-endian two-byte length prefix, `I2OSP(count, 2)` (RFC 8017 §4.1).
    static func i2osp2(_ value: Int) -> [UInt8] {
        precondition(value >= 0 && value <= 0xFFFF, "I2OSP: value does not fit in 2 bytes")
        return [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    /// Bytewise XOR of two equal-length arrays.
    static func xor(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        precondition(a.count == b.count, "xor: length mismatch")
        return zip(a, b).map { $0 ^ $1 }
    }
}
