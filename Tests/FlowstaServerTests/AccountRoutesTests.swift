import FlowstaTesting
import Foundation
import FlowstaCore
import FlowstaCrypto
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AccountRoutesTests {
    static func unique(_ prefix: String) -> String { prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36) }

    @Test(arguments: DatabaseChoice.all)
    func fullAccountLifecycle(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let name = Self.unique("Ada")
            let created = try await driver.register(name, "pässwörd 1", extra: ["display_name": "Ada L.", "email": "\(name)@example.com"])
            #expect(created.status == .created)
            let user = try #require(JSON.object(created.body)["user"] as? [String: Any])
            #expect(user["username"] as? String == name)
            #expect(user["display_name"] as? String == "Ada L.")
            #expect(user["email"] as? String == "\(name)@example.com")

            let (finish, cookie) = try await driver.login(name.lowercased(), "pässwörd 1")
            #expect(finish.status == .ok)
            let setCookie = try #require(finish.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"))
            let session = try #require(cookie)

            let me = try await driver.send("/auth/me", .get, cookie: session)
            #expect(me.status == .ok)
            #expect((JSON.object(me.body)["user"] as? [String: Any])?["id"] as? String == user["id"] as? String)

            let patched = try await driver.send("/auth/me", .patch, cookie: session, body: ["display_name": NSNull(), "username": name + "x"])
            #expect(patched.status == .ok)
            let patchedUser = JSON.object(patched.body)["user"] as? [String: Any]
            #expect(patchedUser?["display_name"] is NSNull)
            #expect(patchedUser?["username"] as? String == name + "x")

            // Password change while signed in, then the old password fails.
            let changed = try await driver.register(name + "x", "new secret", cookie: session)
            #expect(changed.status == .ok)
            #expect(try await driver.login(name + "x", "pässwörd 1").response.status == .unauthorized)
            #expect(try await driver.login(name + "x", "new secret").response.status == .ok)

            let logout = try await driver.send("/auth/logout", .post, cookie: session)
            #expect(logout.status == .noContent)
            #expect(try await driver.send("/auth/me", .get, cookie: session).status == .unauthorized)

            let (_, second) = try await driver.login(name + "x", "new secret")
            let deleted = try await driver.send("/auth/me", .delete, cookie: second)
            #expect(deleted.status == .noContent)
            #expect(try await driver.login(name + "x", "new secret").response.status == .unauthorized)
            let reused = try await driver.register(name + "x", "anything")
            #expect(reused.status == .created)
        }
    }

    @Test func wrongPasswordIsA401WithTheDocumentedBody() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            try await driver.register("bob", "right one")
            let (response, cookie) = try await driver.login("bob", "wrong one")
            #expect(response.status == .unauthorized)
            #expect(cookie == nil)
            #expect(JSON.object(response.body)["error"] as? String == "invalid_credentials")
            #expect(response.headers[.cacheControl] == "no-store")
        }
    }

    @Test func unknownAndKnownUsersGetResponsesOfTheSameShape() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            try await driver.register("carol", "pw")
            let (ke1, _) = try driver.opaque.startLogin(password: Array("guess".utf8))
            var shapes: [[String: Int]] = []
            for name in ["carol", "nobody_here"] {
                let response = try await driver.post("/auth/opaque/login/start", ["username": name, "ke1": Base64URL.encode(ke1.bytes)])
                #expect(response.status == .ok)
                let object = JSON.object(response.body)
                shapes.append(object.mapValues { ($0 as? String)?.count ?? -1 })
            }
            #expect(shapes[0] == shapes[1])
            #expect(shapes[0]["ke2"] == Base64URL.encode([UInt8](repeating: 0, count: 320)).count)
        }
    }

    @Test func duplicateUsernamesAreA409() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register("Dana", "pw").status == .created)
            let again = try await driver.register("DANA", "pw")
            #expect(again.status == .conflict)
            #expect(JSON.object(again.body)["error"] as? String == "username_taken")
        }
    }

    @Test func loginStartIsRateLimitedWithRetryAfter() async throws {
        // The clock stands still: under load the bucket must not refill between the logins.
        let server = try await TestServer(limits: (2, 1000), time: FixedTimeSource())
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            try await driver.register("erin", "pw")
            #expect(try await driver.login("erin", "pw").response.status == .ok)
            #expect(try await driver.login("erin", "pw").response.status == .ok)
            let limited = try await driver.login("erin", "pw").response
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(JSON.object(limited.body)["error"] as? String == "rate_limited")
        }
    }

    @Test func loginStartIsRateLimitedPerClientAddress() async throws {
        let server = try await TestServer(limits: (1000, 3), time: FixedTimeSource())
        try await server.withLive { client in
            let driver = OPAQUEDriver(client: client)
            let (ke1, _) = try driver.opaque.startLogin(password: Array("pw".utf8))
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<4 {
                // Different usernames, one address: only the address bucket can refuse.
                let response = try await driver.post("/auth/opaque/login/start", ["username": "user\(index)x", "ke1": Base64URL.encode(ke1.bytes)])
                statuses.append(response.status)
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests])
        }
    }

    @Test func reusedLoginIDIsAClean400() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            try await driver.register("frank", "pw")
            let (ke1, state) = try driver.opaque.startLogin(password: Array("pw".utf8))
            let start = JSON.object(try await driver.post("/auth/opaque/login/start", ["username": "frank", "ke1": Base64URL.encode(ke1.bytes)]).body)
            let ke2 = try KE2(bytes: Base64URL.decode(start["ke2"] as! String)!)
            let ke3 = try driver.opaque.finishLogin(state: state, ke2: ke2).ke3
            let body: [String: Any] = ["login_id": start["login_id"] as! String, "ke3": Base64URL.encode(ke3.bytes)]
            #expect(try await driver.post("/auth/opaque/login/finish", body).status == .ok)
            let replay = try await driver.post("/auth/opaque/login/finish", body)
            #expect(replay.status == .badRequest)
            #expect(JSON.object(replay.body)["error"] as? String == "invalid_login")
        }
    }
}
