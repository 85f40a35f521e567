import Foundation

/// Where a browser may be sent after signing in (`continue`, `next`, the consent page's way back
/// to sign-in): a path on this server, never an open redirect. The one check of the server; the
/// pages' script has its twin (`Public/js/pages/same-origin.js`).
public enum SameOriginPath {
    /// Longer continuations are refused (a sign-in URL is far shorter).
    public static let maxLength = 4096

    /// `raw` when it is a path that, resolved against `issuer`, stays on the issuer's origin (and
    /// under `prefix`); `nil` otherwise.
    ///
    /// Browsers drop TAB, CR and LF anywhere in a URL and read `\` as `/`: `/%09/evil.example`
    /// decodes to `/<TAB>/evil.example` and lands on `//evil.example`. So any control character,
    /// space, backslash or non-ASCII character refuses the path (a real path percent-encodes them).
    /// - Parameters:
    ///   - prefix: the path must be `prefix` itself or lie below it (`/dashboard` allows
    ///     `/dashboard/orgs` and `/dashboard?x`, not `/dashboardx`).
    public static func validated(_ raw: String, issuer: String, prefix: String = "/") -> String? {
        guard raw.utf8.count <= maxLength, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              raw.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }) else { return nil }
        if prefix != "/" {
            guard raw == prefix || raw.hasPrefix(prefix + "/") || raw.hasPrefix(prefix + "?") else { return nil }
        }
        // Resolved against the issuer, the result must keep its scheme, host and port.
        guard let base = URL(string: issuer), let resolved = URL(string: raw, relativeTo: base)?.absoluteURL,
              resolved.scheme?.lowercased() == base.scheme?.lowercased(), resolved.host?.lowercased() == base.host?.lowercased(),
              resolved.port == base.port else { return nil }
        return raw
    }

    /// `raw` when it passes ``validated(_:issuer:prefix:)``, `fallback` otherwise (and when absent).
    public static func or(_ fallback: String, _ raw: String?, issuer: String, prefix: String = "/") -> String {
        raw.flatMap { validated($0, issuer: issuer, prefix: prefix) } ?? fallback
    }
}
