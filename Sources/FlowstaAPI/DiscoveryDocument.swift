import FlowstaCore
import FlowstaHTTP
import FlowstaOAuth

/// OpenID Provider Metadata (OIDC Discovery §3, RFC 8414 §2, RFC 9207 §3).
struct DiscoveryDocument: Encodable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var userinfoEndpoint: String
    var jwksURI: String
    var revocationEndpoint: String
    var introspectionEndpoint: String
    /// RFC 8628 §4.
    var deviceAuthorizationEndpoint: String
    /// RP-Initiated Logout 1.0 §2.1.
    var endSessionEndpoint: String
    /// Back-Channel Logout 1.0 §2.1: logout tokens carry `sid`, and ID tokens have it too.
    var backchannelLogoutSupported = true
    var backchannelLogoutSessionSupported = true
    var scopesSupported = OAuthScope.allCases.map(\.rawValue)
    var responseTypesSupported = ["code"]
    var responseModesSupported = ["query"]
    var grantTypesSupported = OAuthProvider.grantTypes
    var codeChallengeMethodsSupported = ["S256"]
    var idTokenSigningAlgValuesSupported = SigningAlgorithm.allCases.map(\.rawValue)
    var tokenEndpointAuthMethodsSupported = ["none", "client_secret_basic", "client_secret_post"]
    var revocationEndpointAuthMethodsSupported = ["none", "client_secret_basic", "client_secret_post"]
    var introspectionEndpointAuthMethodsSupported = ["none", "client_secret_basic", "client_secret_post"]
    var subjectTypesSupported = ["pairwise"]
    var promptValuesSupported = ["none", "login", "consent"]
    var claimsSupported = [
        "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", "amr", "acr", "sid",
        "name", "preferred_username", "display_name", "email", "email_verified", "did", "public_key", "agent_pub_key",
    ]
    var acrValuesSupported = AuthenticationContextClass.allCases.map(\.rawValue)
    var authorizationResponseIssParameterSupported = true
    var claimsParameterSupported = true
    /// Accepted; the pages have one layout and one language.
    var displayValuesSupported = ["page", "popup", "touch", "wap"]
    var uiLocalesSupported = ["en"]
    var claimsLocalesSupported = ["en"]
    var requestParameterSupported = false
    var requestURIParameterSupported = false

    init(issuer: String) {
        self.issuer = issuer
        authorizationEndpoint = issuer + "/oauth/authorize"
        tokenEndpoint = issuer + "/oauth/token"
        userinfoEndpoint = issuer + "/oauth/userinfo"
        jwksURI = issuer + "/.well-known/jwks.json"
        revocationEndpoint = issuer + "/oauth/revoke"
        introspectionEndpoint = issuer + "/oauth/introspect"
        deviceAuthorizationEndpoint = issuer + "/oauth/device_authorization"
        endSessionEndpoint = issuer + "/oauth/logout"
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case jwksURI = "jwks_uri"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case deviceAuthorizationEndpoint = "device_authorization_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case backchannelLogoutSupported = "backchannel_logout_supported"
        case backchannelLogoutSessionSupported = "backchannel_logout_session_supported"
        case scopesSupported = "scopes_supported"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case grantTypesSupported = "grant_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
        case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
        case acrValuesSupported = "acr_values_supported"
        case subjectTypesSupported = "subject_types_supported"
        case promptValuesSupported = "prompt_values_supported"
        case claimsSupported = "claims_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case claimsParameterSupported = "claims_parameter_supported"
        case displayValuesSupported = "display_values_supported"
        case uiLocalesSupported = "ui_locales_supported"
        case claimsLocalesSupported = "claims_locales_supported"
        case requestParameterSupported = "request_parameter_supported"
        case requestURIParameterSupported = "request_uri_parameter_supported"
    }
}
