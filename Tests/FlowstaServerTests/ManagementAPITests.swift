import FlowstaPlatform
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ManagementAPITests {
    /// README's walk-through: create an org and a key; the key lists the org; revoked, it is 401.
    @Test(arguments: DatabaseChoice.all)
    func newDeveloperWalkThrough(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let listed = try await fixture.call(.key, .get, "/api/v1/orgs")
            #expect(listed.status == .ok)
            let items = try #require(JSON.object(listed.body)["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [fixture.organizationID.uuidString.lowercased()])

            let keys = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/keys").body)["items"] as? [[String: Any]]
            let keyID = try #require(keys?.first(where: { $0["name"] as? String == "ci" })?["id"] as? String)
            #expect(keys?.contains { $0["secret"] != nil } == false)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(fixture.organizationID)/keys/\(keyID)").status == .noContent)
            let after = try await fixture.call(.key, .get, "/api/v1/orgs")
            #expect(after.status == .unauthorized)
            #expect(JSON.object(after.body)["error"] as? String == "unauthorized")

            let audit = JSON.object(try await fixture.call(.member, .get, "/api/v1/orgs/\(fixture.organizationID)/audit?limit=100").body)
            let actions = (audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("organization.created"))
            #expect(actions.contains("api_key.revoked"))
        }
    }

    struct Cell: CustomTestStringConvertible, Sendable {
        var endpoint: String
        var method: HTTPRequest.Method
        var path: String
        var body: [String: any Sendable]?
        var expected: [ManagementFixture.Caller: Int]
        var testDescription: String { "\(method) \(endpoint)" }
    }

    static func row(_ method: HTTPRequest.Method, _ path: String, _ body: [String: any Sendable]? = nil, _ statuses: [Int]) -> Cell {
        let callers = ManagementFixture.Caller.allCases
        return Cell(endpoint: path, method: method, path: path, body: body, expected: Dictionary(uniqueKeysWithValues: zip(callers, statuses)))
    }

    /// The permission matrix of README: owner, admin, member, outsider, API key, revoked key.
    static let matrix: [Cell] = [
        row(.post, "/orgs", ["name": "Another"], [201, 201, 201, 201, 403, 401]),
        row(.get, "/orgs", nil, [200, 200, 200, 200, 200, 401]),
        row(.get, "/orgs/{org}", nil, [200, 200, 200, 404, 200, 401]),
        row(.patch, "/orgs/{org}", ["name": "Renamed"], [200, 403, 403, 404, 403, 401]),
        row(.get, "/orgs/{org}/members", nil, [200, 200, 200, 404, 200, 401]),
        row(.patch, "/orgs/{org}/members/{member}", ["role": "admin"], [200, 200, 403, 404, 403, 401]),
        row(.delete, "/orgs/{org}/members/{member}", nil, [204, 204, 403, 404, 403, 401]),
        row(.post, "/orgs/{org}/leave", nil, [409, 204, 204, 404, 403, 401]),
        row(.get, "/orgs/{org}/keys", nil, [200, 200, 200, 404, 200, 401]),
        row(.post, "/orgs/{org}/keys", ["name": "new"], [201, 201, 403, 404, 403, 401]),
        row(.delete, "/orgs/{org}/keys/{spare}", nil, [204, 204, 403, 404, 403, 401]),
        row(.post, "/orgs/{org}/keys/{spare}/rotate", nil, [201, 201, 403, 404, 403, 401]),
        row(.get, "/orgs/{org}/audit", nil, [200, 200, 200, 404, 200, 401]),
        row(.post, "/orgs/{org}/apps", ["name": "New", "type": "native", "redirect_uris": ["com.example.app:/cb"]], [201, 201, 403, 404, 201, 401]),
        row(.get, "/orgs/{org}/apps", nil, [200, 200, 200, 404, 200, 401]),
        row(.get, "/orgs/{org}/apps/{app}", nil, [200, 200, 200, 404, 200, 401]),
        row(.patch, "/orgs/{org}/apps/{app}", ["active": false], [200, 200, 403, 404, 200, 401]),
        row(.delete, "/orgs/{org}/apps/{app}", nil, [204, 204, 403, 404, 204, 401]),
        row(.post, "/orgs/{org}/apps/{app}/secret", nil, [201, 201, 403, 404, 201, 401]),
        row(.post, "/orgs/{org}/invites", ["email": "new@example.org", "role": "member"], [201, 201, 403, 404, 403, 401]),
        row(.get, "/orgs/{org}/invites", nil, [200, 200, 403, 404, 403, 401]),
        row(.post, "/orgs/{org}/invites/{invite}/resend", nil, [200, 200, 403, 404, 403, 401]),
        row(.delete, "/orgs/{org}/invites/{invite}", nil, [204, 204, 403, 404, 403, 401]),
        row(.get, "/orgs/{org}/webhooks", nil, [200, 200, 200, 404, 200, 401]),
        row(.post, "/orgs/{org}/webhooks", ["url": "https://93.184.215.14/new", "events": ["app.deleted"]], [201, 201, 403, 404, 201, 401]),
        row(.get, "/orgs/{org}/webhooks/{webhook}", nil, [200, 200, 200, 404, 200, 401]),
        row(.patch, "/orgs/{org}/webhooks/{webhook}", ["description": "renamed"], [200, 200, 403, 404, 200, 401]),
        row(.delete, "/orgs/{org}/webhooks/{webhook}", nil, [204, 204, 403, 404, 204, 401]),
        row(.post, "/orgs/{org}/webhooks/{webhook}/rotate-secret", nil, [201, 201, 403, 404, 201, 401]),
        row(.post, "/orgs/{org}/webhooks/{webhook}/test", nil, [202, 202, 403, 404, 202, 401]),
        row(.get, "/orgs/{org}/webhooks/{webhook}/deliveries", nil, [200, 200, 200, 404, 200, 401]),
    ]

    @Test(arguments: matrix, ManagementFixture.Caller.allCases)
    func permissionMatrix(cell: Cell, caller: ManagementFixture.Caller) async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let path = "/api/v1" + cell.path
                .replacingOccurrences(of: "{org}", with: fixture.organizationID.uuidString.lowercased())
                .replacingOccurrences(of: "{member}", with: fixture.userIDs[.member]!.uuidString.lowercased())
                .replacingOccurrences(of: "{spare}", with: fixture.spareKeyID.uuidString.lowercased())
                .replacingOccurrences(of: "{app}", with: fixture.appID.uuidString.lowercased())
                .replacingOccurrences(of: "{invite}", with: fixture.inviteID.uuidString.lowercased())
                .replacingOccurrences(of: "{webhook}", with: fixture.webhookID.uuidString.lowercased())
            let response = try await fixture.call(caller, cell.method, path, cell.body)
            #expect(Int(response.status.code) == cell.expected[caller], "\(caller.rawValue): \(cell.method) \(cell.path)")
            if response.status.code >= 400 {
                #expect(JSON.object(response.body)["error"] is String)
            }
        }
    }
}
