import FlowstaServer
import FlowstaStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// `flowsta store copy` (issue #19): an embedded deployment moved to PostgreSQL keeps its users,
/// apps, API keys and grants working under the same KEK.
@Suite struct StoreCopyTests {
    static var engines: [DatabaseChoice] { DatabaseChoice.all.filter { $0 == .postgres } }

    @Test(arguments: engines) func aCopiedDeploymentWorksOnPostgreSQL(_ engine: DatabaseChoice) async throws {
        let embedded = try await TestServer(kek: TestServer.sharedKEK)
        let before = try await embedded.withRouter { client in
            let (session, fixture) = try await OAuthBrowserSession.make(embedded, client)
            let code = try #require(try await session.consent()["code"])
            let tokens = JSON.object(try await OAuthHardeningTests.exchange(session, code: code).body)
            return Populated(
                owner: try #require(fixture.usernames[.owner]), organizationID: fixture.organizationID, apiKey: fixture.apiKey,
                revokedKey: fixture.revokedKey, clientID: session.clientID, refreshToken: try #require(tokens["refresh_token"] as? String)
            )
        }
        let target = try #require(try await engine.isolatedURL())
        let logger = Logger(label: "test")
        let report = try await FlowstaApplication.copyStore(from: embedded.runtime.configuration.resolvedDatabaseURL, to: target, logger: logger)
        let rows = Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0.rows) })
        #expect(rows["users"] == 4, "the fixture's owner, admin, member and outsider")
        #expect(rows["apps"].map { $0 >= 2 } == true)
        #expect(rows["oauth_grants"] == 1)
        #expect(report.tables.first { $0.name == "organizations" }.map { org in
            report.tables.firstIndex(of: org)! < report.tables.firstIndex { $0.name == "apps" }!
        } == true, "referenced tables are copied first")
        #expect(report.sampledRows >= rows.values.reduce(0) { $0 + min($1, StoreCopy.sampleSize) })

        let firstFilled = try #require(report.tables.first { $0.rows > 0 }?.name)
        await #expect(throws: StoreCopy.CopyError.targetNotEmpty(table: firstFilled)) {
            _ = try await FlowstaApplication.copyStore(from: embedded.runtime.configuration.resolvedDatabaseURL, to: target, logger: logger)
        }
        await #expect(throws: StoreCopy.CopyError.wrongEngines) {
            _ = try await FlowstaApplication.copyStore(from: target, to: embedded.runtime.configuration.resolvedDatabaseURL, logger: logger)
        }

        let moved = try await TestServer(databaseURL: target)
        try await moved.withRouter { client in
            let signIn = try await OPAQUEDriver(client: client).login(before.owner, "pw \(before.owner)")
            #expect(signIn.cookie != nil, "the same password signs the same user in")
            let wrong = try await OPAQUEDriver(client: client).login(before.owner, "not the password")
            #expect(wrong.cookie == nil)
            let org = try await client.execute(uri: "/api/v1/orgs/\(before.organizationID)", method: .get, headers: [.authorization: "Bearer \(before.apiKey)"])
            #expect(org.status == .ok, "API keys keep working")
            let revoked = try await client.execute(uri: "/api/v1/orgs/\(before.organizationID)", method: .get, headers: [.authorization: "Bearer \(before.revokedKey)"])
            #expect(revoked.status == .unauthorized, "and revoked ones stay revoked")
            let session = OAuthBrowserSession(client: client, cookie: "", clientID: before.clientID)
            let refreshed = try await session.token([("grant_type", "refresh_token"), ("refresh_token", before.refreshToken)])
            #expect(refreshed.status == .ok, "refresh tokens (keyed hashes) and the app carry over")
            #expect(JSON.object(refreshed.body)["id_token"] is String, "signed with the copied signing keys")
        }
    }

    struct Populated: Sendable {
        var owner: String
        var organizationID: UUID
        var apiKey: String
        var revokedKey: String
        var clientID: String
        var refreshToken: String
    }
}
