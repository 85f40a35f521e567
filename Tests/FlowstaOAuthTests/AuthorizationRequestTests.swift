import FlowstaCore
import FlowstaOAuth
import Foundation
import Testing

@Suite struct AuthorizationRequestTests {
    /// Errors before the client and redirect URI are verified never redirect (RFC 6749 §4.1.2.1).
    @Test(arguments: [
        ("unknown client", ["client_id": "flowsta_app_nope"]),
        ("missing client", ["client_id": nil]),
        ("prefix of a registered URI", ["redirect_uri": "https://app.example/call"]),
        ("registered URI plus path", ["redirect_uri": "https://app.example/callback/../evil"]),
        ("registered URI plus query", ["redirect_uri": "https://app.example/callback?next=https://evil.example"]),
        ("other host", ["redirect_uri": "https://evil.example/callback"]),
        ("userinfo trick", ["redirect_uri": "https://app.example@evil.example/callback"]),
        ("other loopback port", ["redirect_uri": "http://127.0.0.1:7778/cb"]),
        ("case changed", ["redirect_uri": "https://APP.example/callback"]),
        ("repeated parameter", [:]),
    ] as [(String, [String: String?])])
    func errorsBeforeRedirectValidationShowAPage(_ name: String, _ overrides: [String: String?]) async throws {
        let harness = try await OAuthHarness()
        var parameters = harness.parameters(harness.publicApp, overrides)
        if name == "repeated parameter" {
            parameters = OAuthParameters(pairs: [("client_id", harness.publicApp.clientID), ("client_id", harness.confidentialApp.clientID)])
        }
        let failure = await #expect(throws: AuthorizationFailure.self) { try await harness.provider.validate(parameters) }
        #expect(failure?.redirect == nil, "\(name) must not redirect")
        #expect(failure?.error.code == .invalidRequest)
    }

    @Test func disabledClientIsRefusedWithoutRedirect() async throws {
        let harness = try await OAuthHarness()
        let failure = await #expect(throws: AuthorizationFailure.self) {
            try await harness.provider.validate(harness.parameters(harness.disabledApp))
        }
        #expect(failure?.redirect == nil)
        #expect(failure?.error.code == .unauthorizedClient)
    }

    /// After validation, errors go back to the client with `state` and `iss` (RFC 9207).
    @Test(arguments: [
        (["code_challenge": nil], "invalid_request"),
        (["code_challenge_method": "plain"], "invalid_request"),
        (["code_challenge_method": nil], "invalid_request"),
        (["code_challenge": "short"], "invalid_request"),
        (["response_type": "token"], "unsupported_response_type"),
        (["response_type": nil], "invalid_request"),
        (["scope": "openid admin"], "invalid_scope"),
        (["request_uri": "https://evil.example/r"], "request_uri_not_supported"),
        (["request": "eyJhbGciOiJub25lIn0.e30."], "request_not_supported"),
        (["claims": "not json"], "invalid_request"),
        (["claims": #"{"userinfo": ["name"]}"#], "invalid_request"),
        (["claims": #"{"id_token": {"email": true}}"#], "invalid_request"),
        (["display": "fullscreen"], "invalid_request"),
    ] as [([String: String?], String)])
    func errorsAfterValidationRedirectWithStateAndIssuer(_ overrides: [String: String?], _ code: String) async throws {
        let harness = try await OAuthHarness()
        let failure = await #expect(throws: AuthorizationFailure.self) {
            try await harness.provider.validate(harness.parameters(harness.publicApp, overrides))
        }
        let redirect = try #require(failure?.redirect)
        let query = OAuthHarness.query(redirect.url(error: try #require(failure?.error)))
        #expect(query["error"] == code)
        #expect(query["state"] == "st-123")
        #expect(query["iss"] == OAuthHarness.issuer)
        #expect(redirect.redirectURI == OAuthHarness.redirect)
    }

    @Test func unknownScopesAreRefused() async throws {
        let harness = try await OAuthHarness()
        let failure = await #expect(throws: AuthorizationFailure.self) {
            try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid telepathy"))
        }
        #expect(failure?.error.code == .invalidScope)
    }

    @Test func approvalRedirectCarriesCodeStateAndIssuer() async throws {
        let harness = try await OAuthHarness()
        let request = try await harness.provider.validate(harness.parameters(harness.publicApp))
        let url = try await harness.provider.approve(request, userID: harness.user.id, authentication: UserAuthentication(time: harness.time.now, methods: .password), granted: request.scope, remember: true)
        #expect(url.hasPrefix(OAuthHarness.redirect + "?"))
        let query = OAuthHarness.query(url)
        #expect((query["code"] ?? "").count >= 43)
        #expect(query["state"] == "st-123")
        #expect(query["iss"] == OAuthHarness.issuer)
        #expect(OAuthHarness.query(harness.provider.deny(request))["error"] == "access_denied")
    }

    @Test func consentIsRememberedPerAppAndScopeSet() async throws {
        let harness = try await OAuthHarness()
        let request = try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid profile email"))
        guard case .consent(_, let new) = try await harness.provider.decide(request, userID: harness.user.id, authenticatedAt: harness.time.now) else {
            Issue.record("first request must ask")
            return
        }
        #expect(new.contains(.email))
        // The user allows but leaves email unticked.
        _ = try await harness.provider.approve(request, userID: harness.user.id, authentication: UserAuthentication(time: harness.time.now, methods: .password), granted: request.scope.subtracting(ScopeSet([.email])), remember: true)
        let smaller = try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid profile"))
        guard case .approved = try await harness.provider.decide(smaller, userID: harness.user.id, authenticatedAt: harness.time.now) else {
            Issue.record("an agreed scope set must not ask again")
            return
        }
        guard case .consent(_, let again) = try await harness.provider.decide(request, userID: harness.user.id, authenticatedAt: harness.time.now) else {
            Issue.record("email was never agreed: ask again")
            return
        }
        #expect(again == ScopeSet([.email]))
        let forced = try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid", ["prompt": "consent"]))
        guard case .consent = try await harness.provider.decide(forced, userID: harness.user.id, authenticatedAt: harness.time.now) else {
            Issue.record("prompt=consent must ask")
            return
        }
        let silent = try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid email", ["prompt": "none"]))
        let failure = await #expect(throws: AuthorizationFailure.self) {
            try await harness.provider.decide(silent, userID: harness.user.id, authenticatedAt: harness.time.now)
        }
        #expect(failure?.error.code == .consentRequired)
    }

    @Test func maxAgeAndPromptLoginRequireAFreshSignIn() async throws {
        let harness = try await OAuthHarness()
        let signedIn = harness.time.now
        harness.time.advance(by: 120)
        let aged = try await harness.provider.validate(harness.parameters(harness.publicApp, ["max_age": "60"]))
        #expect(harness.provider.requiresFreshSignIn(aged, authenticatedAt: signedIn))
        #expect(!harness.provider.requiresFreshSignIn(aged, authenticatedAt: harness.time.now))
        let login = try await harness.provider.validate(harness.parameters(harness.publicApp, ["prompt": "login"]))
        #expect(harness.provider.requiresFreshSignIn(login, authenticatedAt: harness.time.now))
        // A sign-in 2 s old is too old for max_age=1 (no grace period)...
        let one = try await harness.provider.validate(harness.parameters(harness.publicApp, ["max_age": "1"]))
        #expect(harness.provider.requiresFreshSignIn(one, authenticatedAt: harness.time.now.addingTimeInterval(-2)))
        // ...unless it was made after the sign-in page was shown for this request.
        let asked = harness.time.now.addingTimeInterval(-5)
        #expect(!harness.provider.requiresFreshSignIn(one, authenticatedAt: asked.addingTimeInterval(1), signInAskedAt: asked))
        #expect(!harness.provider.requiresFreshSignIn(login, authenticatedAt: asked, signInAskedAt: asked))
        #expect(harness.provider.requiresFreshSignIn(login, authenticatedAt: asked.addingTimeInterval(-1), signInAskedAt: asked))
    }
}
