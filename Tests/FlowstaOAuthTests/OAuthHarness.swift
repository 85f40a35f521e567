import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

/// Clients in a dictionary; secrets compared as plain strings (the platform's keyed hash is
/// tested in FlowstaPlatformTests).
struct StubClientDirectory: OAuthClientDirectory {
    let clients: [String: OAuthClient]
    let secrets: [String: String]

    func client(clientID: String) async throws -> OAuthClient? { clients[clientID] }
    func verifySecret(_ secret: String, of client: OAuthClient) -> Bool { secrets[client.clientID] == secret }
    func client(appID: UUID) async throws -> OAuthClient? { clients.values.first { $0.app.id == appID } }
}

/// An OAuth provider on in-memory stores and a fixed clock, with a public app, a confidential
/// app, a disabled app and one user.
struct OAuthHarness {
    static let issuer = "https://auth.example"
    static let redirect = "https://app.example/callback"
    static let verifier = String(repeating: "v", count: 43) + "-verifier"

    let time = FixedTimeSource()
    let store = InMemoryOAuthStore()
    let users = InMemoryUserRepository()
    let provider: OAuthProvider
    let keys: SigningKeyProvider
    let keyRing: KeyRing
    let publicApp: OAuthClient
    let confidentialApp: OAuthClient
    let disabledApp: OAuthClient
    let user: StoredUser

    /// A confidential app that turned PKCE off.
    let noPKCEApp: OAuthClient

    static func app(
        _ clientID: String, secret: Bool = false, active: Bool = true, scopes: [String]? = nil, idTokenAlg: String? = nil, pkce: Bool = true
    ) -> OAuthClient {
        OAuthClient(app: ClientApp(
            id: UUID(), organizationID: UUID(), clientID: clientID, name: "App \(clientID)",
            redirectURIs: [redirect, "http://127.0.0.1:7777/cb"], allowedScopes: scopes ?? Array(Scopes.supported),
            active: active, secretHash: secret ? "set" : nil, idTokenSigningAlgorithm: idTokenAlg, requiresPKCE: pkce
        ))
    }

    init(idTokenAlg: String? = nil) async throws {
        keyRing = try KeyRing(kek: SecureRandom.bytes(32))
        publicApp = Self.app("flowsta_app_public", idTokenAlg: idTokenAlg)
        confidentialApp = Self.app("flowsta_app_confidential", secret: true)
        disabledApp = Self.app("flowsta_app_disabled", active: false)
        noPKCEApp = Self.app("flowsta_app_nopkce", secret: true, pkce: false)
        let directory = StubClientDirectory(
            clients: Dictionary(uniqueKeysWithValues: [publicApp, confidentialApp, disabledApp, noPKCEApp].map { ($0.clientID, $0) }),
            secrets: [confidentialApp.clientID: "s3cret", noPKCEApp.clientID: "s3cret"]
        )
        let now = time.now
        user = StoredUser(
            id: UUID(), username: "Alice", usernameNormalized: "alice", credentialIdentifier: "alice", displayName: "Alice A.",
            emailSealed: nil, emailIndex: nil, agentPublicKey: nil, opaqueRecord: [1], createdAt: now, updatedAt: now
        )
        var withEmail = user
        withEmail.emailSealed = try keyRing.seal(Array("alice@example.com".utf8), context: SealingContext.userEmail(user.id))
        withEmail.emailIndex = "index"
        try await users.create(withEmail)
        let accounts = try await Self.accounts(users: users, keyRing: keyRing, time: time)
        keys = try await SigningKeyProvider.load(repository: store, keyRing: keyRing, time: time)
        provider = OAuthProvider(
            configuration: OAuthConfiguration(issuer: Self.issuer), directory: directory, codes: store, refreshTokens: store,
            grants: store, consents: store, users: users, accounts: accounts, keys: keys, keyRing: keyRing, time: time
        )
    }

    /// The account engine on in-memory stores. (Built outside `init`: this compiler crashed copying
    /// the half-initialized harness when it was built inline.)
    static func accounts(users: InMemoryUserRepository, keyRing: KeyRing, time: FixedTimeSource) async throws -> AccountService {
        let sessions = InMemorySessionRepository()
        return AccountService(
            users: users, sessions: sessions, logins: InMemoryLoginStateRepository(),
            keys: InMemoryKeyRepository(users: users, sessions: sessions), tokens: InMemoryAccountTokenRepository(), keyRing: keyRing,
            opaqueSetup: try await AccountService.loadOrCreateOPAQUESetup(secrets: InMemorySecretRepository(), keyRing: keyRing),
            throttle: LoginThrottle(limits: .init(perUsername: 100, perAddress: 100), time: time),
            secondFactors: SecondFactorStorage(
                repository: InMemorySecondFactorRepository(), generator: NoCodes(), attempts: InMemorySharedCounters(), passkeys: InMemoryPasskeyRepository()
            ),
            signingKeys: InMemoryUserSigningKeyRepository(users: users),
            time: time
        )
    }

    /// Authorization parameters for `client` with PKCE S256, overridable.
    func parameters(_ client: OAuthClient, scope: String = "openid profile offline_access", _ overrides: [String: String?] = [:]) -> OAuthParameters {
        var values: [String: String?] = [
            "client_id": client.clientID, "redirect_uri": Self.redirect, "response_type": "code", "scope": scope,
            "state": "st-123", "nonce": "n-456", "code_challenge": PKCE.challenge(for: Self.verifier), "code_challenge_method": "S256",
        ]
        for (name, value) in overrides { values[name] = value }
        return OAuthParameters(pairs: values.compactMap { name, value in value.map { (name, $0) } })
    }

    /// Runs authorization through approval and returns the code.
    func code(
        _ client: OAuthClient, scope: String = "openid profile offline_access", granted: ScopeSet? = nil,
        methods: AuthenticationMethods = .password, sessionRef: String? = nil, _ overrides: [String: String?] = [:]
    ) async throws -> String {
        let request = try await provider.validate(parameters(client, scope: scope, overrides))
        let url = try await provider.approve(
            request, userID: user.id, authentication: UserAuthentication(time: time.now, methods: methods, sessionRef: sessionRef),
            granted: granted ?? request.scope, remember: true
        )
        return try #require(Self.query(url)["code"])
    }

    func exchange(_ code: String, client: OAuthClient, verifier: String? = OAuthHarness.verifier, redirect: String? = OAuthHarness.redirect) async throws -> TokenResponse {
        var pairs = [("grant_type", "authorization_code"), ("code", code)]
        if let verifier { pairs.append(("code_verifier", verifier)) }
        if let redirect { pairs.append(("redirect_uri", redirect)) }
        return try await provider.token(OAuthParameters(pairs: pairs), credentials: credentials(client))
    }

    func refresh(_ token: String, client: OAuthClient) async throws -> TokenResponse {
        try await provider.token(OAuthParameters(pairs: [("grant_type", "refresh_token"), ("refresh_token", token)]), credentials: credentials(client))
    }

    func credentials(_ client: OAuthClient) -> ClientCredentials {
        client.isConfidential
            ? ClientCredentials(basic: (client.clientID, "s3cret"), bodyID: nil, bodySecret: nil)
            : ClientCredentials(basic: nil, bodyID: client.clientID, bodySecret: nil)
    }

    static func query(_ url: String) -> [String: String] {
        Dictionary(URLComponents(string: url)?.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { $1 })
    }

    /// The decoded JSON payload and header of a JWT (no verification).
    static func decode(_ jwt: String) throws -> (header: [String: Any], payload: [String: Any]) {
        let parts = jwt.split(separator: ".").map(String.init)
        let header = try JSONSerialization.jsonObject(with: Data(try #require(Base64URL.decode(parts[0])))) as? [String: Any]
        let payload = try JSONSerialization.jsonObject(with: Data(try #require(Base64URL.decode(parts[1])))) as? [String: Any]
        return (try #require(header), try #require(payload))
    }
}

/// The OAuth tests' users have no authenticator: no code is ever computed.
struct NoCodes: OneTimePasswordGenerator {
    func code(secret: String, at date: Date, digits: Int, period: Int) -> Int { -1 }
}
