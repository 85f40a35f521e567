import AsyncHTTPClient
import FlowstaCore
import FlowstaCrypto
import Foundation
import NIOCore

import Synchronization

/// End-to-end HTTP logins against a running `flowsta serve`: `concurrency` clients each loop
/// login start → client `KE3` → login finish. Clients use the identity KSF (the server cannot
/// tell, and Argon2id would only measure the client); the client's OPAQUE work still runs on
/// the same machine as the server.
enum HTTPLoginBench {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(url: String, seconds: Double, concurrency: Int, users: Int) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        ))
        do {
            try await measure(http: http, url: url, seconds: seconds, concurrency: concurrency, users: users)
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    static func measure(http: HTTPClient, url: String, seconds: Double, concurrency: Int, users: Int) async throws {
        let client = OPAQUEClient(configuration: OPAQUEConfiguration(ksf: .identity))
        let prefix = "bench" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let names = (0..<users).map { "\(prefix)_\($0)" }
        for name in names {
            let (request, state) = try client.startRegistration(password: Array(name.utf8))
            let start = try await post(http, url + "/auth/opaque/register/start", ["username": name, "registration_request": Base64URL.encode(request.bytes)])
            let response = try RegistrationResponse(bytes: Base64URL.decode(start["registration_response"]!)!)
            let (record, _) = try client.finishRegistration(state: state, response: response)
            _ = try await post(http, url + "/auth/opaque/register/finish", ["username": name, "registration_record": Base64URL.encode(record.bytes)], expect: 201)
        }

        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let begin = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: ([Double], [Double]).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var logins: [Double] = []
                    var requests: [Double] = []
                    var index = worker
                    while ContinuousClock.now < deadline {
                        let name = names[index % names.count]
                        index += concurrency
                        let loginStart = ContinuousClock.now
                        let (ke1, state) = try client.startLogin(password: Array(name.utf8))
                        let t0 = ContinuousClock.now
                        let start = try await post(http, url + "/auth/opaque/login/start", ["username": name, "ke1": Base64URL.encode(ke1.bytes)])
                        requests.append((ContinuousClock.now - t0).milliseconds)
                        let ke2 = try KE2(bytes: Base64URL.decode(start["ke2"]!)!)
                        let ke3 = try client.finishLogin(state: state, ke2: ke2).ke3
                        let t1 = ContinuousClock.now
                        _ = try await post(http, url + "/auth/opaque/login/finish", ["login_id": start["login_id"]!, "ke3": Base64URL.encode(ke3.bytes)])
                        requests.append((ContinuousClock.now - t1).milliseconds)
                        logins.append((ContinuousClock.now - loginStart).milliseconds)
                    }
                    return (logins, requests)
                }
            }
            return try await group.reduce(into: ([Double](), [Double]())) { $0.0 += $1.0; $0.1 += $1.1 }
        }
        let elapsed = (ContinuousClock.now - begin).milliseconds / 1000
        print(String(format: "http-login: %d logins in %.2f s with %d clients = %.0f logins/s", samples.0.count, elapsed, concurrency, Double(samples.0.count) / elapsed))
        print("  per login (2 requests + client crypto): \(Percentiles(samples.0).summary)")
        print("  per request (round trip): \(Percentiles(samples.1).summary)")
    }

    static func post(_ http: HTTPClient, _ url: String, _ body: [String: String], expect: Int = 200) async throws -> [String: String] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        guard Int(response.status.code) == expect else {
            throw Failure(description: "\(url) answered \(response.status.code): \(String(buffer: bytes))")
        }
        let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? String }
    }
}
