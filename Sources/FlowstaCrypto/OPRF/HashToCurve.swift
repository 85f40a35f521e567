import Crypto

/// expand_message_xmd with SHA-512 (RFC 9380 §5.3.1) and the ristretto255
/// hash-to-group / hash-to-scalar functions of RFC 9497 §4.1.
enum HashToCurve {
    /// SHA-512 output size, b_in_bytes.
    private static let bInBytes = 64
    /// SHA-512 block size, s_in_bytes (length of Z_pad).
    private static let sInBytes = 128

    /// expand_message_xmd(msg, DST, len_in_bytes) using SHA-512 (RFC 9380 §5.3.1).
    static func expandMessageXMD(_ msg: [UInt8], dst: [UInt8], length: Int) -> [UInt8] {
        let ell = (length + bInBytes - 1) / bInBytes
        // RFC 9380 §5.3.1 step 2: ABORT if ell > 255, len_in_bytes > 65535 or len(DST) > 255.
        precondition(ell <= 255 && length <= 65535 && length > 0, "expand_message_xmd: bad output length")
        precondition(dst.count <= 255, "expand_message_xmd: DST longer than 255 bytes")
        let dstPrime = dst + [UInt8(dst.count)]
        let zPad = [UInt8](repeating: 0, count: sInBytes)
        let libStr = [UInt8].i2osp2(length)
        let msgPrime = zPad + msg + libStr + [0] + dstPrime
        let b0 = Array(SHA512.hash(data: msgPrime))
        var bi = Array(SHA512.hash(data: b0 + [1] + dstPrime))
        var uniform = bi
        if ell >= 2 {
            for i in 2...ell {
                bi = Array(SHA512.hash(data: [UInt8].xor(b0, bi) + [UInt8(i)] + dstPrime))
                uniform += bi
            }
        }
        return Array(uniform.prefix(length))
    }

    /// HashToGroup for ristretto255-SHA512: `hash_to_ristretto255` with
    /// DST = "HashToGroup-" || contextString (RFC 9497 §4.1).
    static func hashToGroup(_ msg: [UInt8], contextString: [UInt8]) -> [UInt8] {
        let dst = Array("HashToGroup-".utf8) + contextString
        return Ristretto255.fromUniformBytes(expandMessageXMD(msg, dst: dst, length: 64))
    }

    /// HashToScalar for ristretto255-SHA512: expand_message_xmd to 64 bytes,
    /// reduced modulo L (RFC 9497 §4.1). `dst` defaults to "HashToScalar-" || contextString.
    static func hashToScalar(_ msg: [UInt8], dst: [UInt8]) -> [UInt8] {
        Ristretto255.reduce(expandMessageXMD(msg, dst: dst, length: 64))
    }
}
