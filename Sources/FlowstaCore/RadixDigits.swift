/// Big-endian bytes as digits in another base (for base58 DIDs and base62 keys).
public enum RadixDigits {
    /// The digits of the number `bytes` encodes, most significant first; `[]` for zero.
    public static func digits(of bytes: [UInt8], base: Int) -> [Int] {
        var digits: [Int] = []  // least significant first while converting
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += digits[index] << 8
                digits[index] = carry % base
                carry /= base
            }
            while carry > 0 {
                digits.append(carry % base)
                carry /= base
            }
        }
        return digits.reversed()
    }
}
