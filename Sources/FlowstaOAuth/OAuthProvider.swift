import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

/// The OAuth 2.0 / OpenID Connect provider: takes parsed requests, returns values. The HTTP
/// layer parses forms and headers into these calls and encodes the results.
public struct OAuthProvider: Sendable {
    let environment: OAuthEnvironment
    let authenticator: ClientAuthenticator
    let validator: AuthorizationRequestValidator
    let handlers: [String: any GrantHandler]

    public init(
        configuration: OAuthConfiguration,
        directory: any OAuthClientDirectory,
        codes: any AuthorizationCodeRepository,
        refreshTokens: any RefreshTokenRepository,
        grants: any GrantRepository,
        consents: any ConsentRepository,
        users: any UserRepository,
        accounts: AccountService,
        keys: SigningKeyProvider,
        keyRing: KeyRing,
        time: any TimeSource = SystemTimeSource(),
        changes: CacheChanges = CacheChanges(),
        devices: any DeviceAuthorizationRepository = EphemeralDeviceAuthorizationRepository(),
        counters: any SharedCounters = InMemorySharedCounters(),
        events: (any OAuthEventSink)? = nil
    ) {
        let grantCache = ExpiringCache<UUID, StoredGrant>()
        // Revocations and key rotations made here or on another instance reach this one's caches.
        changes.onChange { change in
            switch change {
            case .grant(let id): grantCache.remove(id)
            case .signingKeys: try? await keys.reload()
            case .everything:
                grantCache.removeAll()
                try? await keys.reload()
            case .app, .organization, .apiKey: break
            }
        }
        let environment = OAuthEnvironment(
            configuration: configuration, directory: directory, codes: codes, refreshTokens: refreshTokens, grants: grants,
            consents: consents, users: users, accounts: accounts, keys: keys, time: time, grantCache: grantCache, changes: changes,
            codeHasher: keyRing.keyedHasher(purpose: "oauth-code"),
            refreshHasher: keyRing.keyedHasher(purpose: "oauth-refresh-token"),
            subjectHasher: keyRing.keyedHasher(purpose: "pairwise-subject"),
            devices: devices, deviceHasher: keyRing.keyedHasher(purpose: "oauth-device-code"), counters: counters,
            events: events
        )
        self.environment = environment
        self.authenticator = ClientAuthenticator(directory: directory)
        self.validator = AuthorizationRequestValidator(directory: directory, issuer: configuration.issuer)
        self.handlers = [
            "authorization_code": AuthorizationCodeGrantHandler(environment: environment),
            "refresh_token": RefreshTokenGrantHandler(environment: environment),
            "client_credentials": ClientCredentialsGrantHandler(environment: environment),
            Self.deviceCodeGrantType: DeviceCodeGrantHandler(environment: environment),
        ]
    }

    public var configuration: OAuthConfiguration { environment.configuration }
    /// The injected clock's time (for the pages' markers).
    public var now: Date { environment.time.now }
    public var signingKeys: SigningKeyProvider { environment.keys }

    /// The grant types the token endpoint accepts.
    public static let grantTypes = ["authorization_code", "refresh_token", "client_credentials", deviceCodeGrantType]
    /// RFC 8628 §3.4.
    public static let deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code"

    /// Told which client a request belongs to once the client is authenticated (usage metering),
    /// also when the request then fails.
    public typealias ClientObserver = @Sendable (OAuthClient) -> Void

    /// `POST /oauth/token`: authenticates the client and runs the grant's handler.
    public func token(_ parameters: OAuthParameters, credentials: ClientCredentials, observer: ClientObserver? = nil) async throws -> TokenResponse {
        try parameters.requireNoDuplicates()
        let (client, _) = try await authenticator.authenticate(credentials)
        observer?(client)
        let grantType = try parameters.required("grant_type")
        guard let handler = handlers[grantType] else {
            throw OAuthError(.unsupportedGrantType, "grant_type \(grantType) is not supported")
        }
        return try await handler.handle(parameters, client: client)
    }
}
