import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The invite mail travels the whole way: outbox → SMTP delivery → a real SMTP server
/// (Python's aiosmtpd, via the sink script of the mail tests), with the right recipient and a
/// link that joins the organization.
@Suite struct InviteMailDeliveryTests {
    static let python = ProcessInfo.processInfo.environment["FLOWSTA_TEST_PYTHON"] ?? "python3"

    struct Received: Decodable {
        var rcpt_tos: [String]
        var to: String
        var subject: String
        var body: String
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["FLOWSTA_TEST_PYTHON"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    func inviteMailArrivesOverSMTP() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-invite-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowstaMailTests/smtp_sink.py").standardizedFileURL.path
        let stdin = Pipe()
        let sink = Process()
        sink.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sink.arguments = [Self.python, script, directory.path]
        sink.standardInput = stdin
        sink.standardOutput = FileHandle.nullDevice
        sink.standardError = FileHandle.nullDevice
        try sink.run()
        defer {
            try? stdin.fileHandleForWriting.close()
            if sink.isRunning { sink.terminate() }
            sink.waitUntilExit()
        }
        var port: Int?
        for _ in 0..<600 where port == nil && sink.isRunning {
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent("ready.json").path) {
                port = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["port"] as? Int
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let smtpPort = try #require(port, "the SMTP sink (aiosmtpd) did not start with \(Self.python)")

        let server = try await TestServer(smtpURL: "smtp://127.0.0.1:\(smtpPort)")
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let address = "smtp-invitee@example.org"
            let created = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/invites", ["email": address, "role": "admin"])
            #expect(created.status == .created)
            // The server's own delivery service may claim the message first: deliver, then look,
            // until it is there (or 20 s have passed).
            var received: [Received] = []
            for _ in 0..<100 where !received.contains(where: { $0.rcpt_tos == [address] }) {
                await server.runtime.mailDelivery.deliverDue()
                received = []
                var index = 1
                while let data = FileManager.default.contents(atPath: directory.appendingPathComponent("message-\(index).json").path) {
                    received.append(try JSONDecoder().decode(Received.self, from: data))
                    index += 1
                }
                if !received.contains(where: { $0.rcpt_tos == [address] }) { try await Task.sleep(for: .milliseconds(200)) }
            }
            let invite = try #require(received.first { $0.rcpt_tos == [address] })
            #expect(invite.to == address)
            #expect(invite.subject.contains("Acme"))
            let token = try #require(invite.body.components(separatedBy: "/invites/accept?token=").last?.split(whereSeparator: \.isWhitespace).first.map(String.init))
            let accepted = try await fixture.call(.outsider, .post, "/api/v1/invites/accept", ["token": token])
            #expect(accepted.status == .ok)
            #expect(JSON.object(accepted.body)["role"] as? String == "admin")
            #expect(try await server.runtime.mailer.list().isEmpty)
        }
    }
}
