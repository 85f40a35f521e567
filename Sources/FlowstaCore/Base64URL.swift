import Foundation

/// Strict base64url without padding (RFC 4648 §5), the encoding of every byte field on the wire.
public enum Base64URL {
    /// Encodes bytes as base64url without padding.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url; returns `nil` for padding, characters outside the alphabet or an
    /// impossible length, so malformed input never reaches protocol code.
    public static func decode(_ string: String) -> [UInt8]? {
        var base64 = ""
        base64.reserveCapacity(string.utf8.count + 3)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9": base64.unicodeScalars.append(scalar)
            case "-": base64.append("+")
            case "_": base64.append("/")
            default: return nil
            }
        }
        switch base64.utf8.count % 4 {
        case 0: break
        case 2: base64 += "=="
        case 3: base64 += "="
        default: return nil
        }
        guard let data = Data(base64Encoded: base64) else { return nil }
        // Reject non-canonical encodings (unused trailing bits set).
        guard encode(data) == string else { return nil }
        return [UInt8](data)
    }
}
