import NIOCore
import NIOEmbedded
import Testing

@testable import FlowstaMail

@Suite struct SMTPReplyParserTests {
    private func parse(_ lines: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try lines.compactMap { try parser.feed($0) }
    }

    @Test func parsesSingleLineReplies() throws {
        #expect(try parse(["220 mail.example.com ESMTP ready"]) == [SMTPReply(code: 220, lines: ["mail.example.com ESMTP ready"])])
        #expect(try parse(["250"]) == [SMTPReply(code: 250, lines: [""])])
        #expect(try parse(["354 "]) == [SMTPReply(code: 354, lines: [""])])
    }

    @Test func assemblesMultiLineReplies() throws {
        let replies = try parse(["250-mail.example.com", "250-PIPELINING", "250-AUTH PLAIN LOGIN", "250 STARTTLS", "221 bye"])
        #expect(replies == [
            SMTPReply(code: 250, lines: ["mail.example.com", "PIPELINING", "AUTH PLAIN LOGIN", "STARTTLS"]),
            SMTPReply(code: 221, lines: ["bye"]),
        ])
        #expect(replies[0].isPositiveCompletion)
        #expect(!replies[0].isPositiveIntermediate)
    }

    @Test(arguments: [
        ["25"], ["abc def"], ["650 no such class"], ["260 bad second digit"], ["250_underscore"], ["250-first", "251 other code"],
        ["250-" + String(repeating: "x", count: 3000)],
    ])
    func rejectsMalformedReplies(lines: [String]) {
        #expect {
            try parse(lines)
        } throws: { error in
            guard case .protocolViolation = error as? MailError else { return false }
            return true
        }
    }

    @Test func refusesEndlessReplies() {
        #expect(throws: MailError.protocolViolation(reason: "reply too long")) {
            try parse(Array(repeating: "250-more", count: SMTPReplyParser.maxLines + 1))
        }
    }

    @Test func readsCapabilities() throws {
        let reply = SMTPReply(code: 250, lines: ["mail.example.com greets you", "8BITMIME", "auth login Plain", "AUTH=XOAUTH2", "starttls"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.keywords.isSuperset(of: ["8BITMIME", "AUTH", "STARTTLS"]))
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "XOAUTH2"])
        #expect(!capabilities.keywords.contains("MAIL.EXAMPLE.COM"))
    }

    @Test func handlerReassemblesRepliesAcrossReads() throws {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        for chunk in ["220 hel", "lo\r\n250-a\r", "\n250-b\n250 c\r\n", "354 go"] {
            try channel.writeInbound(ByteBuffer(string: chunk))
        }
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 220, lines: ["hello"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 250, lines: ["a", "b", "c"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        let handler = try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self)
        #expect(handler.forwardedReplies == 2)
        #expect(handler.hasBufferedInput)
        _ = try channel.finish()
    }

    @Test func handlerFailsOnGarbage() throws {
        let channel = EmbeddedChannel(handler: SMTPReplyHandler())
        #expect(throws: MailError.protocolViolation(reason: "malformed reply code")) {
            try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n"))
        }
        #expect(!channel.isActive)
    }
}
