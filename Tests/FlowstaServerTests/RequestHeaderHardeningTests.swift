import FlowstaCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #15 §1: header values no schema describes never trap the server; each gets a 4xx in
/// the documented format. A trap here would end the whole test process.
@Suite struct RequestHeaderHardeningTests {
    /// `Content-Type` values that split into nothing, repeat, or are not text.
    static let contentTypes: [[String]] = [
        [";"], [""], [" "], [";;;"], [",,,;;;"], [" ; charset=utf-8"], ["\u{e9}t\u{e9}/json"],
        ["application/json", "application/x-www-form-urlencoded"], [String(repeating: "a", count: 8192)],
    ]

    /// The routes that parse a body before any authentication.
    static let routes = [
        "/oauth/token", "/oauth/revoke", "/oauth/introspect", "/oauth/userinfo", "/oauth/authorize", "/oauth/consent", "/account/signout",
        "/account/apps/00000000-0000-0000-0000-000000000000/disconnect", "/auth/opaque/login/start", "/auth/opaque/register/start",
        "/webhooks/stripe", "/api/v1/orgs",
    ]

    @Test(arguments: routes)
    func malformedContentTypesGet4xx(route: String) async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            for values in Self.contentTypes {
                var headers = HTTPFields()
                for value in values { headers.append(HTTPField(name: .contentType, value: value)) }
                let response = try await client.execute(uri: route, method: .post, headers: headers, body: ByteBuffer(string: "x"))
                #expect((400..<500).contains(response.status.code), "\(route) with Content-Type \(values): \(response.status)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true || JSON.object(response.body)["error"] is String)
            }
        }
    }

    /// Authorization, Cookie, Origin and Sec-Fetch-Site made of separators, repeated or huge.
    @Test func malformedCredentialHeadersGet4xx() async throws {
        let server = try await TestServer()
        let values = ["", ";", "Basic", "Basic ", "Basic !!!", "Basic " + Data("no-colon".utf8).base64EncodedString(), "Bearer", "Bearer ",
                      "Bearer \u{e9}", ",,;;", String(repeating: "B", count: 16_384)]
        try await server.withRouter { client in
            for value in values {
                for (method, route) in [(HTTPRequest.Method.post, "/oauth/token"), (.get, "/oauth/userinfo"), (.get, "/api/v1/orgs"), (.get, "/metrics")] {
                    let response = try await client.execute(
                        uri: route, method: method,
                        headers: [.authorization: value, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "grant_type=client_credentials")
                    )
                    #expect((400..<500).contains(response.status.code), "\(route) with Authorization \(value.prefix(20)): \(response.status)")
                }
            }
            for cookie in ["", ";", "=", "flowsta_session", "flowsta_session=", "flowsta_session=;flowsta_session=x", "a=b; " + String(repeating: "c", count: 8192)] {
                let response = try await client.execute(uri: "/auth/me", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .unauthorized, "Cookie \(cookie.prefix(20))")
            }
        }
    }

    /// Malformed percent-encoding and path ids of every shape.
    @Test func malformedQueriesAndPathIDsGet4xx() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            for query in ["%", "%zz", "%00", "%ff", "a=%e9", "continue=%", "client_id=%ff%fe&response_type=code"] {
                for route in ["/oauth/authorize", "/signin", "/signup", "/api/v1/orgs"] {
                    let response = try await client.execute(uri: route + "?" + query, method: .get)
                    #expect(response.status.code < 500, "\(route)?\(query): \(response.status)")
                }
            }
            for id in ["x", "-1", "99999999999999999999", "00000000-0000-0000-0000-00000000000g", String(repeating: "9", count: 4096), "%00", "..", "%2e%2e"] {
                let response = try await client.execute(uri: "/api/v1/orgs/" + id, method: .get)
                #expect((400..<500).contains(response.status.code), "id \(id.prefix(20)): \(response.status)")
            }
        }
    }
}

/// What the fuzz step found (Tests/fuzz): oversized bodies and NUL characters.
@Suite struct BodyHardeningTests {
    /// Bodies over a limit are 413 on every body-reading route, form or JSON.
    @Test func oversizedBodiesAre413() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let form = "grant_type=client_credentials&a=" + String(repeating: "x", count: 2 * 1024 * 1024)
            for route in ["/oauth/token", "/oauth/revoke", "/oauth/introspect", "/oauth/authorize", "/oauth/consent", "/account/signout"] {
                let response = try await client.execute(
                    uri: route, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
                )
                #expect(response.status == .contentTooLarge, "\(route): \(response.status)")
            }
            let json = #"{"username":""# + String(repeating: "x", count: 200 * 1024) + #""}"#
            let response = try await client.execute(
                uri: "/auth/opaque/login/start", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json)
            )
            #expect(response.status == .contentTooLarge)
        }
    }

    /// A NUL character reaches no query: PostgreSQL refused it with an error the server answered
    /// with a 500.
    @Test(arguments: DatabaseChoice.all)
    func nulCharactersAreRefusedBeforeTheStore(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for (route, body) in [("/oauth/revoke", "token=x&client_id=%00"), ("/oauth/introspect", "token=x&client_id=a%00b"),
                                  ("/oauth/token", "grant_type=client_credentials&client_id=%00")] {
                let response = try await client.execute(uri: route, method: .post, headers: form, body: ByteBuffer(string: body))
                #expect((400..<500).contains(response.status.code), "\(route) \(body): \(response.status)")
            }
            let json = try await client.execute(
                uri: "/oauth/token", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"grant_type":"client_credentials","client_id":"a\u0000b"}"#)
            )
            #expect((400..<500).contains(json.status.code))
            let account = try await client.execute(
                uri: "/auth/opaque/login/start", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"a\u0000b","ke1":"AA"}"#)
            )
            #expect(account.status == .badRequest)
        }
    }
}
