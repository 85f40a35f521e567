import FlowstaCore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Every malformed request gets a 4xx with `{"error", "error_description"}` (P11).
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var uri: String
        var method: HTTPRequest.Method = .post
        var body: String?
        var status: HTTPResponse.Status
        var error: String
        var testDescription: String { name }
    }

    static let ke1 = Base64URL.encode([UInt8](repeating: 0, count: 96))
    static let validPoint = "4vKuCmq8TnGohKlhxQBRX1jjC2qlgt2NtqZZReCNLXY"  // the ristretto255 generator

    static let cases: [Case] = [
        Case(name: "empty body", uri: "/auth/opaque/login/start", body: "", status: .badRequest, error: "invalid_request"),
        Case(name: "malformed JSON", uri: "/auth/opaque/login/start", body: "{\"username\": ", status: .badRequest, error: "invalid_request"),
        Case(name: "JSON array", uri: "/auth/opaque/login/start", body: "[1,2]", status: .badRequest, error: "invalid_request"),
        Case(name: "missing ke1", uri: "/auth/opaque/login/start", body: #"{"username":"alice"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "wrong type", uri: "/auth/opaque/login/start", body: #"{"username":42,"ke1":"AA"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "bad base64url", uri: "/auth/opaque/login/start", body: #"{"username":"alice","ke1":"not base64!"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "padded base64", uri: "/auth/opaque/login/start", body: #"{"username":"alice","ke1":"AAAA=="}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "short ke1", uri: "/auth/opaque/login/start", body: #"{"username":"alice","ke1":"AAAA"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "identity element in ke1", uri: "/auth/opaque/login/start", body: "{\"username\":\"alice\",\"ke1\":\"\(ke1)\"}", status: .badRequest, error: "invalid_request"),
        Case(name: "invalid username", uri: "/auth/opaque/login/start", body: "{\"username\":\"1bad name\",\"ke1\":\"\(ke1)\"}", status: .badRequest, error: "invalid_username"),
        Case(name: "too short username", uri: "/auth/opaque/register/start", body: "{\"username\":\"ab\",\"registration_request\":\"\(validPoint)\"}", status: .badRequest, error: "invalid_username"),
        Case(name: "non-canonical element", uri: "/auth/opaque/register/start", body: "{\"username\":\"alice\",\"registration_request\":\"\(Base64URL.encode([UInt8](repeating: 0xff, count: 32)))\"}", status: .badRequest, error: "invalid_request"),
        Case(name: "short record", uri: "/auth/opaque/register/finish", body: #"{"username":"alice","registration_record":"AAAA"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "short ke3", uri: "/auth/opaque/login/finish", body: #"{"login_id":"abc","ke3":"AAAA"}"#, status: .badRequest, error: "invalid_request"),
        Case(name: "unknown login id", uri: "/auth/opaque/login/finish", body: "{\"login_id\":\"abc\",\"ke3\":\"\(Base64URL.encode([UInt8](repeating: 1, count: 64)))\"}", status: .badRequest, error: "invalid_login"),
        Case(name: "me without session", uri: "/auth/me", method: .get, status: .unauthorized, error: "unauthorized"),
        Case(name: "logout without session", uri: "/auth/logout", status: .unauthorized, error: "unauthorized"),
        Case(name: "unknown route", uri: "/nope", method: .get, status: .notFound, error: "not_found"),
    ]

    @Test(arguments: cases)
    func malformedRequestsGetDocumentedErrors(_ testCase: Case) async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let response = try await client.execute(
                uri: testCase.uri, method: testCase.method, headers: [.contentType: "application/json"],
                body: testCase.body.map { ByteBuffer(string: $0) }
            )
            #expect(response.status == testCase.status)
            let object = JSON.object(response.body)
            #expect(object["error"] as? String == testCase.error)
            #expect((object["error_description"] as? String)?.isEmpty == false)
            #expect(response.headers[.contentType] == "application/json")
        }
    }

    @Test func bodiesOver64KiBAreRefused() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let big = "{\"username\":\"" + String(repeating: "a", count: 70 * 1024) + "\"}"
            let response = try await client.execute(uri: "/auth/opaque/login/start", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(JSON.object(response.body)["error"] as? String == "payload_too_large")
        }
    }

    @Test func invalidSessionCookieIsUnauthorized() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let response = try await client.execute(uri: "/auth/me", method: .get, headers: [.cookie: "flowsta_session=forged"])
            #expect(response.status == .unauthorized)
        }
    }
}
