/// Cryptographically secure random bytes from the operating system (libsodium `randombytes`).
public enum SecureRandom {
    /// Returns `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.randomBytes(count)
    }
}
