import AsyncHTTPClient
import FlowstaCore
import FlowstaCrypto
import Foundation
import NIOCore

/// Prepares a management API load test against a running server: signs up a user, creates an
/// organization with one app (the free plan's limit) and an API key, and prints
/// `ORGANIZATION_ID API_KEY` for `wrk`.
enum ManagementSetup {
    static func run(url: String) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let output = try await prepare(http, url)
            print(output)
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    static func prepare(_ http: HTTPClient, _ url: String) async throws -> String {
        let client = OPAQUEClient(configuration: OPAQUEConfiguration(ksf: .identity))
        let name = "mgmt" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let (request, state) = try client.startRegistration(password: Array(name.utf8))
        let start = try await HTTPLoginBench.post(http, url + "/auth/opaque/register/start", ["username": name, "registration_request": Base64URL.encode(request.bytes)])
        let (record, _) = try client.finishRegistration(state: state, response: RegistrationResponse(bytes: Base64URL.decode(start["registration_response"]!)!))
        _ = try await HTTPLoginBench.post(http, url + "/auth/opaque/register/finish", ["username": name, "registration_record": Base64URL.encode(record.bytes)], expect: 201)
        let (ke1, login) = try client.startLogin(password: Array(name.utf8))
        let started = try await HTTPLoginBench.post(http, url + "/auth/opaque/login/start", ["username": name, "ke1": Base64URL.encode(ke1.bytes)])
        let ke3 = try client.finishLogin(state: login, ke2: KE2(bytes: Base64URL.decode(started["ke2"]!)!)).ke3
        let cookie = try await sessionCookie(http, url, ["login_id": started["login_id"]!, "ke3": Base64URL.encode(ke3.bytes)])
        let organization = try await call(http, url + "/api/v1/orgs", cookie: cookie, ["name": "Load test"])
        let id = organization["id"] as! String
        _ = try await call(http, url + "/api/v1/orgs/\(id)/apps", cookie: cookie, ["name": "Load", "type": "web", "redirect_uris": ["https://load.example/cb"]])
        let key = try await call(http, url + "/api/v1/orgs/\(id)/keys", cookie: cookie, ["name": "load"])
        return "\(id) \(key["secret"] as! String)"
    }

    static func sessionCookie(_ http: HTTPClient, _ url: String, _ body: [String: String]) async throws -> String {
        var request = HTTPClientRequest(url: url + "/auth/opaque/login/finish")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard let header = response.headers["set-cookie"].first, let value = header.split(separator: ";").first else {
            throw HTTPLoginBench.Failure(description: "no session cookie")
        }
        return String(value)
    }

    static func call(_ http: HTTPClient, _ url: String, cookie: String, _ body: [String: Any]) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Cookie", value: cookie)
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 201 else {
            throw HTTPLoginBench.Failure(description: "\(url) answered \(response.status.code)")
        }
        return try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:]
    }
}
