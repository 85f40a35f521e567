import FlowstaCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// P1–P3 from day one: a full scenario with a marker address and User-Agent, then every file of
/// the data directory and every log line is scanned. Neither marker, nor the password, nor the
/// email address may appear anywhere.
@Suite struct PrivacyScanTests {
    static let markerIP = "203.0.113.197"
    static let markerAgent = "FlowstaPrivacyProbe/9.9 (marker-5b1e7)"
    static let password = "marker-password-Zq81"
    static let email = "marker-mail-77@example.org"

    @Test func noAddressAgentPasswordOrEmailIsStoredOrLogged() async throws {
        let server = try await TestServer()
        try await server.withLive { client in
            let driver = OPAQUEDriver(client: client, extraHeaders: [
                .userAgent: Self.markerAgent,
                .init("X-Forwarded-For")!: Self.markerIP,
                .init("Forwarded")!: "for=\(Self.markerIP);proto=https",
                .init("X-Real-IP")!: Self.markerIP,
            ])
            #expect(try await driver.register("privacy_user", Self.password, extra: ["email": Self.email, "display_name": "P. User"]).status == .created)
            let (finish, cookie) = try await driver.login("privacy_user", Self.password)
            #expect(finish.status == .ok)
            #expect(try await driver.login("privacy_user", "not the password").response.status == .unauthorized)
            #expect(try await driver.send("/auth/me", .get, cookie: cookie).status == .ok)
            #expect(try await driver.send("/auth/me", .patch, cookie: cookie, body: ["display_name": "Renamed"]).status == .ok)
            #expect(try await driver.post("/auth/opaque/login/start", ["username": "privacy_user", "ke1": "bad"]).status == .badRequest)
            // The management API, with the same marker headers.
            let org = try await driver.send("/api/v1/orgs", .post, cookie: cookie, body: ["name": "Privacy Org", "contact_email": Self.email])
            #expect(org.status == .created)
            let orgID = try #require(JSON.object(org.body)["id"] as? String)
            #expect(try await driver.send("/api/v1/orgs/\(orgID)/keys", .post, cookie: cookie, body: ["name": "k"]).status == .created)
            #expect(try await driver.send("/api/v1/orgs/\(orgID)/audit", .get, cookie: cookie).status == .ok)
            #expect(try await driver.send("/auth/logout", .post, cookie: cookie).status == .noContent)
        }

        let stored = try server.dataDirectoryBytes()
        #expect(!stored.isEmpty)
        let logs = server.logs.captured
        #expect(logs.contains { $0.contains("\"route\":\"/auth/opaque/login/finish\"") })

        for marker in [Self.markerIP, Self.markerAgent, "marker-5b1e7", Self.password, Self.email, "marker-mail-77"] {
            let needle = Array(marker.utf8)
            #expect(!stored.contains(subsequence: needle), "found \(marker) in the data directory")
            #expect(!logs.contains { $0.contains(marker) }, "found \(marker) in the logs")
        }
        // The server's own loopback address is not logged either.
        #expect(!logs.contains { $0.contains("127.0.0.1") && $0.contains("\"msg\":\"request\"") })
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return withUnsafeBufferPointer { haystack in
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if Array(haystack[start..<(start + needle.count)]) == needle { return true }
            }
            return false
        }
    }
}
