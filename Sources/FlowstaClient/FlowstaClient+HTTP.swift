import Foundation

extension FlowstaClient {
    struct UserEnvelope: Decodable { var user: FlowstaUser }

    struct SignupChallenge: Decodable {
        var challenge: String
        var difficulty: Int
    }

    struct RegisterFinish: Encodable {
        struct Proof: Encodable {
            var challenge: String
            var nonce: String
        }

        var username: String
        var registrationRecord: String
        var displayName: String?
        var email: String?
        var signupProof: Proof?
        enum CodingKeys: String, CodingKey {
            case username, email
            case registrationRecord = "registration_record"
            case displayName = "display_name"
            case signupProof = "signup_proof"
        }
    }

    struct RegisterStart: Decodable {
        var registrationResponse: String
        enum CodingKeys: String, CodingKey { case registrationResponse = "registration_response" }
    }

    struct LoginStart: Decodable {
        var loginID: String
        var ke2: String
        enum CodingKeys: String, CodingKey {
            case loginID = "login_id"
            case ke2
        }
    }

    struct ErrorBody: Decodable {
        var error: String
        var errorDescription: String?
        var attemptsLeft: Int?
        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
            case attemptsLeft = "attempts_left"
        }
    }

    func call<Body: Encodable, Result: Decodable>(_ method: String, _ path: String, _ body: Body?) async throws -> Result {
        try await exchange(method, path, body).0
    }

    func exchange<Body: Encodable, Result: Decodable>(_ method: String, _ path: String, _ body: Body?) async throws -> (Result, TransportResponse) {
        let response = try await send(method, path, body)
        do {
            return (try JSONDecoder().decode(Result.self, from: response.body), response)
        } catch {
            throw FlowstaClientError.invalidResponse("unexpected body from \(path)")
        }
    }

    /// Sends a request with the session cookie; non-2xx answers become ``FlowstaClientError/server``.
    func send<Body: Encodable>(_ method: String, _ path: String, _ body: Body?) async throws -> TransportResponse {
        // Every change is sent as JSON, with or without a body: the server's CSRF rule for
        // requests its session cookie authenticates.
        var headers = ["Accept": "application/json"]
        if method != "GET" { headers["Content-Type"] = "application/json" }
        var data: Data?
        if let body {
            data = try JSONEncoder().encode(body)
        }
        let cookies = [currentCookie, currentDeviceCookie].compactMap { $0 }
        if !cookies.isEmpty { headers["Cookie"] = cookies.joined(separator: "; ") }
        let response = try await transport.send(TransportRequest(method: method, path: path, headers: headers, body: data))
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(ErrorBody.self, from: response.body)
            if error?.error == "invalid_code", let left = error?.attemptsLeft { throw FlowstaClientError.invalidCode(attemptsLeft: left) }
            throw FlowstaClientError.server(status: response.status, error: error?.error ?? "unknown", description: error?.errorDescription ?? "")
        }
        return response
    }

    /// The session cookie (`name=value`) from `Set-Cookie`: `flowsta_session`, or
    /// `__Host-flowsta_session` from a server on HTTPS.
    static func sessionCookie(from response: TransportResponse) -> String? {
        cookie(named: "flowsta_session", from: response)
    }

    /// The device token the server gives at sign-in (`flowsta_device`): sent with later sign-ins
    /// of the same user, they are limited on their own, so someone attacking the username cannot
    /// lock this app out.
    static func deviceCookie(from response: TransportResponse) -> String? {
        cookie(named: "flowsta_device", from: response)
    }

    /// `name=value` of cookie `name` (or its `__Host-` form); several `Set-Cookie` fields may
    /// arrive joined by commas.
    static func cookie(named name: String, from response: TransportResponse) -> String? {
        guard let header = response.headers["set-cookie"] else { return nil }
        for part in header.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let pair = part.trimmingCharacters(in: .whitespaces)
            for prefix in [name + "=", "__Host-" + name + "="] where pair.hasPrefix(prefix) {
                return pair.count > prefix.count ? pair : nil
            }
        }
        return nil
    }
}
