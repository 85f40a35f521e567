import FlowstaPrivacy
import FlowstaServer
import Foundation
import Logging
import Testing

/// Every log line goes through one redaction layer (P1–P3): metadata named like a token, code,
/// secret, password, authorization, cookie, email, address or user agent never reaches the sink,
/// nor does a message carrying a credential or proxy header.
@Suite struct LogRedactionTests {
    static let secret = "marker-7f3a9c"

    @Test(arguments: [
        "token", "access_token", "refresh_token", "id_token", "Token", "code", "auth_code", "authorization_code", "code_verifier",
        "secret", "client_secret", "password", "new_password", "authorization", "Authorization", "cookie", "Set-Cookie",
        "email", "contact_email", "ip", "client_ip", "X-Real-IP", "remote_address", "X-Forwarded-For", "forwarded",
        "user-agent", "User-Agent", "user_agent", "userAgent", "session", "api_key", "headers", "export_key",
    ])
    func namedFieldsAreDropped(name: String) {
        let sink = CapturingLogSink()
        let logger = FlowstaApplication.makeLogger(level: .trace, sink: sink)
        logger.info("event", metadata: [name: .string(Self.secret)])
        logger.info("nested", metadata: ["context": .dictionary([name: .string(Self.secret)])])
        logger.info("listed", metadata: [name: .array([.string(Self.secret)])])
        let lines = sink.captured
        #expect(lines.count == 3)
        #expect(!lines.contains { $0.contains(Self.secret) }, "\(name) leaked: \(lines)")
        #expect(lines.allSatisfy { $0.contains("[redacted]") })
    }

    @Test(arguments: ["Authorization: Bearer \(secret)", "cookie: flowsta_session=\(secret)", "X-Forwarded-For: \(secret)",
                      "x-real-ip \(secret)", "Forwarded: for=\(secret)", "User-Agent: \(secret)"])
    func messagesCarryingHeadersAreDropped(message: String) {
        let sink = CapturingLogSink()
        FlowstaApplication.makeLogger(level: .trace, sink: sink).warning("\(message)")
        #expect(sink.captured.count == 1)
        #expect(!sink.captured[0].contains(Self.secret))
    }

    @Test func safeFieldsStay() {
        let sink = CapturingLogSink()
        FlowstaApplication.makeLogger(level: .trace, sink: sink).info("request", metadata: [
            "method": "GET", "route": "/api/v1/orgs/{org}", "status": "200", "cause": "DecodingError",
        ])
        let line = sink.captured.first ?? ""
        #expect(line.contains("/api/v1/orgs/{org}") && line.contains("DecodingError"))
    }
}
