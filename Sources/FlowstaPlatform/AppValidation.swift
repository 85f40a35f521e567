import Foundation

/// The rules for app settings (DESIGN §6).
enum AppValidation {
    static let maxRedirectURIs = 10
    static let maxURILength = 2000
    static let descriptionLimit = 500

    /// Absolute, no fragment; `https`, or `http` on a loopback host only; custom schemes
    /// (`com.example.app:/callback`) only for native and desktop apps.
    static func redirectURIs(_ raw: [String], type: AppType) throws -> [String] {
        guard (1...maxRedirectURIs).contains(raw.count) else {
            throw PlatformError.invalidRequest("redirect_uris needs 1 to \(maxRedirectURIs) URIs")
        }
        guard Set(raw).count == raw.count else { throw PlatformError.invalidRequest("redirect_uris has duplicates") }
        for uri in raw {
            guard uri.utf8.count <= maxURILength, let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased() else {
                throw PlatformError.invalidRequest("redirect URI \(quoted(uri)) is not an absolute URI")
            }
            guard components.fragment == nil else {
                throw PlatformError.invalidRequest("redirect URI \(quoted(uri)) must not have a fragment")  // RFC 6749 §3.1.2
            }
            switch scheme {
            case "https":
                guard components.host?.isEmpty == false else { throw PlatformError.invalidRequest("redirect URI \(quoted(uri)) has no host") }
            case "http":
                guard isLoopback(components.host) else {
                    throw PlatformError.invalidRequest("redirect URI \(quoted(uri)): http is only allowed on loopback hosts (localhost, 127.0.0.1, [::1]); use https")
                }
            case "javascript", "data", "file", "vbscript":
                throw PlatformError.invalidRequest("redirect URI \(quoted(uri)) uses a forbidden scheme")
            default:
                guard type != .web else {
                    throw PlatformError.invalidRequest("redirect URI \(quoted(uri)): web apps use https (custom schemes are for native and desktop apps)")
                }
                guard scheme.contains(".") || scheme.count >= 3 else {
                    throw PlatformError.invalidRequest("redirect URI \(quoted(uri)) has an invalid scheme")
                }
            }
        }
        return raw
    }

    /// `post_logout_redirect_uris`: 0 to 10, by the redirect URI rules.
    static func postLogoutRedirectURIs(_ raw: [String], type: AppType) throws -> [String] {
        guard !raw.isEmpty else { return [] }
        do {
            return try redirectURIs(raw, type: type)
        } catch PlatformError.invalidRequest(let message) {
            throw PlatformError.invalidRequest("post_logout_redirect_uris: " + message)
        }
    }

    /// `backchannel_logout_uri` (OIDC Back-Channel Logout §2.2): absolute https (http on a
    /// loopback host), no fragment. Where it resolves to is checked again at each delivery.
    static func backchannelLogoutURI(_ raw: String) throws -> String {
        guard raw.utf8.count <= maxURILength, let components = URLComponents(string: raw), components.fragment == nil,
              let scheme = components.scheme?.lowercased(), components.host?.isEmpty == false,
              scheme == "https" || (scheme == "http" && isLoopback(components.host)) else {
            throw PlatformError.invalidRequest("backchannel_logout_uri must be an absolute https URL without a fragment")
        }
        return raw
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1"
    }

    static func scopes(_ raw: [String]) throws -> [String] {
        let unknown = raw.filter { !Scopes.supported.contains($0) }
        guard unknown.isEmpty else {
            throw PlatformError.invalidRequest("unknown scope(s): \(unknown.joined(separator: ", ")); supported: \(Scopes.supported.sorted().joined(separator: " "))")
        }
        guard !raw.isEmpty else { throw PlatformError.invalidRequest("allowed_scopes needs at least one scope") }
        return Array(Set(raw)).sorted()
    }

    /// Logo, privacy and terms links: absolute https (http on loopback).
    static func link(_ raw: String, field: String) throws -> String {
        guard raw.utf8.count <= maxURILength, let components = URLComponents(string: raw),
              let scheme = components.scheme?.lowercased(), components.host?.isEmpty == false,
              scheme == "https" || (scheme == "http" && isLoopback(components.host)) else {
            throw PlatformError.invalidRequest("\(field) must be an absolute https URL")
        }
        return raw
    }

    /// OIDC Registration `id_token_signed_response_alg`: one of the algorithms we sign with.
    static func idTokenAlgorithm(_ raw: String) throws -> String {
        guard ["RS256", "ES256", "EdDSA"].contains(raw) else {
            throw PlatformError.invalidRequest("id_token_signed_response_alg must be RS256, ES256 or EdDSA")
        }
        return raw
    }

    static func description(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= descriptionLimit else { throw PlatformError.invalidRequest("description is limited to \(descriptionLimit) characters") }
        return text
    }

    private static func quoted(_ uri: String) -> String { "'" + String(uri.prefix(100)) + "'" }
}
