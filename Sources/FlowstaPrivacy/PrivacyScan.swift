/// What the privacy scans look for, in one place: whether a marker (an address, a password, a
/// key) occurs in stored bytes or text, in the encodings a leak would take.
public enum PrivacyScan {
    /// Whether `needle` occurs in `haystack` as a contiguous run of bytes (an empty needle never
    /// does).
    public static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { bytes in
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
    }
}
