import FlowstaCore
import FlowstaOAuth
import FlowstaServer
import FlowstaStore
import FlowstaTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Two instances on one PostgreSQL database (issue #19): what one changes, the other's caches
/// drop through `LISTEN/NOTIFY`. Both clocks stand still, so no cache entry ever expires by
/// time: every refusal seen on the second instance came through a notification.
@Suite struct CacheChangeTests {
    static var engines: [DatabaseChoice] { DatabaseChoice.all.filter { $0 == .postgres } }

    @Test(arguments: engines) func changesMadeOnOneInstanceReachTheOther(_ engine: DatabaseChoice) async throws {
        try await Self.withTwoInstances(engine) { first, client, second, other, clock in
            let (session, fixture) = try await OAuthBrowserSession.make(first, client)
            let code = try #require(try await session.consent()["code"])
            let tokens = JSON.object(try await OAuthHardeningTests.exchange(session, code: code).body)
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(access)"]

            // A revoked grant: the other instance had it cached as live.
            #expect(try await other.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).status == .ok)
            #expect(try await session.postForm("/oauth/revoke", [("token", refresh), ("client_id", session.clientID)], cookie: false).status == .ok)
            #expect(try await Self.eventually { try await other.execute(uri: "/oauth/userinfo", method: .get, headers: bearer).status == .unauthorized })

            // A disabled app: the other instance had its client cached as active.
            let introspect = { try await other.execute(
                uri: "/oauth/introspect", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=x&client_id=\(session.clientID)")
            ) }
            #expect(try await introspect().status == .ok)
            let apps = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps").body)["items"] as? [[String: Any]] ?? []
            let appID = try #require(apps.first { $0["client_id"] as? String == session.clientID }?["id"] as? String)
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["active": false]).status == .ok)
            #expect(try await Self.eventually { try await introspect().status == .unauthorized })

            // The organization read on the other instance with an API key.
            let readWithKey = { (secret: String) in
                try await other.execute(uri: "/api/v1/orgs/\(fixture.organizationID)", method: .get, headers: [.authorization: "Bearer \(secret)"])
            }

            // A revoked API key: the other instance had it cached as valid.
            let key = try await fixture.newKey("other-instance")
            #expect(try await readWithKey(key.secret).status == .ok)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)/keys/\(key.id)").status == .noContent)
            #expect(try await Self.eventually { try await readWithKey(key.secret).status == .unauthorized })

            // A deleted organization: the other instance had its state cached as active.
            let survivor = try await fixture.newKey("survivor")
            #expect(try await readWithKey(survivor.secret).status == .ok)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)").status == .ok)
            #expect(try await Self.eventually { try await readWithKey(survivor.secret).status != .ok })

            // Rotated signing keys: the other instance publishes them without waiting for its
            // minute's reload.
            let added = try await FlowstaApplication.rotateSigningKeys(runtime: first.runtime, time: clock)
            #expect(!added.isEmpty)
            #expect(try await Self.eventually {
                let jwks = JSON.object(try await other.execute(uri: "/.well-known/jwks.json", method: .get).body)
                let kids = Set((jwks["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String })
                return Set(added).isSubset(of: kids)
            })
        }
    }

    /// A token signed with a key another instance made a moment ago (instances started together,
    /// or a rotation whose announcement was lost) still verifies: an unknown kid of our form
    /// makes the keys reload once.
    @Test(arguments: engines) func aKeyMadeByAnotherInstanceIsLoadedOnFirstSight(_ engine: DatabaseChoice) async throws {
        try await Self.withTwoInstances(engine) { first, client, second, other, clock in
            let (session, _) = try await OAuthBrowserSession.make(first, client)
            // A rotation nobody announces: only the first instance loads the new keys.
            let added = try await SigningKeyProvider.rotate(
                repository: FluentOAuthRepository(store: first.runtime.store), keyRing: first.runtime.keyRing, time: clock
            )
            try await first.runtime.oauth.signingKeys.reload()
            let code = try #require(try await session.consent()["code"])
            let access = try #require(JSON.object(try await OAuthHardeningTests.exchange(session, code: code).body)["access_token"] as? String)
            let header = try #require(Base64URL.decode(String(access.prefix { $0 != "." })))
            let kid = try #require(JSON.object(ByteBuffer(bytes: header))["kid"] as? String)
            #expect(added.contains(kid), "signed with a new key")
            #expect(!second.runtime.oauth.signingKeys.current.jwks.contains { $0.kid == kid }, "which the second instance has not loaded")
            let answer = try await other.execute(uri: "/oauth/userinfo", method: .get, headers: [.authorization: "Bearer \(access)"])
            #expect(answer.status == .ok)
            #expect(second.runtime.oauth.signingKeys.current.jwks.contains { $0.kid == kid }, "and now has")
        }
    }

    /// Two instances on one new database, their clocks standing still at the same instant.
    static func withTwoInstances(
        _ engine: DatabaseChoice,
        _ body: @Sendable (TestServer, any TestClientProtocol, TestServer, any TestClientProtocol, FixedTimeSource) async throws -> Void
    ) async throws {
        let url = try await engine.isolatedURL()
        let clock = FixedTimeSource(Date())
        let first = try await TestServer(databaseURL: url, time: clock)
        let second = try await TestServer(databaseURL: url, time: clock)
        try await first.withRouter { client in
            try await second.withRouter { other in try await body(first, client, second, other, clock) }
        }
    }

    /// Polls `condition` until it holds or 20 seconds pass (a bound for a stuck test, not a
    /// latency check: the clocks stand still, so only a notification can make it hold).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<400 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
