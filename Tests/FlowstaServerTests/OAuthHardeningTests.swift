import FlowstaCore
import FlowstaTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #15 §2.8: the OAuth findings of the security review.
@Suite struct OAuthHardeningTests {
    static func exchange(_ session: OAuthBrowserSession, code: String, verifier: String = OAuthBrowserSession.verifier) async throws -> TestResponse {
        try await session.token([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect), ("code_verifier", verifier),
        ])
    }

    /// Someone holding a leaked code but not the PKCE verifier cannot burn the user's sign-in.
    @Test func aCodeIsSpentOnlyAfterEveryCheckPasses() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let code = try #require(try await session.consent()["code"])
            let wrong = try await Self.exchange(session, code: code, verifier: "wrong-" + String(repeating: "v", count: 50))
            #expect(wrong.status == .badRequest)
            #expect(JSON.object(wrong.body)["error"] as? String == "invalid_grant")
            let right = try await Self.exchange(session, code: code)
            #expect(right.status == .ok, "the real client still gets its tokens")
            let replay = try await Self.exchange(session, code: code)
            #expect(replay.status == .badRequest, "and the code is single-use")
        }
    }

    /// Disabling an app stops its access tokens at userinfo at once, not when they expire.
    @Test func accessTokensStopWhenTheirAppIsDisabled() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(server, client)
            let code = try #require(try await session.consent()["code"])
            let token = try #require(JSON.object(try await Self.exchange(session, code: code).body)["access_token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).status == .ok)
            let apps = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").body)["items"] as? [[String: Any]] ?? []
            let appID = try #require(apps.first { $0["client_id"] as? String == session.clientID }?["id"] as? String)
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["active": false]).status == .ok)
            let refused = try await client.execute(uri: "/oauth/userinfo", method: .get, headers: bearer)
            #expect(refused.status == .unauthorized)
            #expect(JSON.object(refused.body)["error"] as? String == "invalid_token")
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["active": true]).status == .ok)
            #expect(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).status == .ok)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)").status == .ok)
            #expect(try await client.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).status == .unauthorized, "nor after the organization is deleted")
        }
    }

    /// `max_age=0` asks for a sign-in just made: the one the sign-in page made counts, so the
    /// user is not sent back to the sign-in page forever; an older one does not.
    @Test func maxAgeZeroAcceptsTheSignInJustMade() async throws {
        let clock = FixedTimeSource()
        let server = try await TestServer(time: clock)
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let fresh = try await session.get(session.authorizeURI(extra: "&max_age=0"))
            #expect(fresh.status == .ok)
            #expect(!String(buffer: fresh.body).contains(#"id="signin-form""#), "a sign-in seconds ago satisfies max_age=0")
            clock.advance(by: 120)
            let stale = try await session.get(session.authorizeURI(extra: "&max_age=0"))
            #expect(String(buffer: stale.body).contains(#"id="signin-form""#), "an older one does not")
        }
    }

    /// A refresh token rotated a moment ago (two tabs refreshing) gets one successor, never a
    /// chain of them.
    @Test func aRotatedRefreshTokenGetsOneGraceSuccessor() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let (session, _) = try await OAuthBrowserSession.make(server, client)
            let code = try #require(try await session.consent()["code"])
            let refresh = try #require(JSON.object(try await Self.exchange(session, code: code).body)["refresh_token"] as? String)
            let pairs = [("grant_type", "refresh_token"), ("refresh_token", refresh)]
            #expect(try await session.token(pairs).status == .ok)
            #expect(try await session.token(pairs).status == .ok, "one concurrent refresh within the grace window")
            let third = try await session.token(pairs)
            #expect(third.status == .badRequest)
            #expect(JSON.object(third.body)["error"] as? String == "invalid_grant")
        }
    }
}
