import FlowstaCore
import FlowstaHTTP
import FlowstaOAuth
import Foundation
import Hummingbird

/// The OAuth 2.0 / OIDC endpoints apps call (DESIGN §5): discovery, JWKS, token, userinfo,
/// revocation and introspection. The authorize endpoint and its pages are in
/// ``HostedPagesController``.
struct OAuthController {
    let oauth: OAuthProvider

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(".well-known/openid-configuration", use: discovery)
        // RFC 8414 §3: the same metadata for OAuth clients that look here.
        router.get(".well-known/oauth-authorization-server", use: discovery)
        router.get(".well-known/jwks.json", use: jwks)
        router.post("oauth/token", use: token)
        router.get("oauth/userinfo", use: userInfo)
        router.post("oauth/userinfo", use: userInfo)
        router.post("oauth/revoke", use: revoke)
        router.post("oauth/introspect", use: introspect)
        router.post("oauth/device_authorization", use: deviceAuthorization)
    }

    /// RFC 8628 §3.1–3.2.
    @Sendable func deviceAuthorization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await OAuthRequestParsing.bodyParameters(request)
        let credentials = try OAuthRequestParsing.credentials(request, parameters)
        let answer = try await oauth.deviceAuthorization(parameters, credentials: credentials, observer: Self.meter(context))
        var built = try JSONResponse(value: DeviceAuthorizationDTO(
            deviceCode: answer.deviceCode, userCode: answer.userCode, verificationURI: answer.verificationURI,
            verificationURIComplete: answer.verificationURIComplete, expiresIn: answer.expiresIn, interval: answer.interval
        )).build()
        built.headers[.cacheControl] = "no-store"
        built.headers[.pragma] = "no-cache"
        return built
    }

    struct DeviceAuthorizationDTO: Encodable {
        var deviceCode: String
        var userCode: String
        var verificationURI: String
        var verificationURIComplete: String
        var expiresIn: Int
        var interval: Int
        enum CodingKeys: String, CodingKey {
            case interval
            case deviceCode = "device_code"
            case userCode = "user_code"
            case verificationURI = "verification_uri"
            case verificationURIComplete = "verification_uri_complete"
            case expiresIn = "expires_in"
        }
    }

    @Sendable func discovery(_ request: Request, context: AppRequestContext) async throws -> Response {
        try cacheable(JSONResponse(value: DiscoveryDocument(issuer: oauth.configuration.issuer)).build())
    }

    @Sendable func jwks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try cacheable(JSONResponse(value: JWKSDocument(keys: oauth.signingKeys.current.jwks)).build())
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await OAuthRequestParsing.bodyParameters(request)
        let credentials = try OAuthRequestParsing.credentials(request, parameters)
        let response = try await oauth.token(parameters, credentials: credentials, observer: Self.meter(context))
        // RFC 6749 §5.1: token responses are never cached.
        var built = try JSONResponse(value: response).build()
        built.headers[.cacheControl] = "no-store"
        built.headers[.pragma] = "no-cache"
        return built
    }

    @Sendable func userInfo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = request.method == .post ? try await OAuthRequestParsing.bodyParameters(request) : nil
        let token = try OAuthRequestParsing.bearerToken(request, body: body)
        return try JSONResponse(value: try await oauth.userInfo(accessToken: token, observer: Self.meter(context))).build()
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await OAuthRequestParsing.bodyParameters(request)
        let credentials = try OAuthRequestParsing.credentials(request, parameters)
        try await oauth.revoke(token: try Self.token(parameters), credentials: credentials, observer: Self.meter(context))
        return Response(status: .ok, headers: [.cacheControl: "no-store"])
    }

    @Sendable func introspect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try await OAuthRequestParsing.bodyParameters(request)
        let credentials = try OAuthRequestParsing.credentials(request, parameters)
        return try JSONResponse(value: try await oauth.introspect(token: try Self.token(parameters), credentials: credentials, observer: Self.meter(context))).build()
    }

    /// Meters the request for the client's organization and app.
    static func meter(_ context: AppRequestContext) -> OAuthProvider.ClientObserver? {
        guard let slot = context.metering else { return nil }
        return { client in slot.attribute(organizationID: client.app.organizationID, appID: client.app.id) }
    }

    static func token(_ parameters: OAuthParameters) throws -> String {
        guard let token = parameters["token"] else { throw OAuthError.invalidRequest("token is required") }
        return token
    }

    /// Discovery and JWKS may be cached briefly (keys rotate with hours of overlap).
    private func cacheable(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }
}

/// `{"keys": [...]}` (RFC 7517 §5).
struct JWKSDocument: Encodable {
    var keys: [PublicJWK]
}
