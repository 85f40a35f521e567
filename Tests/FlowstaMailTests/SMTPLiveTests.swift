import FlowstaMail
import Foundation
import Logging
import Testing

/// Delivery through a real SMTP server (aiosmtpd, see `smtp_sink.py`) on a loopback port.
@Suite(.enabled(if: SMTPSink.shouldRun, SMTPSink.missingMessage))
struct SMTPLiveTests {
    let clock = TestClock()
    let outbox = InMemoryOutboxRepository()
    let sealer = TestSealer()

    let message = MailMessage(
        from: SMTPConfiguration.defaultFrom,
        to: "Bob Example <bob@example.com>",
        subject: "Grüße – dein Anmeldecode",
        text: "Hallo Bob,\n.\n.leading dot stays\nCode: 123456 = sechs Ziffern, naïve café \(String(repeating: "long ", count: 30))\n"
    )

    private func configuration(_ sink: SMTPSink, host: String = "127.0.0.1") -> SMTPConfiguration {
        var configuration = SMTPConfiguration(host: host, port: sink.port, security: .startTLSWhenOffered)
        configuration.commandTimeout = .seconds(30)
        return configuration
    }

    @Test func deliversQueuedMailThroughTheServer() async throws {
        try await SMTPSink.with { sink in
            let mailer = Mailer(outbox: outbox, sealer: sealer, clock: clock)
            let id = try await mailer.send(message)
            let service = MailDeliveryService(outbox: outbox, sealer: sealer, smtp: configuration(sink), clock: clock, logger: .quiet)
            await service.deliverDue()

            let row = try #require(await outbox.all.first)
            #expect(row.lastError == nil)
            #expect(row.deliveredAt == clock.now)
            let received = try sink.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.rcpt_tos == ["bob@example.com"])
            #expect(mail.mail_from == "no-reply@localhost")
            #expect(mail.to == "Bob Example <bob@example.com>")
            #expect(mail.from == "Flowsta <no-reply@localhost>")
            #expect(mail.subject == message.subject)
            // Python's parser keeps the wire's CRLF line endings in the decoded body.
            #expect(mail.body.replacingOccurrences(of: "\r\n", with: "\n") == message.text)
            #expect(mail.message_id == "<\(id.uuidString.lowercased())@localhost>")
            #expect(mail.defects.isEmpty)
            #expect(!mail.tls)
        }
    }

    @Test func upgradesWithSTARTTLSAndAuthenticates() async throws {
        try await SMTPSink.with(.init(starttls: true, auth: ("alice", "s3cret:%"))) { sink in
            var configuration = try SMTPConfiguration(url: "smtp://alice:s3cret%3A%25@localhost:\(sink.port)")
            configuration.certificateVerification = .trusting(pem: try #require(sink.certificatePEM))
            try await SMTPClient(configuration: configuration)
                .deliver(message, messageID: "starttls@localhost", date: clock.now)

            let mail = try #require(try sink.received().first)
            #expect(mail.tls)
            #expect(mail.authenticated)
            #expect(mail.rcpt_tos == ["bob@example.com"])
            #expect(mail.subject == message.subject)
            #expect(mail.body.replacingOccurrences(of: "\r\n", with: "\n") == message.text)
        }
    }

    @Test func refusesAnUntrustedCertificate() async throws {
        try await SMTPSink.with(.init(starttls: true)) { sink in
            let client = SMTPClient(configuration: configuration(sink))
            await #expect {
                try await client.deliver(message, messageID: "untrusted@localhost", date: clock.now)
            } throws: { error in
                guard case .tlsFailed = error as? MailError else { return false }
                return !(error as! MailError).isPermanent
            }
            let received = try sink.received()
            #expect(received.isEmpty)
        }
    }

    @Test func speaksImplicitTLS() async throws {
        try await SMTPSink.with(.init(implicitTLS: true)) { sink in
            var configuration = try SMTPConfiguration(url: "smtps://127.0.0.1:\(sink.port)")
            configuration.certificateVerification = .trusting(pem: try #require(sink.certificatePEM))
            try await SMTPClient(configuration: configuration)
                .deliver(message, messageID: "smtps@localhost", date: clock.now)
            #expect(try sink.received().map(\.rcpt_tos) == [["bob@example.com"]])
        }
    }

    @Test func authenticatesOverLoopbackWithoutTLS() async throws {
        try await SMTPSink.with(.init(auth: ("alice", "pw"))) { sink in
            var configuration = configuration(sink)
            configuration.credentials = .init(username: "alice", password: "wrong")
            await #expect(throws: MailError.rejected(command: "AUTH", code: 535, phase: .session)) {
                try await SMTPClient(configuration: configuration).deliver(message, messageID: "a@localhost", date: clock.now)
            }
            configuration.credentials = nil
            await #expect(throws: MailError.rejected(command: "MAIL", code: 530, phase: .session)) {
                try await SMTPClient(configuration: configuration).deliver(message, messageID: "b@localhost", date: clock.now)
            }
            configuration.credentials = .init(username: "alice", password: "pw")
            try await SMTPClient(configuration: configuration).deliver(message, messageID: "c@localhost", date: clock.now)
            #expect(try sink.received().map(\.authenticated) == [true])
        }
    }

    @Test func givesUpOnARejectedRecipientAndRetriesATemporaryFailure() async throws {
        try await SMTPSink.with { sink in
            let mailer = Mailer(outbox: outbox, sealer: sealer, clock: clock)
            var rejected = message
            rejected.to = "reject@example.com"
            var deferred = message
            deferred.to = "tempfail@example.com"
            let rejectedID = try await mailer.send(rejected)
            let deferredID = try await mailer.send(deferred)
            await MailDeliveryService(outbox: outbox, sealer: sealer, smtp: configuration(sink), clock: clock, logger: .quiet).deliverDue()

            let rows = Dictionary(uniqueKeysWithValues: await outbox.all.map { ($0.id, $0) })
            let gaveUp = try #require(rows[rejectedID])
            #expect(gaveUp.isAbandoned)
            #expect(gaveUp.lastError == "RCPT rejected with 550")
            let waiting = try #require(rows[deferredID])
            #expect(!waiting.isAbandoned)
            #expect(waiting.attempts == 1)
            #expect(waiting.lastError == "RCPT rejected with 451")
            #expect(try sink.received().isEmpty)
        }
    }
}
