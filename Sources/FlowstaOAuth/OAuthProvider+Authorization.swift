import FlowstaCore
import Foundation

/// What to do with a valid authorization request for a signed-in user.
public enum AuthorizationDecision: Sendable, Equatable {
    /// Show the consent page for these scopes (the ones the user has not agreed to yet are
    /// `new`).
    case consent(AuthorizationRequest, new: ScopeSet)
    /// Consent is on record for all the requested scopes: approve (with
    /// ``OAuthProvider/approve(_:userID:authentication:granted:remember:)`` and the request's
    /// scope) once the user's client has sent its analytics id.
    case approved(AuthorizationRequest)
}

/// What an authorization request takes beyond the user's current sign-in.
public enum StepUp: Sendable, Equatable {
    case none
    /// Sign in again, with the second factor.
    case signInAgain
    /// The app requires a second factor and the user has none: set one up first.
    case secondFactorRequired
}

extension OAuthProvider {
    /// Validates `/oauth/authorize` parameters.
    public func validate(_ parameters: OAuthParameters) async throws(AuthorizationFailure) -> AuthorizationRequest {
        try await validator.validate(parameters)
    }

    /// Whether the session is too old for the request's `max_age` or `prompt=login`
    /// (OIDC Core §3.1.2.1): then the user must sign in again.
    /// - Parameter signInAskedAt: when the sign-in page was shown for this very request (a
    ///   verified marker the page carries back): a sign-in since then satisfies `prompt=login`
    ///   and any `max_age`, `0` included — without it the user would be sent back to the
    ///   sign-in page forever.
    public func requiresFreshSignIn(_ request: AuthorizationRequest, authenticatedAt: Date, signInAskedAt: Date? = nil) -> Bool {
        if let asked = signInAskedAt, authenticatedAt >= asked { return false }
        if request.prompt.contains("login") { return true }
        if let maxAge = request.maxAge, environment.time.now.timeIntervalSince(authenticatedAt) > Double(maxAge) {
            return true
        }
        return false
    }

    /// What a request that asks for a stronger sign-in than `methods` make (`acr_values`, or the
    /// app's "require a second factor") takes from a user whose strongest possible sign-in is
    /// `strongest` (a password alone, or with the user's second factor).
    public func stepUp(_ request: AuthorizationRequest, methods: AuthenticationMethods, strongest: AuthenticationContextClass) -> StepUp {
        let achieved = AuthenticationContextClass.achieved(by: methods)
        if request.client.app.requiresSecondFactor, achieved < .multiFactor {
            return strongest >= .multiFactor ? .signInAgain : .secondFactorRequired
        }
        // OIDC Core §3.1.2.1: `acr_values` is a voluntary request: when the user cannot reach
        // any of the classes, the sign-in goes on and `acr` says what it was.
        guard !request.acrValues.isEmpty, !request.acrValues.contains(where: { $0 <= achieved }) else { return .none }
        return request.acrValues.contains(where: { $0 <= strongest }) ? .signInAgain : .none
    }

    /// For a signed-in user: approved when the user already agreed to these scopes for this app
    /// (and `prompt=consent` was not asked), otherwise ask.
    public func decide(_ request: AuthorizationRequest, userID: UUID, authenticatedAt: Date) async throws -> AuthorizationDecision {
        if environment.configuration.firstPartyClientIDs.contains(request.client.clientID), !request.prompt.contains("consent") {
            return .approved(request)
        }
        let remembered = try await environment.consents.find(userID: userID, appID: request.client.app.id)?.scope ?? ScopeSet([])
        let new = request.scope.subtracting(remembered)
        if new.isEmpty, !request.prompt.contains("consent") {
            return .approved(request)
        }
        if request.prompt.contains("none") {
            throw AuthorizationFailure(error: OAuthError(.consentRequired, "the user has not agreed to these scopes for this app"), redirect: redirect(for: request))
        }
        return .consent(request, new: new)
    }

    /// The user approved: stores the grant and a single-use code, remembers the consent and
    /// returns the redirect URL carrying `code`, `state` and `iss`.
    /// - Parameter granted: the scopes the user agreed to (the request's, minus any the user
    ///   left unticked, such as `email`).
    public func approve(_ request: AuthorizationRequest, userID: UUID, authentication: UserAuthentication, granted: ScopeSet, remember: Bool) async throws -> String {
        let scope = granted.intersection(request.scope)
        let now = environment.time.now
        let grant = StoredGrant(
            id: UUID(), userID: userID, appID: request.client.app.id, clientID: request.client.clientID,
            scope: scope, authTime: authentication.time, methods: authentication.methods,
            acr: AuthenticationContextClass.claim(for: authentication.methods, requested: request.acrValues).rawValue,
            idTokenClaims: request.idTokenClaims, sessionRef: authentication.sessionRef, createdAt: now
        )
        try await environment.grants.insert(grant)
        let code = OAuthEnvironment.randomToken()
        try await environment.codes.insert(StoredAuthorizationCode(
            codeHash: environment.codeHasher.hash(code), grant: grant,
            redirectURI: request.redirectURIWasSent ? request.redirectURI : nil,
            codeChallenge: request.codeChallenge, nonce: request.nonce,
            expiresAt: now.addingTimeInterval(environment.configuration.codeLifetime)
        ))
        if remember {
            let previous = try await environment.consents.find(userID: userID, appID: request.client.app.id)?.scope ?? ScopeSet([])
            try await environment.consents.save(StoredConsent(
                userID: userID, appID: request.client.app.id, scope: previous.union(scope), updatedAt: now
            ))
            if !scope.subtracting(previous).isEmpty {
                await environment.report(.consentGranted, userID: userID, app: request.client.app, details: ["scope": scope.wire])
            }
        }
        await environment.report(.signedIn, userID: userID, app: request.client.app)
        return redirect(for: request).url([("code", code)])
    }

    /// The user refused: `access_denied` to the client (RFC 6749 §4.1.2.1).
    public func deny(_ request: AuthorizationRequest) -> String {
        redirect(for: request).url(error: OAuthError(.accessDenied, "the user declined the request"))
    }

    /// The redirect target of a validated request.
    public func redirect(for request: AuthorizationRequest) -> AuthorizationRedirect {
        AuthorizationRedirect(redirectURI: request.redirectURI, state: request.state, issuer: environment.issuer)
    }
}
