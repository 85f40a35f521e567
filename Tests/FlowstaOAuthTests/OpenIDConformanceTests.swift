import FlowstaCore
import FlowstaOAuth
import Foundation
import Testing

/// What the OpenID Foundation's Basic OP plan asks of the engine (issue #22): PKCE as an app
/// setting with `nonce` instead, the `claims` parameter, `id_token_hint`, `sid`.
@Suite struct OpenIDConformanceTests {
    @Test func anAppWithoutPKCEUsesANonceAndCannotBeDowngraded() async throws {
        let harness = try await OAuthHarness()
        let noChallenge: [String: String?] = ["code_challenge": nil, "code_challenge_method": nil]
        // Public clients and apps that keep PKCE on: refused, back to the app.
        for client in [harness.publicApp, harness.confidentialApp] {
            let failure = await #expect(throws: AuthorizationFailure.self) { try await harness.provider.validate(harness.parameters(client, noChallenge)) }
            #expect(failure?.error.code == .invalidRequest && failure?.redirect != nil)
        }
        // PKCE off: a nonce is needed instead.
        var withoutNonce = noChallenge
        withoutNonce["nonce"] = .some(nil)
        let failure = await #expect(throws: AuthorizationFailure.self) {
            try await harness.provider.validate(harness.parameters(harness.noPKCEApp, withoutNonce))
        }
        #expect(failure?.error.code == .invalidRequest && failure?.error.description.contains("nonce") == true)
        let request = try await harness.provider.validate(harness.parameters(harness.noPKCEApp, noChallenge))
        #expect(request.codeChallenge == nil && request.nonce == "n-456")

        // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is refused.
        let code = try await harness.code(harness.noPKCEApp, noChallenge)
        let downgrade = await #expect(throws: OAuthError.self) { try await harness.exchange(code, client: harness.noPKCEApp) }
        #expect(downgrade?.code == .invalidGrant)
        let tokens = try await harness.exchange(try await harness.code(harness.noPKCEApp, noChallenge), client: harness.noPKCEApp, verifier: nil)
        let idToken = try OAuthHarness.decode(try #require(tokens.idToken)).payload
        #expect(idToken["nonce"] as? String == "n-456")
        // The same app may still use PKCE, and then must finish it.
        let pkceCode = try await harness.code(harness.noPKCEApp)
        let missing = await #expect(throws: OAuthError.self) { try await harness.exchange(pkceCode, client: harness.noPKCEApp, verifier: nil) }
        #expect(missing?.code == .invalidRequest)
        #expect(try await harness.exchange(pkceCode, client: harness.noPKCEApp).idToken != nil)
    }

    @Test func claimsAskForTheirScopesAndTheIDTokenCarriesThem() async throws {
        let harness = try await OAuthHarness()
        let claims = #"{"userinfo": {"name": {"essential": true}}, "id_token": {"email": null, "preferred_username": null, "acr": {"values": ["urn:flowsta:acr:mfa"]}, "unknown": null}}"#
        let request = try await harness.provider.validate(harness.parameters(harness.publicApp, scope: "openid", ["claims": claims]))
        #expect(request.scope == ScopeSet([.openid, .profile, .email]))
        #expect(request.idTokenClaims == ["email", "preferred_username"])
        #expect(request.acrValues == [.multiFactor])
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid", ["claims": claims]), client: harness.publicApp)
        let payload = try OAuthHarness.decode(try #require(tokens.idToken)).payload
        #expect(payload["preferred_username"] as? String == "Alice" && payload["email"] as? String == "alice@example.com")
        #expect(payload["name"] == nil, "name was asked for in userinfo, not in the ID token")
        #expect(try await harness.provider.userInfo(accessToken: tokens.accessToken).name == "Alice A.")

        // A claim the app may not request is left out; the request still goes on.
        let limited = OAuthHarness.app("flowsta_app_limited", scopes: ["openid"])
        #expect(ClaimsRequest.scope(releasing: "email") == .email && limited.allowedScope == ScopeSet([.openid]))
        // Unticked email: the ID token's email claim goes with it.
        let unticked = try await harness.code(harness.publicApp, scope: "openid", granted: ScopeSet([.openid, .profile]), ["claims": claims])
        let withoutEmail = try OAuthHarness.decode(try #require(try await harness.exchange(unticked, client: harness.publicApp).idToken)).payload
        #expect(withoutEmail["email"] == nil && withoutEmail["preferred_username"] as? String == "Alice")
    }

    @Test func anIDTokenHintNamesTheUserForThisAppOnly() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let hint = try #require(tokens.idToken)
        let subject = try await harness.provider.hintedSubject(hint, client: harness.publicApp)
        #expect(subject == harness.provider.subject(userID: harness.user.id, client: harness.publicApp))
        // Expired hints still name the user (OIDC Core §3.1.2.1).
        harness.time.advance(by: 7 * 24 * 3600)
        #expect(try await harness.provider.hintedSubject(hint, client: harness.publicApp) == subject)
        // Another app's, a tampered one, an access token, junk: invalid_request.
        var tampered = Array(hint)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
        for bad in [String(tampered), tokens.accessToken, "a.b.c", String(repeating: "x", count: 9000)] {
            let error = await #expect(throws: OAuthError.self) { try await harness.provider.hintedSubject(bad, client: harness.publicApp) }
            #expect(error?.code == .invalidRequest)
        }
        let error = await #expect(throws: OAuthError.self) { try await harness.provider.hintedSubject(hint, client: harness.confidentialApp) }
        #expect(error?.code == .invalidRequest)
    }

    @Test func theSessionIDIsPairwiseAndSurvivesRefresh() async throws {
        let harness = try await OAuthHarness()
        let first = try await harness.exchange(try await harness.code(harness.publicApp, sessionRef: "session-1"), client: harness.publicApp)
        let other = try await harness.exchange(try await harness.code(harness.confidentialApp, sessionRef: "session-1"), client: harness.confidentialApp)
        func sid(_ response: TokenResponse) throws -> String? {
            try OAuthHarness.decode(try #require(response.idToken)).payload["sid"] as? String
        }
        let firstSID = try #require(try sid(first))
        #expect(firstSID == harness.provider.sid(sessionRef: "session-1", client: harness.publicApp))
        #expect(try sid(other) != firstSID, "two apps cannot match their sids")
        let refreshed = try await harness.refresh(try #require(first.refreshToken), client: harness.publicApp)
        #expect(try sid(refreshed) == firstSID)
        let without = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        #expect(try sid(without) == nil)
    }
}
