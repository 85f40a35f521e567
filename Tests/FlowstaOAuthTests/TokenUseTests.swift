import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaTesting
import Foundation
import Testing

@Suite struct TokenUseTests {
    @Test func introspectionAnswersOnlyTheClientTheTokenWasIssuedTo() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let own = try await harness.provider.introspect(token: tokens.accessToken, credentials: harness.credentials(harness.publicApp))
        #expect(own.active)
        #expect(own.clientID == harness.publicApp.clientID)
        #expect(own.scope == "openid profile offline_access")
        let refresh = try await harness.provider.introspect(token: try #require(tokens.refreshToken), credentials: harness.credentials(harness.publicApp))
        #expect(refresh.active && refresh.tokenType == "refresh_token")
        for token in [tokens.accessToken, try #require(tokens.refreshToken)] {
            let other = try await harness.provider.introspect(token: token, credentials: harness.credentials(harness.confidentialApp))
            #expect(!other.active && other.clientID == nil && other.sub == nil)
        }
        let unauthenticated = await #expect(throws: OAuthError.self) {
            try await harness.provider.introspect(token: tokens.accessToken, credentials: ClientCredentials(basic: (harness.confidentialApp.clientID, "bad"), bodyID: nil, bodySecret: nil))
        }
        #expect(unauthenticated?.code == .invalidClient)
    }

    @Test(arguments: ["expired", "tampered payload", "tampered signature", "alg none", "id token as access token", "garbage"])
    func badAccessTokensAreInactive(_ name: String) async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        var parts = tokens.accessToken.split(separator: ".").map(String.init)
        let token: String
        switch name {
        case "expired":
            harness.time.advance(by: 3601)
            token = tokens.accessToken
        case "tampered payload":
            var payload = try #require(Base64URL.decode(parts[1]))
            let text = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "openid profile offline_access", with: "openid profile offline_access email")
            payload = Array(text.utf8)
            parts[1] = Base64URL.encode(payload)
            token = parts.joined(separator: ".")
        case "tampered signature":
            var signature = try #require(Base64URL.decode(parts[2]))
            signature[5] ^= 0x01
            parts[2] = Base64URL.encode(signature)
            token = parts.joined(separator: ".")
        case "alg none":
            let header = try OAuthHarness.decode(tokens.accessToken).header
            var none = header
            none["alg"] = "none"
            parts[0] = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: none)))
            token = parts[0] + "." + parts[1] + "."
        case "id token as access token":
            token = try #require(tokens.idToken)
        default:
            token = "a.b.c"
        }
        let introspection = try await harness.provider.introspect(token: token, credentials: harness.credentials(harness.publicApp))
        #expect(!introspection.active, "\(name)")
        let error = await #expect(throws: OAuthError.self) { try await harness.provider.userInfo(accessToken: token) }
        #expect(error?.code == .invalidToken, "\(name)")
    }

    @Test func userInfoFollowsTheGrantedScopes() async throws {
        let harness = try await OAuthHarness()
        let profile = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid profile"), client: harness.publicApp)
        let info = try await harness.provider.userInfo(accessToken: profile.accessToken)
        #expect(info.preferredUsername == "Alice")
        #expect(info.name == "Alice A.")
        #expect(info.email == nil)

        let emailAsked = try await harness.exchange(
            try await harness.code(harness.publicApp, scope: "openid email", granted: ScopeSet([.openid])), client: harness.publicApp
        )
        #expect(try await harness.provider.userInfo(accessToken: emailAsked.accessToken).email == nil)

        let emailGranted = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid email"), client: harness.publicApp)
        let withEmail = try await harness.provider.userInfo(accessToken: emailGranted.accessToken)
        #expect(withEmail.email == "alice@example.com")
        #expect(withEmail.preferredUsername == nil && withEmail.name == nil)

        let noOpenID = try await harness.exchange(try await harness.code(harness.publicApp, scope: "profile"), client: harness.publicApp)
        let error = await #expect(throws: OAuthError.self) { try await harness.provider.userInfo(accessToken: noOpenID.accessToken) }
        #expect(error?.code == .insufficientScope)
    }

    /// `did` and `public_key` show the user's registered signing key; both also give it as
    /// `agent_pub_key`, the name Flowsta's SDK reads.
    @Test func theSigningKeyClaimsFollowTheirScopes() async throws {
        let harness = try await OAuthHarness()
        let publicKey = [UInt8](Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let did = try DIDKey.did(ed25519PublicKey: publicKey)
        let registered = await InMemoryUserSigningKeyRepository(users: harness.users)
            .register(StoredUserSigningKey(id: UUID(), userID: harness.user.id, publicKey: publicKey, did: did, createdAt: Date()))
        #expect(registered)
        func info(_ scope: String) async throws -> UserInfoResponse {
            let tokens = try await harness.exchange(try await harness.code(harness.publicApp, scope: scope), client: harness.publicApp)
            return try await harness.provider.userInfo(accessToken: tokens.accessToken)
        }
        let encoded = Base64URL.encode(publicKey)
        let withDID = try await info("openid did")
        #expect(withDID.did == did && withDID.agentPubKey == encoded && withDID.publicKey == nil)
        let withKey = try await info("openid public_key")
        #expect(withKey.publicKey == encoded && withKey.agentPubKey == encoded && withKey.did == nil)
        let neither = try await info("openid profile")
        #expect(neither.did == nil && neither.publicKey == nil && neither.agentPubKey == nil)
    }

    @Test func revokingEitherTokenEndsTheGrant() async throws {
        let harness = try await OAuthHarness()
        for revokeRefresh in [true, false] {
            let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
            let refresh = try #require(tokens.refreshToken)
            // Another client's revocation request changes nothing (RFC 7009 §2.1).
            try await harness.provider.revoke(token: refresh, credentials: harness.credentials(harness.confidentialApp))
            #expect(try await harness.provider.introspect(token: refresh, credentials: harness.credentials(harness.publicApp)).active)
            try await harness.provider.revoke(token: revokeRefresh ? refresh : tokens.accessToken, credentials: harness.credentials(harness.publicApp))
            #expect(!(try await harness.provider.introspect(token: tokens.accessToken, credentials: harness.credentials(harness.publicApp))).active)
            await #expect(throws: OAuthError.self) { try await harness.refresh(refresh, client: harness.publicApp) }
        }
        // Unknown tokens: no error (RFC 7009 §2.2).
        try await harness.provider.revoke(token: "unknown", credentials: harness.credentials(harness.publicApp))
    }

    @Test func disconnectingAnAppKillsItsRefreshTokensAndConsent() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        #expect(try await harness.provider.connectedApps(userID: harness.user.id).map(\.clientID) == [harness.publicApp.clientID])
        try await harness.provider.disconnect(userID: harness.user.id, appID: harness.publicApp.app.id)
        #expect(try await harness.provider.connectedApps(userID: harness.user.id).isEmpty)
        await #expect(throws: OAuthError.self) { try await harness.refresh(try #require(tokens.refreshToken), client: harness.publicApp) }
        await #expect(throws: OAuthError.self) { try await harness.provider.userInfo(accessToken: tokens.accessToken) }
    }

    @Test func rotatedKeysStayPublishedUntilTheirTokensExpire() async throws {
        let harness = try await OAuthHarness()
        let before = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let oldKids = Set(harness.keys.current.jwks.map(\.kid))
        #expect(oldKids.count == 3)
        let added = try await SigningKeyProvider.rotate(repository: harness.store, keyRing: harness.keyRing, time: harness.time)
        try await harness.keys.reload()
        #expect(Set(harness.keys.current.jwks.map(\.kid)) == oldKids.union(added))
        let after = try await harness.exchange(try await harness.code(harness.publicApp), client: harness.publicApp)
        let newKid = try OAuthHarness.decode(after.accessToken).header["kid"] as? String
        #expect(added.contains(newKid ?? ""))
        #expect(try await harness.provider.introspect(token: before.accessToken, credentials: harness.credentials(harness.publicApp)).active)
        harness.time.advance(by: SigningKeyProvider.retirementDelay + 1)
        try await harness.keys.reload()
        #expect(Set(harness.keys.current.jwks.map(\.kid)) == Set(added))
        // Signing keys are sealed at rest: no stored byte sequence is the raw key.
        let stored = await harness.store.keys.values
        #expect(stored.allSatisfy { $0.sealedPrivateKey.count > 28 })
    }
}

@Suite struct UserInfoFreshnessTests {
    /// docs/api/oauth.md: userinfo reads the user at every request, so a profile change (or a
    /// verified address) shows at once and agrees with an ID token minted after it; a revoked
    /// grant stops the token at once.
    @Test func aProfileChangeShowsAtOnce() async throws {
        let harness = try await OAuthHarness()
        let tokens = try await harness.exchange(try await harness.code(harness.publicApp, scope: "openid profile"), client: harness.publicApp)
        #expect(try await harness.provider.userInfo(accessToken: tokens.accessToken).displayName == nil)
        #expect(try await harness.provider.userInfo(accessToken: tokens.accessToken).name == "Alice A.")
        var renamed = try #require(await harness.users.find(id: harness.user.id))
        renamed.displayName = "Alice B."
        try await harness.users.update(renamed)
        #expect(try await harness.provider.userInfo(accessToken: tokens.accessToken).name == "Alice B.")
        try await harness.provider.revoke(token: tokens.accessToken, credentials: harness.credentials(harness.publicApp))
        await #expect(throws: OAuthError.self) { try await harness.provider.userInfo(accessToken: tokens.accessToken) }
    }
}
