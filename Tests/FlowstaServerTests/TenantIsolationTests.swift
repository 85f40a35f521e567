import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Two organizations: nothing of one can be read, listed, changed or even detected with any
/// credential of the other (404, never 403).
@Suite struct TenantIsolationTests {
    @Test(arguments: DatabaseChoice.all)
    func noCredentialOfOneOrganizationReachesTheOther(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let a = try await ManagementFixture.make(server, client)
            let b = try await ManagementFixture.make(server, client)
            let org = b.organizationID.uuidString.lowercased()
            let member = b.userIDs[.member]!.uuidString.lowercased()
            let key = b.spareKeyID.uuidString.lowercased()
            let app = b.appID.uuidString.lowercased()
            let invite = b.inviteID.uuidString.lowercased()
            let attempts: [(HTTPRequest.Method, String, [String: Any]?)] = [
                (.get, "/api/v1/orgs/\(org)", nil),
                (.patch, "/api/v1/orgs/\(org)", ["name": "pwned"]),
                (.get, "/api/v1/orgs/\(org)/members", nil),
                (.patch, "/api/v1/orgs/\(org)/members/\(member)", ["role": "owner"]),
                (.delete, "/api/v1/orgs/\(org)/members/\(member)", nil),
                (.post, "/api/v1/orgs/\(org)/leave", nil),
                (.get, "/api/v1/orgs/\(org)/keys", nil),
                (.post, "/api/v1/orgs/\(org)/keys", ["name": "mine now"]),
                (.delete, "/api/v1/orgs/\(org)/keys/\(key)", nil),
                (.post, "/api/v1/orgs/\(org)/keys/\(key)/rotate", nil),
                (.get, "/api/v1/orgs/\(org)/audit", nil),
                (.get, "/api/v1/orgs/\(org)/apps", nil),
                (.post, "/api/v1/orgs/\(org)/apps", ManagementFixture.appBody),
                (.get, "/api/v1/orgs/\(org)/apps/\(app)", nil),
                (.patch, "/api/v1/orgs/\(org)/apps/\(app)", ["active": false]),
                (.delete, "/api/v1/orgs/\(org)/apps/\(app)", nil),
                (.post, "/api/v1/orgs/\(org)/apps/\(app)/secret", nil),
                (.get, "/api/v1/orgs/\(org)/invites", nil),
                (.post, "/api/v1/orgs/\(org)/invites", ["email": "x@example.org", "role": "member"]),
                (.post, "/api/v1/orgs/\(org)/invites/\(invite)/resend", nil),
                (.delete, "/api/v1/orgs/\(org)/invites/\(invite)", nil),
            ]
            for caller in [ManagementFixture.Caller.owner, .admin, .member, .key] {
                for (method, path, body) in attempts {
                    let response = try await a.call(caller, method, path, body)
                    #expect(response.status == .notFound, "\(caller.rawValue): \(method) \(path)")
                }
                // A's organization path with B's member or key id answers exactly as for an id
                // that exists nowhere: B's objects cannot be detected through A either.
                for kind in ["members", "keys", "apps"] {
                    let foreign = kind == "members" ? member : (kind == "keys" ? key : app)
                    let viaA = try await a.call(caller, .delete, "/api/v1/orgs/\(a.organizationID)/\(kind)/\(foreign)")
                    let nowhere = try await a.call(caller, .delete, "/api/v1/orgs/\(a.organizationID)/\(kind)/\(UUID())")
                    #expect(viaA.status == nowhere.status, "\(caller.rawValue): \(kind)")
                    #expect(viaA.status == .notFound || viaA.status == .forbidden)
                }
                let listed = JSON.object(try await a.call(caller, .get, "/api/v1/orgs").body)["items"] as? [[String: Any]] ?? []
                #expect(!listed.contains { $0["id"] as? String == org })
            }
            // B is untouched: its name, members and keys are as created.
            let mine = JSON.object(try await b.call(.owner, .get, "/api/v1/orgs/\(org)").body)
            #expect((mine["name"] as? String)?.hasPrefix("Acme") == true)
            let members = JSON.object(try await b.call(.owner, .get, "/api/v1/orgs/\(org)/members").body)["items"] as? [[String: Any]]
            #expect(members?.count == 3)
            #expect(try await b.call(.key, .get, "/api/v1/orgs/\(org)/keys").status == .ok)
            let bApp = JSON.object(try await b.call(.key, .get, "/api/v1/orgs/\(org)/apps/\(app)").body)
            #expect(bApp["active"] as? Bool == true)
            #expect(bApp["confidential"] as? Bool == false)
        }
    }
}
