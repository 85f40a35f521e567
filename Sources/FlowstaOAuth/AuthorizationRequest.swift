import Foundation

/// A validated `/oauth/authorize` request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1).
public struct AuthorizationRequest: Sendable, Equatable {
    public var client: OAuthClient
    public var redirectURI: String
    /// Whether the request named the redirect URI (then the token request must repeat it).
    public var redirectURIWasSent: Bool
    public var scope: ScopeSet
    public var state: String?
    public var nonce: String?
    /// The S256 PKCE challenge; `nil` only for a confidential client whose app turned PKCE off
    /// (the request then carries a `nonce`).
    public var codeChallenge: String?
    /// OIDC `prompt` values (`none`, `login`, `consent`, `select_account`).
    public var prompt: Set<String>
    /// OIDC `max_age` in seconds.
    public var maxAge: Int?
    /// The `acr_values` Flowsta defines, in the client's order of preference.
    public var acrValues: [AuthenticationContextClass] = []
    /// Claims the `claims` parameter asked for in the ID token (those Flowsta can release).
    public var idTokenClaims: [String] = []
    /// OIDC `id_token_hint`: an ID token this server issued to the client, naming the user the
    /// client expects (checked against the session by ``OAuthProvider/hintMatches(_:userID:)``).
    public var idTokenHint: String?
    /// OIDC `login_hint`: the username to prefill on the sign-in page (never required to match).
    public var loginHint: String?
}

/// Why an authorization request failed, and whether the client may be told by redirect.
public struct AuthorizationFailure: Error, Sendable, Equatable {
    public var error: OAuthError
    /// Set once the client and redirect URI are validated; otherwise the user sees an error page
    /// (RFC 6749 §4.1.2.1: never redirect to an unverified URI).
    public var redirect: AuthorizationRedirect?

    public init(error: OAuthError, redirect: AuthorizationRedirect?) {
        self.error = error
        self.redirect = redirect
    }
}

/// Where the outcome of an authorization request goes: the validated redirect URI, the
/// client's `state` and our issuer (RFC 9207).
public struct AuthorizationRedirect: Sendable, Equatable {
    public var redirectURI: String
    public var state: String?
    public var issuer: String

    /// The redirect URI with `parameters`, `state` and `iss` added to its query.
    public func url(_ parameters: [(String, String)]) -> String {
        var query = parameters
        if let state { query.append(("state", state)) }
        query.append(("iss", issuer))
        return redirectURI + (redirectURI.contains("?") ? "&" : "?") + FormEncoding.encode(pairs: query)
    }

    /// The redirect URI carrying an error (RFC 6749 §4.1.2.1).
    public func url(error: OAuthError) -> String {
        url([("error", error.code.rawValue), ("error_description", error.description)])
    }
}

/// `application/x-www-form-urlencoded` value encoding.
public enum FormEncoding {
    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    public static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `name=value&…`, both sides encoded.
    public static func encode(pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
