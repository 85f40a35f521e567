import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// Zero-knowledge MAU on the client (DESIGN §7, P5): the user's analytics id for an app and a
/// month, derived from the user's root key (docs/keys.md), which never leaves the client in clear. The server only
/// counts distinct ids per app and month; it cannot tell whose they are, and the ids of two
/// apps, or of two months, cannot be linked to each other.
///
/// - `analytics_root = HKDF-SHA512(ikm: root_key, salt: empty, info: "flowsta analytics v2", L: 32)`
///   (``RootKey/analyticsRoot``; accounts used `export_key` and `flowsta analytics v1` before the
///   root key, and the server counts one active user per account and app whichever id it gets)
/// - `analytics_id = base64url(HMAC-SHA256(analytics_root, client_id ":" YYYY-MM)[0..<16])`
///
/// The hosted pages compute the same in the browser (`Public/js/analytics.js`).
public enum FlowstaAnalytics {
    public static let info = "flowsta analytics v1"

    /// The key of a user's analytics ids. Keep it like the root key: in memory, or in the
    /// platform's key store.
    public static func root(rootKey: RootKey) -> SymmetricKey { rootKey.analyticsRoot }

    /// The analytics key of accounts older than the root key (format 1, from the export key).
    public static func root(exportKey: [UInt8]) -> SymmetricKey {
        HKDF<SHA512>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: exportKey), salt: [UInt8](), info: Array(info.utf8), outputByteCount: 32
        )
    }

    /// The analytics id for `clientID` in `month` (`YYYY-MM`, UTC), 22 base64url characters.
    /// - Returns: `nil` when `month` is not a `YYYY-MM` month.
    public static func analyticsID(root: SymmetricKey, clientID: String, month: String) -> String? {
        guard isMonth(month) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(clientID):\(month)".utf8), using: root)
        return Base64URL.encode(Array(mac).prefix(16))
    }

    /// The current month in UTC, as the server asks for it.
    public static func month(of date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 1970, parts.month ?? 1)
    }

    static func isMonth(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }),
              let month = Int(text.suffix(2)) else { return false }
        return (1...12).contains(month)
    }
}
