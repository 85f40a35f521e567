import Foundation
import Testing

@testable import FlowstaMail

/// The client against scripted servers: the dialogue, and servers that misbehave.
@Suite struct SMTPClientTests {
    let message = MailMessage.sample

    private func client(port: Int, credentials: SMTPConfiguration.Credentials? = nil) -> SMTPClient {
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLSWhenOffered, credentials: credentials)
        configuration.commandTimeout = .seconds(30)
        return SMTPClient(configuration: configuration)
    }

    /// A well-behaved server; `ehlo` is the EHLO reply.
    private static func standard(ehlo: String) -> @Sendable (String) -> String? {
        { line in
            switch line {
            case let line where line.hasPrefix("EHLO"): ehlo
            case let line where line.hasPrefix("HELO"): "250 hello\r\n"
            case let line where line.hasPrefix("MAIL"), let line where line.hasPrefix("RCPT"): "250 ok\r\n"
            case "DATA": "354 go ahead\r\n"
            case ".": "250 queued\r\n"
            case "QUIT": "221 bye\r\n"
            default: nil
            }
        }
    }

    @Test func speaksTheDialogueInOrder() async throws {
        try await ScriptedSMTPServer.with(respond: Self.standard(ehlo: "250-scripted\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n")) { port, server in
            try await client(port: port).deliver(message, messageID: "x@localhost", date: Date(timeIntervalSince1970: 0))
            let received = server.received
            #expect(received.first == "EHLO localhost")
            #expect(received.dropFirst().prefix(3) == ["MAIL FROM:<no-reply@localhost>", "RCPT TO:<alice@example.com>", "DATA"])
            #expect(received.suffix(2) == [".", "QUIT"])
            #expect(received.contains("To: Alice Example <alice@example.com>"))
        }
    }

    @Test func fallsBackToHELO() async throws {
        let standard = Self.standard(ehlo: "502 5.5.1 what?\r\n")
        try await ScriptedSMTPServer.with(respond: standard) { port, server in
            try await client(port: port).deliver(message, messageID: "x@localhost", date: Date())
            #expect(server.received.prefix(3) == ["EHLO localhost", "HELO localhost", "MAIL FROM:<no-reply@localhost>"])
        }
    }

    @Test func authenticatesWithLOGINWhenPLAINIsMissing() async throws {
        let standard = Self.standard(ehlo: "250-scripted\r\n250 AUTH LOGIN\r\n")
        let respond: @Sendable (String) -> String? = { line in
            switch line {
            case "AUTH LOGIN": "334 VXNlcm5hbWU6\r\n"
            case "YWxpY2U=": "334 UGFzc3dvcmQ6\r\n"
            case "cMOkc3M=": "235 2.7.0 ok\r\n"
            default: standard(line)
            }
        }
        try await ScriptedSMTPServer.with(respond: respond) { port, server in
            try await client(port: port, credentials: .init(username: "alice", password: "päss"))
                .deliver(message, messageID: "x@localhost", date: Date())
            #expect(server.received.prefix(5) == ["EHLO localhost", "AUTH LOGIN", "YWxpY2U=", "cMOkc3M=", "MAIL FROM:<no-reply@localhost>"])
        }
    }

    @Test func refusesCredentialsWithoutAMechanism() async throws {
        try await ScriptedSMTPServer.with(respond: Self.standard(ehlo: "250-scripted\r\n250 AUTH CRAM-MD5\r\n")) { port, server in
            await #expect(throws: MailError.authenticationUnsupported) {
                try await client(port: port, credentials: .init(username: "a", password: "b"))
                    .deliver(message, messageID: "x@localhost", date: Date())
            }
            #expect(!server.received.contains { $0.hasPrefix("MAIL") })
        }
    }

    @Test func reportsARejectedRecipientAsPermanent() async throws {
        let standard = Self.standard(ehlo: "250 scripted\r\n")
        let respond: @Sendable (String) -> String? = { line in
            line.hasPrefix("RCPT") ? "550-5.1.1 no such user\r\n550 5.1.1 really\r\n" : standard(line)
        }
        try await ScriptedSMTPServer.with(greeting: "220-scripted\r\n220 welcome\r\n", respond: respond) { port, server in
            await #expect {
                try await client(port: port).deliver(message, messageID: "x@localhost", date: Date())
            } throws: { error in
                (error as? MailError) == .rejected(command: "RCPT", code: 550, phase: .message) && (error as! MailError).isPermanent
            }
            #expect(!server.received.contains("DATA"))
        }
    }

    @Test func refusesPlaintextInjectedAfterSTARTTLS() async throws {
        // RFC 3207 §5 / CVE-2011-0411: a reply smuggled in with the 220 must not be trusted.
        let respond: @Sendable (String) -> String? = { line in
            switch line {
            case let line where line.hasPrefix("EHLO"): "250-scripted\r\n250 STARTTLS\r\n"
            case "STARTTLS": "220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n"
            default: nil
            }
        }
        try await ScriptedSMTPServer.with(respond: respond) { port, _ in
            await #expect(throws: MailError.protocolViolation(reason: "plaintext after STARTTLS")) {
                try await client(port: port).deliver(message, messageID: "x@localhost", date: Date())
            }
        }
    }

    @Test func timesOutOnASilentServer() async throws {
        try await ScriptedSMTPServer.with(greeting: nil, respond: { _ in nil }) { port, _ in
            var configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLSWhenOffered)
            configuration.commandTimeout = .milliseconds(300)
            await #expect(throws: MailError.timedOut) {
                try await SMTPClient(configuration: configuration).deliver(message, messageID: "x@localhost", date: Date())
            }
        }
    }

    @Test func reportsAClosedConnection() async throws {
        try await ScriptedSMTPServer.with(greeting: "220-half a greeting\r\n", closeAfterGreeting: true, respond: { _ in nil }) { port, _ in
            let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLSWhenOffered)
            await #expect {
                try await SMTPClient(configuration: configuration).deliver(message, messageID: "x@localhost", date: Date())
            } throws: { error in
                guard case .connectionFailed = error as? MailError else { return false }
                return true
            }
        }
    }

    @Test func reportsARefusedConnection() async throws {
        // Port 1 on loopback has no listener.
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: 1, security: .startTLSWhenOffered)
        await #expect {
            try await SMTPClient(configuration: configuration).deliver(message, messageID: "x@localhost", date: Date())
        } throws: { error in
            guard case .connectionFailed = error as? MailError else { return false }
            return !(error as! MailError).isPermanent
        }
    }
}
