import Foundation
import NIOCore
import NIOSSL

/// The client side of one SMTP dialogue over an open channel, strictly one command at a time.
struct SMTPSession {
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let configuration: SMTPConfiguration
    let sslContext: NIOSSLContext
    var isTLS: Bool
    /// Replies taken from `replies`, compared with the handler's count before STARTTLS.
    private var consumedReplies = 0

    init(
        channel: any Channel,
        replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        configuration: SMTPConfiguration,
        sslContext: NIOSSLContext,
        isTLS: Bool
    ) {
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.configuration = configuration
        self.sslContext = sslContext
        self.isTLS = isTLS
    }

    mutating func run(sender: String, recipient: String, data: [UInt8]) async throws {
        try expect(await nextReply(), "greeting", codes: [220])
        var capabilities = try await hello()
        if !isTLS, configuration.security == .startTLSWhenOffered, capabilities.keywords.contains("STARTTLS") {
            try expect(await command("STARTTLS"), "STARTTLS", codes: [220])
            try await startTLS()
            // RFC 3207 §4.2: forget what the server said before TLS and ask again.
            capabilities = try await hello()
        }
        if let credentials = configuration.credentials {
            guard isTLS || configuration.isLoopback else { throw MailError.insecureAuthentication }
            try await authenticate(credentials, capabilities: capabilities)
        }
        let mail = try await command("MAIL FROM:<\(sender)>")
        // RFC 4954 §6: 530 asks for authentication, a configuration problem rather than a
        // verdict on this message.
        try expect(mail, "MAIL", codes: [250], phase: mail.code == 530 ? .session : .message)
        try expect(await command("RCPT TO:<\(recipient)>"), "RCPT", codes: [250, 251], phase: .message)
        try expect(await command("DATA"), "DATA", codes: [354], phase: .message)
        try await write(ByteBuffer(bytes: SMTPSession.dotStuffed(data)))
        try expect(await nextReply(), "DATA", codes: [250], phase: .message)
        // The message is accepted; a failing QUIT must not turn that into a retry.
        _ = try? await command("QUIT")
    }

    /// EHLO, falling back to HELO for servers that do not know it (RFC 5321 §3.2).
    private mutating func hello() async throws -> SMTPCapabilities {
        let reply = try await command("EHLO \(configuration.heloName)")
        if reply.isPositiveCompletion { return SMTPCapabilities(ehloReply: reply) }
        guard reply.code == 500 || reply.code == 502 else {
            throw MailError.rejected(command: "EHLO", code: reply.code, phase: .session)
        }
        try expect(await command("HELO \(configuration.heloName)"), "HELO", codes: [250])
        return SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: [""]))
    }

    private mutating func startTLS() async throws {
        let consumed = consumedReplies
        let context = sslContext
        let serverName = configuration.serverNameIndication
        let channel = channel
        try await channel.eventLoop.submit {
            let sync = channel.pipeline.syncOperations
            let replyHandler = try sync.handler(type: SMTPReplyHandler.self)
            // RFC 3207 §5 / CVE-2011-0411: anything after the 220 arrived in plaintext and
            // must not be read as a reply to a command sent over TLS.
            guard !replyHandler.hasBufferedInput, replyHandler.forwardedReplies == consumed else {
                throw MailError.protocolViolation(reason: "plaintext after STARTTLS")
            }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try sync.addHandler(tls, position: .before(replyHandler))
        }.get()
        isTLS = true
    }

    private mutating func authenticate(
        _ credentials: SMTPConfiguration.Credentials,
        capabilities: SMTPCapabilities
    ) async throws {
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            // RFC 4616 §2: authzid NUL authcid NUL passwd
            let response = Self.base64("\0\(credentials.username)\0\(credentials.password)")
            var reply = try await command("AUTH PLAIN \(response)", redacted: true)
            if reply.code == 334 { reply = try await command(response, redacted: true) }
            try expect(reply, "AUTH", codes: [235])
        } else if mechanisms.contains("LOGIN") {
            try expect(await command("AUTH LOGIN"), "AUTH", codes: [334])
            try expect(await command(Self.base64(credentials.username), redacted: true), "AUTH", codes: [334])
            try expect(await command(Self.base64(credentials.password), redacted: true), "AUTH", codes: [235])
        } else {
            throw MailError.authenticationUnsupported
        }
    }

    /// Sends one command line and waits for its reply.
    private mutating func command(_ line: String, redacted: Bool = false) async throws -> SMTPReply {
        guard !line.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw MailError.protocolViolation(reason: redacted ? "line break in credentials" : "line break in command")
        }
        try await write(ByteBuffer(string: line + "\r\n"))
        return try await nextReply()
    }

    private mutating func write(_ buffer: ByteBuffer) async throws {
        do {
            try await outbound.write(buffer)
        } catch {
            // A failed write only says the channel closed; the inbound side carries the cause
            // (a TLS alert, a timeout), so report that when there is one.
            _ = try await replies.next()
            throw error
        }
    }

    private mutating func nextReply() async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw MailError.connectionFailed(reason: "connection closed by the server")
        }
        consumedReplies += 1
        return reply
    }

    private func expect(_ reply: SMTPReply, _ command: String, codes: Set<Int>, phase: MailError.Phase = .session) throws {
        guard codes.contains(reply.code) else {
            throw MailError.rejected(command: command, code: reply.code, phase: phase)
        }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
