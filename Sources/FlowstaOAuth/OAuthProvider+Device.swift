import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

/// `POST /oauth/device_authorization`'s answer (RFC 8628 §3.2).
public struct DeviceAuthorizationResponse: Sendable, Equatable {
    public var deviceCode: String
    /// As the user types it: `BCDF-GHJK`.
    public var userCode: String
    public var verificationURI: String
    /// The page with the code filled in (for a QR code or a link).
    public var verificationURIComplete: String
    public var expiresIn: Int
    public var interval: Int
}

/// A pending device authorization as the device page shows it, once the user typed its code.
public struct DeviceApprovalRequest: Sendable {
    public var id: UUID
    public var client: OAuthClient
    public var scope: ScopeSet
}

/// Why the device page refuses a user code.
public enum DeviceCodeRefusal: Error, Equatable, Sendable {
    /// Not a live code (wrong, expired or answered); `attemptsLeft` more may be typed.
    case unknown(attemptsLeft: Int)
    /// Too many wrong codes from this user: try again after `retryAfter` seconds.
    case tooManyAttempts(retryAfter: Int)
}

extension OAuthProvider {
    /// The device page's address (RFC 8628 `verification_uri`).
    public var deviceVerificationURI: String { environment.issuer + "/device" }

    /// `POST /oauth/device_authorization` (RFC 8628 §3.1): authenticates the client (public
    /// clients send `client_id`), checks the scope (`openid` when none is asked) and stores a
    /// device code and a user code, both only as keyed hashes.
    /// - Throws: the token endpoint's client errors, `invalid_scope`, `slow_down` when the
    ///   client starts more than ``OAuthConfiguration/deviceAuthorizationsPerMinute`` a minute.
    public func deviceAuthorization(_ parameters: OAuthParameters, credentials: ClientCredentials, observer: ClientObserver? = nil) async throws -> DeviceAuthorizationResponse {
        try parameters.requireNoDuplicates()
        let (client, _) = try await authenticator.authenticate(credentials)
        observer?(client)
        let scope = try ScopeSet(parsing: parameters["scope"] ?? "openid")
        guard !scope.isEmpty, scope.isSubset(of: client.allowedScope) else {
            throw OAuthError(.invalidScope, "the app may ask for: \(client.allowedScope.wire)")
        }
        let configuration = environment.configuration
        let now = environment.time.now
        let started = try await environment.counters.increment(
            environment.deviceHasher.hash("device-authorizations:" + client.clientID), window: 60, now: now
        )
        guard started.count <= configuration.deviceAuthorizationsPerMinute else {
            throw OAuthError(.slowDown, "too many device authorizations for this app: retry in \(started.secondsLeft(at: now)) s")
        }
        let deviceCode = OAuthEnvironment.randomToken()
        for _ in 0..<5 {
            let userCode = UserCode.generate()
            let stored = StoredDeviceAuthorization(
                id: UUID(), deviceCodeHash: environment.deviceHasher.hash("device:" + deviceCode),
                userCodeHash: environment.deviceHasher.hash("user:" + (UserCode.normalize(userCode) ?? userCode)), clientID: client.clientID,
                appID: client.app.id, scope: scope, status: .pending, interval: configuration.devicePollingInterval,
                expiresAt: now.addingTimeInterval(configuration.deviceCodeLifetime), createdAt: now
            )
            if try await environment.devices.insert(stored) {
                return DeviceAuthorizationResponse(
                    deviceCode: deviceCode, userCode: userCode, verificationURI: deviceVerificationURI,
                    verificationURIComplete: deviceVerificationURI + "?user_code=" + userCode,
                    expiresIn: Int(configuration.deviceCodeLifetime), interval: configuration.devicePollingInterval
                )
            }
        }
        throw OAuthError(.serverError, "could not draw a free user code", cause: "user code collisions")
    }

    /// The pending authorization of a user code typed on the device page by a signed-in user.
    /// Wrong codes count against the user (``OAuthConfiguration/wrongUserCodesPerUser`` in 10
    /// minutes, in the shared counters under a keyed hash), so nobody can try codes at speed.
    public func deviceRequest(userCode typed: String, userID: UUID) async throws -> DeviceApprovalRequest {
        let now = environment.time.now
        let key = environment.deviceHasher.hash("wrong-user-codes:" + userID.uuidString.lowercased())
        let limit = environment.configuration.wrongUserCodesPerUser
        let wrong = try await environment.counters.count(key, window: 600, now: now)
        guard wrong.count < limit else { throw DeviceCodeRefusal.tooManyAttempts(retryAfter: wrong.secondsLeft(at: now)) }
        if let code = UserCode.normalize(typed), let stored = try await environment.devices.find(userCodeHash: environment.deviceHasher.hash("user:" + code)),
           stored.status == .pending, stored.expiresAt > now,
           let client = try await environment.directory.client(clientID: stored.clientID), client.app.active {
            return DeviceApprovalRequest(id: stored.id, client: client, scope: stored.scope)
        }
        let counted = try await environment.counters.increment(key, window: 600, now: now)
        throw DeviceCodeRefusal.unknown(attemptsLeft: max(0, limit - counted.count))
    }

    /// The user allowed the device: stores the grant (as an authorization code flow would) and
    /// remembers the consent; the device's next poll gets the tokens.
    /// - Returns: `false` when the authorization is no longer pending.
    public func approveDevice(_ request: DeviceApprovalRequest, userID: UUID, authentication: UserAuthentication, granted: ScopeSet) async throws -> Bool {
        let scope = granted.intersection(request.scope)
        let now = environment.time.now
        let grant = StoredGrant(
            id: UUID(), userID: userID, appID: request.client.app.id, clientID: request.client.clientID, scope: scope,
            authTime: authentication.time, methods: authentication.methods,
            acr: AuthenticationContextClass.achieved(by: authentication.methods).rawValue, createdAt: now
        )
        try await environment.grants.insert(grant)
        guard try await environment.devices.decide(id: request.id, status: .approved, grantID: grant.id, now: now) else {
            try await environment.revoke(grantID: grant.id)
            return false
        }
        let previous = try await environment.consents.find(userID: userID, appID: request.client.app.id)?.scope ?? ScopeSet([])
        try await environment.consents.save(StoredConsent(userID: userID, appID: request.client.app.id, scope: previous.union(scope), updatedAt: now))
        if !scope.subtracting(previous).isEmpty {
            await environment.report(.consentGranted, userID: userID, app: request.client.app, details: ["scope": scope.wire])
        }
        await environment.report(.signedIn, userID: userID, app: request.client.app)
        return true
    }

    /// The user refused: the device's next poll gets `access_denied`.
    public func denyDevice(_ request: DeviceApprovalRequest) async throws {
        _ = try await environment.devices.decide(id: request.id, status: .denied, grantID: nil, now: environment.time.now)
    }

    /// Deletes device authorizations that expired before `now` (retention). - Returns: how many.
    public func purgeDeviceAuthorizations(now: Date) async throws -> Int {
        try await environment.devices.purge(expiredBefore: now)
    }
}

/// `grant_type=urn:ietf:params:oauth:grant-type:device_code` (RFC 8628 §3.4, §3.5): the
/// device polls with its device code.
struct DeviceCodeGrantHandler: GrantHandler {
    let environment: OAuthEnvironment

    func handle(_ parameters: OAuthParameters, client: OAuthClient) async throws -> TokenResponse {
        let deviceCode = try parameters.required("device_code")
        let now = environment.time.now
        guard deviceCode.utf8.count <= 128, let stored = try await environment.devices.find(deviceCodeHash: environment.deviceHasher.hash("device:" + deviceCode)),
              stored.clientID == client.clientID else {
            throw OAuthError.invalidGrant("the device code is invalid")
        }
        switch stored.status {
        case .consumed: throw OAuthError.invalidGrant("the device code was used already")
        case .denied: throw OAuthError(.accessDenied, "the user declined the request")
        case .pending, .approved: break
        }
        guard stored.expiresAt > now else { throw OAuthError(.expiredToken, "the device code has expired: start again") }
        if stored.status == .pending {
            // RFC 8628 §3.5: polling faster than the interval adds 5 seconds to it, for good.
            if let last = stored.lastPolledAt, now.timeIntervalSince(last) < Double(stored.interval) {
                try await environment.devices.polled(id: stored.id, at: now, interval: stored.interval + 5)
                throw OAuthError(.slowDown, "poll every \(stored.interval + 5) seconds")
            }
            try await environment.devices.polled(id: stored.id, at: now, interval: stored.interval)
            throw OAuthError(.authorizationPending, "the user has not answered yet")
        }
        guard let grantID = try await environment.devices.consume(id: stored.id), let grant = try await environment.liveGrant(grantID) else {
            throw OAuthError.invalidGrant("the device code was used already")
        }
        return try await TokenIssuer(environment: environment).issue(for: grant, client: client, nonce: nil, includeRefresh: true)
    }
}
