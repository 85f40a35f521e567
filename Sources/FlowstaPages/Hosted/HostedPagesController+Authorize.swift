import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import FlowstaOAuth
import FlowstaUsage
import Foundation
import Hummingbird

/// `/oauth/authorize` (GET and POST), the consent answer (`POST /oauth/consent`) and the pages
/// between them: sign-in, consent, pass-through and the refusals.
extension HostedPagesController {
    /// `GET /oauth/authorize`.
    @Sendable func authorize(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await authorize(OAuthRequestParsing.queryParameters(request), context: context)
    }

    /// `GET /login`: where Flowsta's own SDK (`@flowsta/auth`, `loginUrl` + `/login`) sends the
    /// browser, with the parameters of an authorization request: the same request.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.redirect("/oauth/authorize" + (request.uri.query.map { "?" + $0 } ?? ""))
    }

    /// `POST /oauth/authorize`: the same request sent as a form (OIDC Core §3.1.2.1).
    @Sendable func authorizeByPost(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await authorize(OAuthRequestParsing.bodyParameters(request), context: context)
    }

    private func authorize(_ parameters: OAuthParameters, context: AppRequestContext) async throws -> Response {
        let authorization: AuthorizationRequest
        do {
            authorization = try await oauth.validate(parameters)
        } catch {
            return failure(error)
        }
        let client = authorization.client
        let askedAt = marker.askedAt(parameters[SignInMarker.parameter], clientID: client.clientID, now: oauth.now)
        let signIn = { (reason: String) -> Response in
            // OIDC Core §3.1.2.1: `prompt=none` shows no page.
            if authorization.prompt.contains("none") {
                return failure(AuthorizationFailure(error: OAuthError(.loginRequired, reason), redirect: oauth.redirect(for: authorization)))
            }
            return signInPage(continue: continuation(parameters, clientID: client.clientID), appName: client.app.name, username: authorization.loginHint)
        }
        guard let session = context.session, !oauth.requiresFreshSignIn(authorization, authenticatedAt: session.authenticatedAt, signInAskedAt: askedAt) else {
            return signIn("the user is not signed in (or not recently enough)")
        }
        if let hint = authorization.idTokenHint {
            do {
                // The app names the user it expects: another signed-in user must sign in as that one.
                guard try await oauth.hintedSubject(hint, client: client) == oauth.subject(userID: session.user.id, client: client) else {
                    return signIn("the signed-in user is not the one id_token_hint names")
                }
            } catch {
                return failure(AuthorizationFailure(error: error, redirect: oauth.redirect(for: authorization)))
            }
        }
        switch try await stepUp(authorization, session: session) {
        case .none: break
        case .signInAgain: return signIn("the request needs a sign-in with a second factor")
        case .secondFactorRequired:
            if authorization.prompt.contains("none") {
                return failure(AuthorizationFailure(
                    error: OAuthError(.interactionRequired, "the app requires a second factor the user has not set up"), redirect: oauth.redirect(for: authorization)
                ))
            }
            return secondFactorRequiredPage(authorization)
        }
        do {
            switch try await oauth.decide(authorization, userID: session.user.id, authenticatedAt: session.authenticatedAt) {
            case .approved(let request) where request.prompt.contains("none"):
                // `prompt=none` must not show any page (OIDC Core §3.1.2.1): redirect at once.
                // Such a silent sign-in is not counted in the MAU (the user was counted when
                // consenting, unless that was in an earlier month).
                return Self.redirect(try await oauth.approve(request, userID: session.user.id, authentication: session.authentication, granted: request.scope, remember: false))
            case .approved(let request):
                return passThroughPage(request, parameters: parameters, session: session)
            case .consent(let request, _):
                return consentPage(request, parameters: parameters, session: session)
            }
        } catch let error as AuthorizationFailure {
            return failure(error)
        }
    }

    /// Where the sign-in page sends the user back: this request again (as a GET, whichever way
    /// it came), with a fresh marker saying when the sign-in was asked for
    /// (``SignInMarker``), which then satisfies `prompt=login` and `max_age`.
    private func continuation(_ parameters: OAuthParameters, clientID: String) -> String {
        let pairs = parameters.pairs.filter { $0.0 != SignInMarker.parameter }
            + [(SignInMarker.parameter, marker.make(at: oauth.now, clientID: clientID))]
        return "/oauth/authorize?" + FormEncoding.encode(pairs: pairs)
    }

    /// The consent form's answer (`POST /oauth/consent`).
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        guard let session = context.session else {
            return pages.error(code: "login_required", description: "Your session ended. Go back to the app and sign in again.", status: .unauthorized)
        }
        guard csrf.isValid(form["csrf_token"], for: session) else {
            return pages.error(code: "invalid_csrf", description: "This form was not sent from this page. Go back to the app and try again.", status: .forbidden)
        }
        var authorization: AuthorizationRequest
        do {
            authorization = try await oauth.validate(form)
        } catch {
            return failure(error)
        }
        authorization.prompt = []
        guard form["decision"] == "allow" else { return Self.redirect(oauth.deny(authorization), status: .seeOther) }
        // The form's answer cannot skip what the authorization page asked for.
        guard try await stepUp(authorization, session: session) == .none else {
            return pages.error(code: "login_required", description: "This app needs a sign-in with a second factor. Go back to the app and sign in again.", status: .forbidden)
        }
        var granted = authorization.scope
        let remember: Bool
        if form["flow"] == "continue" {
            // The pass-through page: consent must still be on record (it may have been
            // withdrawn from /account meanwhile).
            switch try await oauth.decide(authorization, userID: session.user.id, authenticatedAt: session.authenticatedAt) {
            case .consent(let request, _): return consentPage(request, parameters: form, session: session)
            case .approved: remember = false
            }
        } else {
            // `email` is shared only when the user ticked it.
            if granted.contains(.email), form["share_email"] != "yes" { granted = granted.subtracting(ScopeSet([.email])) }
            remember = true
        }
        let redirect = oauth.redirect(for: authorization)
        if let refusal = try await countActiveUser(
            form, app: authorization.client.app, userID: session.user.id, back: { redirect.url(error: OAuthError(.accessDenied, $0)) },
            formTargets: PageLinks.origin(of: authorization.redirectURI).map { [$0] } ?? []
        ) {
            return refusal
        }
        let url = try await oauth.approve(authorization, userID: session.user.id, authentication: session.authentication, granted: granted, remember: remember)
        return Self.redirect(url, status: .seeOther)
    }

    /// Counts the sign-in's analytics id for the app and month (P5: the id alone, nothing about
    /// the user or the event) against the organization's plan. - Returns: the page to show
    /// instead of signing in, when the id is malformed or stale or the free plan's monthly
    /// active users are used up.
    /// - Parameters:
    ///   - back: where the limit page sends the user, given the refusal's description.
    ///   - formTargets: origins that page may post to (the app's redirect origin).
    func countActiveUser(
        _ form: OAuthParameters, app: ClientApp, userID: UUID, back: (String) -> String, formTargets: [String]
    ) async throws -> Response? {
        var id: AnalyticsID?
        if let raw = form["analytics_id"], !raw.isEmpty {
            guard let parsed = AnalyticsID(base64URL: raw) else {
                return pages.error(code: "invalid_request", description: "The sign-in page sent a malformed analytics id. Reload the page and try again.")
            }
            id = parsed
        }
        var month = mau.currentMonth()
        if id != nil {
            guard let sent = form["analytics_month"].flatMap(UsageMonth.init), mau.accepts(sent) else {
                return pages.error(code: "invalid_request", description: "This page has expired. Go back to the app and sign in again.")
            }
            month = sent
        }
        let plan = try await platform.plan(of: app.organizationID)
        let admission = try await mau.admit(
            id, userID: userID, appID: app.id, organizationID: app.organizationID, month: month,
            hardLimit: plan.refusesMAUOverage ? plan.monthlyActiveUsers : nil
        )
        guard case .limitReached(let limit) = admission else { return nil }
        let shownLimit = limit.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        let description = "the app's organization has reached the \(shownLimit) monthly active users of its \(plan.rawValue) plan"
        return pages.render(HostedPage.Limit(appName: app.name, back: back(description), limit: shownLimit), status: .forbidden, formTargets: formTargets)
    }

    /// The step-up a request takes from this session (``OAuthProvider/stepUp(_:methods:strongest:)``).
    private func stepUp(_ authorization: AuthorizationRequest, session: AuthenticatedSession) async throws -> StepUp {
        guard authorization.client.app.requiresSecondFactor || !authorization.acrValues.isEmpty else { return .none }
        let userID = session.user.id
        let strongest: AuthenticationContextClass = try await accounts.hasPasskey(userID: userID)
            ? .phishingResistant : try await accounts.hasSecondFactor(userID: userID) ? .multiFactor : .basic
        return oauth.stepUp(authorization, methods: session.methods, strongest: strongest)
    }

    /// The app requires a second factor and the user has none: refused, with the way to set one up.
    private func secondFactorRequiredPage(_ authorization: AuthorizationRequest) -> Response {
        pages.error(
            code: "second_factor_required",
            description: "\(authorization.client.app.name) requires two-step sign-in. Turn it on under \"Two-step sign-in\" on your account page (/account), then go back to the app and sign in again.",
            status: .forbidden
        )
    }

    /// The authorization parameters the consent and pass-through forms carry back.
    static let forwardedParameters = [
        "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "max_age",
        "acr_values", "claims",
    ]

    /// The authorize forms' shared fields (``HostedPage/AuthorizeForm``).
    private func authorizeForm(_ request: AuthorizationRequest, parameters: OAuthParameters, session: AuthenticatedSession) -> HostedPage.AuthorizeForm {
        let pairs = Self.forwardedParameters.compactMap { name in parameters[name].map { (name, $0) } }
        let reauth = "/signin?continue=" + FormEncoding.encode("/oauth/authorize?" + FormEncoding.encode(pairs: pairs))
        return HostedPage.AuthorizeForm(
            appName: request.client.app.name, username: session.user.username, csrf: csrf.token(for: session),
            parameters: pairs.map { HostedPage.AuthorizeForm.Parameter(name: $0.0, value: $0.1) }, clientID: request.client.clientID,
            month: mau.currentMonth().description, reauth: reauth,
            scopeList: request.scope.sorted.map(\.rawValue).joined(separator: " ")
        )
    }

    /// Consent is on record: a short page whose script sends the analytics id with the approval.
    private func passThroughPage(_ request: AuthorizationRequest, parameters: OAuthParameters, session: AuthenticatedSession) -> Response {
        let page = HostedPage.PassThrough(title: "Continue to \(request.client.app.name)", base: authorizeForm(request, parameters: parameters, session: session))
        return pages.render(page, formTargets: PageLinks.origin(of: request.redirectURI).map { [$0] } ?? [])
    }

    private func consentPage(_ request: AuthorizationRequest, parameters: OAuthParameters, session: AuthenticatedSession) -> Response {
        let scopes = request.scope.sorted
        let app = request.client.app
        let links = HostedPage.Consent.Links(privacy: app.privacyURL.flatMap { $0.isEmpty ? nil : $0 }, terms: app.termsURL.flatMap { $0.isEmpty ? nil : $0 })
        let page = HostedPage.Consent(
            base: authorizeForm(request, parameters: parameters, session: session),
            scopes: scopes.filter { !$0.requiresExplicitConsent }.map { HostedPage.Consent.Scope(words: $0.plainWords) },
            email: scopes.first(where: \.requiresExplicitConsent).map { HostedPage.Consent.Scope(words: $0.plainWords) },
            links: app.privacyURL != nil || app.termsURL != nil ? links : nil
        )
        return pages.render(page, formTargets: PageLinks.origin(of: request.redirectURI).map { [$0] } ?? [])
    }

    private func failure(_ error: any Error) -> Response {
        guard let failure = error as? AuthorizationFailure else {
            return pages.error(code: "server_error", description: "The request could not be processed.", status: .internalServerError)
        }
        if let redirect = failure.redirect { return Self.redirect(redirect.url(error: failure.error)) }
        return pages.error(code: failure.error.code.rawValue, description: failure.error.description)
    }
}
