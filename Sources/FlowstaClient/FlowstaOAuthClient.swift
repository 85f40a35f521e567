import FlowstaCore
import FlowstaCrypto
import Foundation

/// Tokens from the token endpoint (RFC 6749 §5.1, OIDC Core §3.1.3.3).
public struct OAuthTokens: Sendable, Equatable, Decodable {
    public var accessToken: String
    public var tokenType: String
    public var expiresIn: Int
    public var scope: String?
    public var idToken: String?
    public var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case scope
        case idToken = "id_token"
        case refreshToken = "refresh_token"
    }
}

/// An authorization request the app has sent the user to; keep it until the redirect returns.
public struct PendingAuthorization: Sendable, Equatable {
    /// Open this in the system browser.
    public let url: URL
    public let state: String
    public let nonce: String
    public let pkce: PKCEPair
}

/// "Sign in with Flowsta" for apps: builds the authorization request (PKCE S256, `state`,
/// `nonce`), checks the redirect (`state`, RFC 9207 `iss`), exchanges the code, refreshes,
/// revokes and reads userinfo.
public struct FlowstaOAuthClient: Sendable {
    public let issuer: URL
    public let clientID: String
    public let redirectURI: String
    let clientSecret: String?
    let transport: any FlowstaTransport

    /// - Parameters:
    ///   - issuer: the Flowsta server (its OIDC issuer).
    ///   - clientSecret: only for confidential (server-side) apps; native apps have none.
    public init(issuer: URL, clientID: String, redirectURI: String, clientSecret: String? = nil, transport: (any FlowstaTransport)? = nil) {
        self.issuer = issuer
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.clientSecret = clientSecret
        self.transport = transport ?? URLSessionTransport(baseURL: issuer)
    }

    private var issuerString: String {
        let string = issuer.absoluteString
        return string.hasSuffix("/") ? String(string.dropLast()) : string
    }

    /// A new authorization request for `scope` (e.g. `["openid", "profile", "offline_access"]`).
    public func authorizationRequest(scope: [String], prompt: String? = nil) -> PendingAuthorization {
        let pkce = PKCEPair.generate()
        let state = Base64URL.encode(SecureRandom.bytes(16))
        let nonce = Base64URL.encode(SecureRandom.bytes(16))
        var query = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope.joined(separator: " ")),
            ("state", state), ("nonce", nonce), ("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method),
        ]
        if let prompt { query.append(("prompt", prompt)) }
        let url = URL(string: issuerString + "/oauth/authorize?" + Self.form(query))!
        return PendingAuthorization(url: url, state: state, nonce: nonce, pkce: pkce)
    }

    /// Checks the redirect the browser returned and exchanges its code.
    /// - Throws: ``FlowstaClientError/server`` with the error the redirect carried (e.g.
    ///   `access_denied`), or ``FlowstaClientError/invalidResponse`` when `state` or `iss` do
    ///   not match (a forged or mixed-up response, RFC 9207).
    public func handleRedirect(_ redirect: URL, for pending: PendingAuthorization) async throws -> OAuthTokens {
        let items = URLComponents(url: redirect, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        guard value("state") == pending.state else { throw FlowstaClientError.invalidResponse("state does not match the request") }
        guard value("iss") == issuerString else { throw FlowstaClientError.invalidResponse("iss is not this issuer") }
        if let error = value("error") {
            throw FlowstaClientError.server(status: 0, error: error, description: value("error_description") ?? "")
        }
        guard let code = value("code") else { throw FlowstaClientError.invalidResponse("the redirect has no code") }
        return try await token([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", pending.pkce.verifier),
        ])
    }

    /// Exchanges a refresh token (rotated: keep the new one from the result).
    public func refresh(_ refreshToken: String) async throws -> OAuthTokens {
        try await token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    /// Revokes a token and with it the whole sign-in (RFC 7009).
    public func revoke(_ token: String) async throws {
        _ = try await post("oauth/revoke", [("token", token)])
    }

    /// The claims the user agreed to share (OIDC Core §5.3).
    public func userInfo(accessToken: String) async throws -> [String: String] {
        let response = try await transport.send(TransportRequest(method: "GET", path: "oauth/userinfo", headers: ["Authorization": "Bearer \(accessToken)"]))
        try Self.check(response)
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw FlowstaClientError.invalidResponse("userinfo is not a JSON object")
        }
        return object.compactMapValues { $0 as? String }
    }

    func token(_ parameters: [(String, String)]) async throws -> OAuthTokens {
        let response = try await post("oauth/token", parameters)
        do {
            return try JSONDecoder().decode(OAuthTokens.self, from: response.body)
        } catch {
            throw FlowstaClientError.invalidResponse("unexpected token response")
        }
    }

    func post(_ path: String, _ parameters: [(String, String)]) async throws -> TransportResponse {
        var parameters = parameters
        var headers = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        if let clientSecret {
            // RFC 6749 §2.3.1: form-encode, then Basic.
            let credentials = Self.encode(clientID) + ":" + Self.encode(clientSecret)
            headers["Authorization"] = "Basic " + Data(credentials.utf8).base64EncodedString()
        } else {
            parameters.append(("client_id", clientID))
        }
        let response = try await transport.send(TransportRequest(method: "POST", path: path, headers: headers, body: Data(Self.form(parameters).utf8)))
        try Self.check(response)
        return response
    }

    static func check(_ response: TransportResponse) throws {
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(FlowstaClient.ErrorBody.self, from: response.body)
            throw FlowstaClientError.server(status: response.status, error: error?.error ?? "unknown", description: error?.errorDescription ?? "")
        }
    }

    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

// MARK: Sign It (the app's side)

extension FlowstaOAuthClient {
    struct SignRequestBody: Encodable {
        var files: [FlowstaFileToSign]
        var redirectURI: String?
        var state: String?
        enum CodingKeys: String, CodingKey {
            case files, state
            case redirectURI = "redirect_uri"
        }
    }

    /// Asks the user to sign `files` (an access token with the `sign` scope): send the user to
    /// the answer's ``FlowstaSignRequest/approvalURL``, then poll ``signRequest(_:accessToken:)``
    /// or wait at `redirectURI` (one of the app's redirect URIs).
    public func requestSignatures(
        _ files: [FlowstaFileToSign], accessToken: String, redirectURI: String? = nil, state: String? = nil
    ) async throws -> FlowstaSignRequest {
        let body = try JSONEncoder().encode(SignRequestBody(files: files, redirectURI: redirectURI, state: state))
        let response = try await transport.send(TransportRequest(method: "POST", path: "api/v1/sign-it/requests", headers: [
            "Authorization": "Bearer \(accessToken)", "Content-Type": "application/json", "Accept": "application/json",
        ], body: body))
        return try Self.decode(response)
    }

    /// The request now: `pending`, `approved` (with the signatures), `denied` or `expired`.
    public func signRequest(_ id: String, accessToken: String) async throws -> FlowstaSignRequest {
        let response = try await transport.send(TransportRequest(
            method: "GET", path: "api/v1/sign-it/requests/" + Self.encode(id), headers: ["Authorization": "Bearer \(accessToken)", "Accept": "application/json"]
        ))
        return try Self.decode(response)
    }

    /// Every published signature of a file (no token needed); check each with
    /// ``FlowstaSignature/verifies``.
    public func signatures(ofFileHash hash: String) async throws -> [FlowstaSignature] {
        struct List: Decodable { var signatures: [FlowstaSignature] }
        let response = try await transport.send(TransportRequest(
            method: "GET", path: "api/v1/sign-it/verify?hash=" + Self.encode(hash), headers: ["Accept": "application/json"]
        ))
        let list: List = try Self.decode(response)
        return list.signatures
    }

    static func decode<T: Decodable>(_ response: TransportResponse) throws -> T {
        try check(response)
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw FlowstaClientError.invalidResponse("unexpected Sign It response")
        }
    }
}

// MARK: The device authorization grant (RFC 8628)

/// A device authorization: show ``userCode`` and ``verificationURI`` (or
/// ``verificationURIComplete`` as a QR code), then ``FlowstaOAuthClient/pollDeviceToken(_:sleep:)``.
public struct FlowstaDeviceAuthorization: Sendable, Equatable, Decodable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String
    public var expiresIn: Int
    public var interval: Int

    enum CodingKeys: String, CodingKey {
        case interval
        case deviceCode = "device_code"
        case userCode = "user_code"
        case verificationURI = "verification_uri"
        case verificationURIComplete = "verification_uri_complete"
        case expiresIn = "expires_in"
    }
}

extension FlowstaOAuthClient {
    /// Starts a device authorization (`POST /oauth/device_authorization`) for `scope`.
    public func startDeviceAuthorization(scope: [String]) async throws -> FlowstaDeviceAuthorization {
        let response = try await post("oauth/device_authorization", [("scope", scope.joined(separator: " "))])
        return try Self.decode(response)
    }

    /// Polls the token endpoint until the user answers: waits the interval between polls (5
    /// seconds more after each `slow_down`), returns the tokens once the user allowed the device.
    /// - Parameter sleep: how to wait (tests pass their own clock).
    /// - Throws: ``FlowstaClientError/server(status:error:description:)`` with `access_denied`
    ///   (the user said no) or `expired_token` (nobody answered in time).
    public func pollDeviceToken(
        _ authorization: FlowstaDeviceAuthorization, sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws -> OAuthTokens {
        var interval = max(1, authorization.interval)
        while true {
            try await sleep(.seconds(interval))
            do {
                return try await token([("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", authorization.deviceCode)])
            } catch FlowstaClientError.server(_, let error, _) where error == "authorization_pending" {
                continue
            } catch FlowstaClientError.server(_, let error, _) where error == "slow_down" {
                interval += 5
            }
        }
    }
}
