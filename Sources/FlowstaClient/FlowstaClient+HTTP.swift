import Foundation

extension FlowstaClient {
    struct UserEnvelope: Decodable { var user: FlowstaUser }

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
        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
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
        var headers = ["Accept": "application/json"]
        var data: Data?
        if let body {
            data = try JSONEncoder().encode(body)
            headers["Content-Type"] = "application/json"
        }
        if let cookie = currentCookie { headers["Cookie"] = "flowsta_session=\(cookie)" }
        let response = try await transport.send(TransportRequest(method: method, path: path, headers: headers, body: data))
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(ErrorBody.self, from: response.body)
            throw FlowstaClientError.server(status: response.status, error: error?.error ?? "unknown", description: error?.errorDescription ?? "")
        }
        return response
    }

    /// The session token from `Set-Cookie`.
    static func sessionCookie(from response: TransportResponse) -> String? {
        guard let header = response.headers["set-cookie"] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix("flowsta_session=") {
                let value = String(pair.dropFirst("flowsta_session=".count))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
