import CSodium

/// The key stretching function applied to the OPRF output (RFC 9807 §4.3).
public enum KSF: Sendable, Equatable {
    /// Stretch(x) = x. Only for test vectors; never use in production.
    case identity
    /// Argon2id (RFC 9106) through libsodium, salt = 16 zero bytes, output Nh = 64 bytes.
    /// libsodium supports only `parallelism == 1`.
    case argon2id(memoryKiB: Int, iterations: Int, parallelism: Int)

    /// Argon2id with m = 19456 KiB, t = 2, p = 1 (RFC 9807 §4.3 / OWASP minimum),
    /// salt = 16 zero bytes, 64-byte output.
    public static let recommended: KSF = .argon2id(memoryKiB: 19456, iterations: 2, parallelism: 1)

    /// Output length of `stretch`: Nh.
    static let outputLength = 64

    /// Stretch(input). Throws `.ksfFailed` for unsupported parameters or
    /// when libsodium cannot allocate the memory.
    public func stretch(_ input: [UInt8]) throws -> [UInt8] {
        switch self {
        case .identity:
            return input
        case let .argon2id(memoryKiB, iterations, parallelism):
            // libsodium's crypto_pwhash implements Argon2id with a single lane only.
            guard parallelism == 1, iterations >= 1, memoryKiB >= 8,
                  memoryKiB <= Int.max / 1024 else { throw OPAQUEError.ksfFailed }
            Sodium.ensureInitialized()
            let salt = [UInt8](repeating: 0, count: crypto_pwhash_saltbytes())
            // Never hand a nil pointer to C for an empty input; the length stays 0.
            let password = input.isEmpty ? [0] : input
            var out = [UInt8](repeating: 0, count: Self.outputLength)
            let rc = out.withUnsafeMutableBufferPointer { o in
                password.withUnsafeBytes { pw in
                    salt.withUnsafeBufferPointer { s in
                        crypto_pwhash(
                            o.baseAddress!, UInt64(o.count),
                            pw.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(input.count),
                            s.baseAddress!,
                            UInt64(iterations), memoryKiB * 1024,
                            crypto_pwhash_alg_argon2id13()
                        )
                    }
                }
            }
            guard rc == 0 else { throw OPAQUEError.ksfFailed }
            return out
        }
    }
}

/// Protocol configuration shared by client and server (RFC 9807 §4).
public struct OPAQUEConfiguration: Sendable {
    /// The application context bound into the 3DH preamble (RFC 9807 §6.4.2.1).
    public var context: [UInt8]
    /// The key stretching function.
    public var ksf: KSF

    /// Creates a configuration; defaults to an empty context and `KSF.recommended`.
    public init(context: [UInt8] = [], ksf: KSF = .recommended) {
        self.context = context
        self.ksf = ksf
    }

    /// Empty context, recommended Argon2id parameters.
    public static let standard = OPAQUEConfiguration()
}
