import Crypto
import FlowstaCore
import FlowstaOAuth
import Foundation
import Testing

@Suite struct TokenFlowTests {
    @Test func codeExchangeIssuesSignedTokensWithTheRightClaims() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        #expect(tokens.tokenType == "Bearer")
        #expect(tokens.expiresIn == 3600)
        #expect(tokens.scope == "openid profile offline_access")
        #expect(tokens.refreshToken != nil)

        let access = try OAuthHarness.decode(tokens.accessToken)
        #expect(access.header["alg"] as? String == "ES256")
        #expect(access.header["typ"] as? String == "at+jwt")
        #expect((access.payload["jti"] as? String)?.isEmpty == false)
        #expect(access.payload["client_id"] as? String == harness.publicApp.clientID)
        #expect(access.payload["exp"] as? Int == Int(harness.time.now.timeIntervalSince1970) + 3600)

        let id = try OAuthHarness.decode(try #require(tokens.idToken))
        #expect(id.header["alg"] as? String == "RS256")
        #expect(id.payload["iss"] as? String == OAuthHarness.issuer)
        #expect(id.payload["aud"] as? String == harness.publicApp.clientID)
        #expect(id.payload["nonce"] as? String == "n-456")
        #expect(id.payload["auth_time"] as? Int == Int(harness.time.now.timeIntervalSince1970))
        let digest = Array(SHA256.hash(data: Array(tokens.accessToken.utf8)))
        #expect(id.payload["at_hash"] as? String == Base64URL.encode(digest.prefix(16)))
        #expect(id.payload["sub"] as? String == access.payload["sub"] as? String)
    }

    @Test(arguments: ["ES256", "EdDSA"])
    func idTokenAlgorithmIsPerClient(_ algorithm: String) async throws {
        let harness = try await OAuthHarness(idTokenAlg: algorithm)
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let id = try OAuthHarness.decode(try #require(tokens.idToken))
        #expect(id.header["alg"] as? String == algorithm)
        #expect(harness.keys.current.jwks.contains { $0.kid == id.header["kid"] as? String && $0.alg == algorithm })
    }

    @Test func subjectsArePairwisePerApp() async throws {
        let harness = try await OAuthHarness()
        let first = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let second = try await harness.exchange(try await harness.code(harness.confidentialApp), client: harness.confidentialApp)
        let a = try OAuthHarness.decode(first.accessToken).payload["sub"] as? String
        let b = try OAuthHarness.decode(second.accessToken).payload["sub"] as? String
        #expect(a != nil && b != nil && a != b)
        #expect(a != harness.user.id.uuidString.lowercased())
    }

    @Test func replayedCodeIsRefusedAndRevokesWhatItIssued() async throws {
        let harness = try await OAuthHarness()
        let code = try await harness.code(harness.publicApp)
        let tokens = try await harness.exchange(code, client: harness.publicApp)
        let replay = await #expect(throws: OAuthError.self) { try await harness.exchange(code, client: harness.publicApp) }
        #expect(replay?.code == .invalidGrant)
        let refresh = await #expect(throws: OAuthError.self) { try await harness.refresh(try #require(tokens.refreshToken), client: harness.publicApp) }
        #expect(refresh?.code == .invalidGrant)
        let introspection = try await harness.provider.introspect(token: tokens.accessToken, credentials: harness.credentials(harness.publicApp))
        #expect(!introspection.active)
    }

    @Test(arguments: ["wrong verifier", "missing verifier", "redirect mismatch", "expired", "other client", "bogus code"])
    func badCodeExchangesAreRefused(_ name: String) async throws {
        let harness = try await OAuthHarness()
        let code = try await harness.code(harness.publicApp)
        let error = await #expect(throws: OAuthError.self) {
            switch name {
            case "wrong verifier": _ = try await harness.exchange(code, client: harness.publicApp, verifier: String(repeating: "w", count: 50))
            case "missing verifier":
                _ = try await harness.provider.token(
                    OAuthParameters(pairs: [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthHarness.redirect)]),
                    credentials: harness.credentials(harness.publicApp)
                )
            case "redirect mismatch": _ = try await harness.exchange(code, client: harness.publicApp, redirect: "http://127.0.0.1:7777/cb")
            case "expired":
                harness.time.advance(by: 61)
                _ = try await harness.exchange(code, client: harness.publicApp)
            case "other client": _ = try await harness.exchange(code, client: harness.confidentialApp)
            default: _ = try await harness.exchange("not-a-code", client: harness.publicApp)
            }
        }
        #expect(error?.code == (name == "missing verifier" ? .invalidRequest : .invalidGrant), "\(name)")
    }

    @Test func refreshRotatesAndReuseAfterTheGraceWindowRevokesTheGrant() async throws {
        let harness = try await OAuthHarness()
        let first = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let original = try #require(first.refreshToken)
        let second = try await harness.refresh(original, client: harness.publicApp)
        let rotated = try #require(second.refreshToken)
        #expect(rotated != original)
        #expect(second.idToken != nil)
        // A concurrent refresh within the grace window still succeeds.
        harness.time.advance(by: 5)
        let concurrent = try await harness.refresh(original, client: harness.publicApp)
        #expect(concurrent.refreshToken != nil)
        // Later reuse means the token leaked: the whole grant ends.
        harness.time.advance(by: 10)
        let reuse = await #expect(throws: OAuthError.self) { try await harness.refresh(original, client: harness.publicApp) }
        #expect(reuse?.code == .invalidGrant)
        for token in [rotated, try #require(concurrent.refreshToken)] {
            await #expect(throws: OAuthError.self) { try await harness.refresh(token, client: harness.publicApp) }
        }
        #expect(!(try await harness.provider.introspect(token: second.accessToken, credentials: harness.credentials(harness.publicApp))).active)
    }

    @Test func refreshTokensSlideAndExpire() async throws {
        let harness = try await OAuthHarness()
        var token = try #require(try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp).refreshToken)
        // Each use starts a new 30 days.
        for _ in 0..<3 {
            harness.time.advance(by: 29 * 24 * 3600)
            token = try #require(try await harness.refresh(token, client: harness.publicApp).refreshToken)
        }
        harness.time.advance(by: 30 * 24 * 3600 + 1)
        let expired = await #expect(throws: OAuthError.self) { try await harness.refresh(token, client: harness.publicApp) }
        #expect(expired?.code == .invalidGrant)
    }

    @Test func noRefreshTokenWithoutOfflineAccess() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid"), client: harness.publicApp)
        #expect(tokens.refreshToken == nil)
    }

    @Test func clientCredentialsOnlyForConfidentialClients() async throws {
        let harness = try await OAuthHarness()
        let grant = OAuthParameters(pairs: [("grant_type", "client_credentials")])
        let tokens = try await harness.provider.token(grant, credentials: harness.credentials(harness.confidentialApp))
        #expect(tokens.idToken == nil && tokens.refreshToken == nil)
        #expect(try OAuthHarness.decode(tokens.accessToken).payload["sub"] as? String == harness.confidentialApp.clientID)
        let error = await #expect(throws: OAuthError.self) {
            try await harness.provider.token(grant, credentials: harness.credentials(harness.publicApp))
        }
        #expect(error?.code == .unauthorizedClient)
        let unsupported = await #expect(throws: OAuthError.self) {
            try await harness.provider.token(OAuthParameters(pairs: [("grant_type", "password")]), credentials: harness.credentials(harness.publicApp))
        }
        #expect(unsupported?.code == .unsupportedGrantType)
    }

    @Test func clientCredentialsTokensShareAGrantPerWindowAndRevocationStartsANewOne() async throws {
        let harness = try await OAuthHarness()
        let grant = OAuthParameters(pairs: [("grant_type", "client_credentials")])
        let credentials = harness.credentials(harness.confidentialApp)
        func gid(_ token: String) throws -> String { try #require(try OAuthHarness.decode(token).payload["gid"] as? String) }
        let first = try await harness.provider.token(grant, credentials: credentials).accessToken
        let concurrent = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await harness.provider.token(grant, credentials: credentials).accessToken } }
            return try await group.reduce(into: Set<String>()) { $0.insert(try gid($1)) }
        }
        #expect(concurrent == [try gid(first)], "one grant within the window")

        harness.time.advance(by: harness.provider.configuration.clientCredentialsGrantReuse)
        let next = try await harness.provider.token(grant, credentials: credentials).accessToken
        #expect(try gid(next) != (try gid(first)), "the window ended: a new grant")
        #expect(try await harness.provider.introspect(token: first, credentials: credentials).active, "earlier tokens stay valid")

        try await harness.provider.revoke(token: next, credentials: credentials)
        #expect(!(try await harness.provider.introspect(token: next, credentials: credentials).active))
        let afterRevocation = try await harness.provider.token(grant, credentials: credentials).accessToken
        #expect(try gid(afterRevocation) != (try gid(next)), "a revoked grant is not reused")
        #expect(try await harness.provider.introspect(token: afterRevocation, credentials: credentials).active)
        #expect(try await harness.provider.introspect(token: first, credentials: credentials).active, "other windows' tokens are untouched")
    }

    @Test(arguments: ["wrong secret", "no secret", "basic and post", "secret for public client", "unknown", "disabled", "none"])
    func clientAuthenticationFailures(_ name: String) async throws {
        let harness = try await OAuthHarness()
        let credentials: ClientCredentials = switch name {
        case "wrong secret": ClientCredentials(basic: (harness.confidentialApp.clientID, "nope"), bodyID: nil, bodySecret: nil)
        case "no secret": ClientCredentials(basic: nil, bodyID: harness.confidentialApp.clientID, bodySecret: nil)
        case "basic and post": ClientCredentials(basic: (harness.confidentialApp.clientID, "s3cret"), bodyID: nil, bodySecret: "s3cret")
        case "secret for public client": ClientCredentials(basic: nil, bodyID: harness.publicApp.clientID, bodySecret: "x")
        case "unknown": ClientCredentials(basic: nil, bodyID: "flowsta_app_nope", bodySecret: nil)
        case "disabled": ClientCredentials(basic: nil, bodyID: harness.disabledApp.clientID, bodySecret: nil)
        default: ClientCredentials(basic: nil, bodyID: nil, bodySecret: nil)
        }
        let error = await #expect(throws: OAuthError.self) {
            try await harness.provider.token(OAuthParameters(pairs: [("grant_type", "client_credentials")]), credentials: credentials)
        }
        #expect(error?.code == (name == "basic and post" ? .invalidRequest : .invalidClient), "\(name)")
    }
}

@Suite struct RefreshScopeTests {
    @Test func aWiderScopeIsRefusedWithoutSpendingTheToken() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid offline_access"), client: harness.publicApp)
        let refresh = try #require(tokens.refreshToken)
        let wider = OAuthParameters(pairs: [("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "openid email offline_access")])
        let error = await #expect(throws: OAuthError.self) { try await harness.provider.token(wider, credentials: harness.credentials(harness.publicApp)) }
        #expect(error?.code == .invalidScope)
        let narrower = OAuthParameters(pairs: [("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "openid")])
        let narrowed = try await harness.provider.token(narrower, credentials: harness.credentials(harness.publicApp))
        #expect(narrowed.scope == "offline_access openid" || narrowed.scope == "openid offline_access")
        #expect(narrowed.refreshToken != nil)
        // Another client presenting the token changes nothing.
        let other = await #expect(throws: OAuthError.self) { try await harness.refresh(try #require(narrowed.refreshToken), client: harness.confidentialApp) }
        #expect(other?.code == .invalidGrant)
        #expect(try await harness.refresh(try #require(narrowed.refreshToken), client: harness.publicApp).refreshToken != nil)
    }
}
