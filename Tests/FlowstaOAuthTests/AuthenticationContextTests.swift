import FlowstaCore
import FlowstaOAuth
import Foundation
import Testing

/// Issue #20: ID tokens say how the user signed in (`amr`, RFC 8176) and which class of sign-in
/// that was (`acr`); `acr_values` and the app's "require a second factor" ask for more.
@Suite struct AuthenticationContextTests {
    @Test func idTokensCarryTheSignInsMethodsAndClassAcrossRefreshes() async throws {
        let harness = try await OAuthHarness()
        let password = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let basic = try OAuthHarness.decode(try #require(password.idToken)).payload
        #expect(basic["amr"] as? [String] == ["pwd"])
        #expect(basic["acr"] as? String == "urn:flowsta:acr:basic")

        let twoFactor = try await harness.exchange(try await harness.code(harness.publicApp, methods: .passwordAndCode), client: harness.publicApp)
        let strong = try OAuthHarness.decode(try #require(twoFactor.idToken)).payload
        #expect(strong["amr"] as? [String] == ["pwd", "otp", "mfa"])
        #expect(strong["acr"] as? String == "urn:flowsta:acr:mfa")
        // A refresh reports the sign-in the grant was made with, not a new one.
        let refreshed = try await harness.refresh(try #require(twoFactor.refreshToken), client: harness.publicApp)
        let again = try OAuthHarness.decode(try #require(refreshed.idToken)).payload
        #expect(again["amr"] as? [String] == ["pwd", "otp", "mfa"])
        #expect(again["acr"] as? String == "urn:flowsta:acr:mfa")
    }

    @Test func theAcrIsTheFirstRequestedClassTheSignInSatisfies() async throws {
        let harness = try await OAuthHarness()
        let asked = ["acr_values": "urn:example:unknown urn:flowsta:acr:basic urn:flowsta:acr:mfa"]
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp, methods: .passwordAndCode, asked), client: harness.publicApp)
        #expect(try OAuthHarness.decode(try #require(tokens.idToken)).payload["acr"] as? String == "urn:flowsta:acr:basic")
        let passkey = AuthenticationMethods([.softwareKey, .multiFactor])
        #expect(AuthenticationContextClass.claim(for: passkey, requested: [.multiFactor]) == .multiFactor)
        #expect(AuthenticationContextClass.claim(for: passkey, requested: []) == .phishingResistant)
        #expect(AuthenticationContextClass.claim(for: .password, requested: [.phishingResistant]) == .basic)
        #expect(AuthenticationContextClass.requested("phr  urn:flowsta:acr:mfa bogus") == [.phishingResistant, .multiFactor])
    }

    @Test func acrValuesAskForAStepUpOnlyWhenTheUserCanMakeIt() async throws {
        let harness = try await OAuthHarness()
        let request = try await harness.provider.validate(harness.parameters(harness.publicApp, ["acr_values": "urn:flowsta:acr:mfa"]))
        #expect(harness.provider.stepUp(request, methods: .password, strongest: .multiFactor) == .signInAgain)
        #expect(harness.provider.stepUp(request, methods: .passwordAndCode, strongest: .multiFactor) == .none)
        // A user without a second factor cannot step up: the voluntary claim says what the sign-in was.
        #expect(harness.provider.stepUp(request, methods: .password, strongest: .basic) == .none)
        let phishingResistant = try await harness.provider.validate(harness.parameters(harness.publicApp, ["acr_values": "phr"]))
        #expect(harness.provider.stepUp(phishingResistant, methods: .passwordAndCode, strongest: .multiFactor) == .none)
        let plain = try await harness.provider.validate(harness.parameters(harness.publicApp))
        #expect(harness.provider.stepUp(plain, methods: .password, strongest: .multiFactor) == .none)
        await #expect(throws: AuthorizationFailure.self) {
            _ = try await harness.provider.validate(harness.parameters(harness.publicApp, ["acr_values": String(repeating: "a", count: 513)]))
        }
    }

    @Test func anAppThatRequiresASecondFactorGetsOnlyTwoFactorSignIns() async throws {
        let harness = try await OAuthHarness()
        var strict = harness.publicApp
        strict.app.requiresSecondFactor = true
        var request = try await harness.provider.validate(harness.parameters(harness.publicApp))
        request.client = strict
        #expect(harness.provider.stepUp(request, methods: .password, strongest: .multiFactor) == .signInAgain)
        #expect(harness.provider.stepUp(request, methods: .password, strongest: .basic) == .secondFactorRequired)
        #expect(harness.provider.stepUp(request, methods: .passwordAndCode, strongest: .multiFactor) == .none)
    }

    @Test func storedMethodsReadBackAndUnknownOnesAreDropped() {
        #expect(AuthenticationMethods(stored: nil) == .password)
        #expect(AuthenticationMethods(stored: "") == .password)
        #expect(AuthenticationMethods(stored: "mfa otp pwd pwd bogus") == .passwordAndCode)
        #expect(AuthenticationMethods(stored: AuthenticationMethods.passwordAndCode.stored) == .passwordAndCode)
    }
}
