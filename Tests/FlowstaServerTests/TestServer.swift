import FlowstaPrivacy
import FlowstaCore
import FlowstaCrypto
import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A fully wired server on a fresh data directory with its log lines captured.
struct TestServer {
    let directory: String
    let logs = CapturingLogSink()
    let runtime: FlowstaApplication.Runtime

    /// - Parameter databaseURL: `nil` for the embedded SQLite file in the data directory.
    init(
        databaseURL: String? = nil, limits: (Int, Int) = (1000, 1000), tls: (cert: String, key: String)? = nil, smtpURL: String? = nil,
        stripe: StripeSettings? = nil, time: any TimeSource = SystemTimeSource(), issuer: String? = nil, trustedProxies: String = "",
        kek: String? = nil, allowLoopback: Bool = false
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-test-\(UUID().uuidString)").path
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.databaseURL = databaseURL
        // Servers sharing the test PostgreSQL database must share the key its secrets are sealed with.
        configuration.kek = kek ?? (databaseURL == nil ? nil : Self.sharedKEK)
        configuration.port = 0
        configuration.issuer = issuer
        configuration.trustedProxies = trustedProxies
        configuration.logLevel = .trace
        configuration.loginLimits = .init(perUsername: limits.0, perAddress: limits.1)
        // Tests share one PostgreSQL database: retention runs only where a test drives it.
        configuration.runsRetentionJob = false
        // Likewise the outbound queue: the webhook tests send it with a clock they move.
        configuration.runsOutboundDelivery = false
        configuration.smtpURL = smtpURL
        configuration.metricsToken = Self.metricsToken
        // The sign-up proof of work stays on, cheap: the drivers below solve it as clients do.
        configuration.signupProofBits = Self.signupProofBits
        configuration.tlsCertificatePath = tls?.cert
        configuration.tlsKeyPath = tls?.key
        configuration.stripe = stripe
        configuration.outboundAllowsLoopback = allowLoopback
        let logger = FlowstaApplication.makeLogger(level: .trace, sink: logs)
        runtime = try await FlowstaApplication.prepare(configuration: configuration, logger: logger, time: time)
    }

    static let sharedKEK = Data(repeating: 0x42, count: 32).base64EncodedString()
    static let signupProofBits = 4
    /// What a Prometheus scraper of the test servers sends.
    static let metricsToken = "test-metrics-token"

    /// Runs `body` against the router (no sockets), then closes the database.
    func withRouter<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await run(.router, body)
    }

    /// Runs `body` against a live server on a free loopback port.
    func withLive<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await run(.live, body)
    }

    func run<T: Sendable>(_ setup: TestingSetup, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = try FlowstaApplication.application(runtime: runtime)
        do {
            let result = try await app.test(setup) { client in try await body(client) }
            await runtime.store.shutdown()
            return result
        } catch {
            await runtime.store.shutdown()
            throw error
        }
    }

    /// Every byte of every file in the data directory (SQLite database, WAL, KEK file).
    func dataDirectoryBytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            if let data = FileManager.default.contents(atPath: directory + "/" + name) { bytes += data }
        }
        return bytes
    }
}

/// JSON helpers for tests.
enum JSON {
    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }
}

/// A scripted OPAQUE client talking to the test client, with the identity KSF for speed.
struct OPAQUEDriver {
    let client: any TestClientProtocol
    var headers: HTTPFields = [.contentType: "application/json"]
    let opaque = OPAQUEClient(configuration: OPAQUEConfiguration(ksf: .identity))

    init(client: any TestClientProtocol, extraHeaders: HTTPFields = [:]) {
        self.client = client
        headers.append(contentsOf: extraHeaders)
    }

    func post(_ uri: String, _ object: [String: Any], cookie: String? = nil) async throws -> TestResponse {
        var headers = headers
        if let cookie { headers[.cookie] = "flowsta_session=\(cookie)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: JSON.body(object))
    }

    func send(_ uri: String, _ method: HTTPRequest.Method, cookie: String?, body: [String: Any]? = nil) async throws -> TestResponse {
        var headers = headers
        if let cookie { headers[.cookie] = "flowsta_session=\(cookie)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(JSON.body))
    }

    @discardableResult
    func register(_ username: String, _ password: String, extra: [String: Any] = [:], cookie: String? = nil) async throws -> TestResponse {
        let (request, state) = try opaque.startRegistration(password: Array(password.utf8))
        let start = try await post("/auth/opaque/register/start", ["username": username, "registration_request": Base64URL.encode(request.bytes)], cookie: cookie)
        guard start.status == .ok, let encoded = JSON.object(start.body)["registration_response"] as? String else { return start }
        let (record, _) = try opaque.finishRegistration(state: state, response: RegistrationResponse(bytes: Base64URL.decode(encoded)!))
        var body = extra
        body["username"] = username
        body["registration_record"] = Base64URL.encode(record.bytes)
        if body["signup_proof"] == nil {
            body["signup_proof"] = try await signupProof(username)
        } else if body["signup_proof"] is NSNull {
            body["signup_proof"] = nil
        }
        return try await post("/auth/opaque/register/finish", body, cookie: cookie)
    }

    /// A solved sign-up challenge for `username`, as a client computes it.
    func signupProof(_ username: String) async throws -> [String: String] {
        let object = JSON.object(try await client.execute(uri: "/auth/signup-challenge", method: .get).body)
        let challenge = try #require(object["challenge"] as? String)
        let difficulty = try #require(object["difficulty"] as? Int)
        return ["challenge": challenge, "nonce": try ProofOfWork.solve(challenge: challenge, username: username.lowercased(), difficulty: difficulty)]
    }

    /// Signs in; returns the finish response and the session cookie value.
    func login(_ username: String, _ password: String) async throws -> (response: TestResponse, cookie: String?) {
        let (ke1, state) = try opaque.startLogin(password: Array(password.utf8))
        let start = try await post("/auth/opaque/login/start", ["username": username, "ke1": Base64URL.encode(ke1.bytes)])
        guard start.status == .ok else { return (start, nil) }
        let object = JSON.object(start.body)
        let ke2 = try KE2(bytes: Base64URL.decode(object["ke2"] as! String)!)
        let ke3 = (try? opaque.finishLogin(state: state, ke2: ke2).ke3.bytes) ?? [UInt8](repeating: 0x42, count: 64)
        let finish = try await post("/auth/opaque/login/finish", ["login_id": object["login_id"] as! String, "ke3": Base64URL.encode(ke3)])
        return (finish, Self.sessionCookie(finish))
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        guard let header = response.headers[.setCookie], header.hasPrefix("flowsta_session=") else { return nil }
        let value = header.dropFirst("flowsta_session=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }
}
