import Foundation
import Testing

@testable import FlowstaMail

@Suite struct MailMessageRenderingTests {
    // 2025-07-01 09:05:00 UTC, a Tuesday.
    let date = Date(timeIntervalSince1970: 1_751_360_700)

    private func render(_ message: MailMessage) throws -> [UInt8] {
        try message.rendered(date: date, messageID: "0f5e2c1a@localhost")
    }

    @Test func rendersTheHeadersAndBody() throws {
        let rendered = try render(.sample)
        let text = String(decoding: rendered, as: UTF8.self)
        #expect(text == """
            Date: Tue, 01 Jul 2025 09:05:00 +0000\r
            From: Flowsta <no-reply@localhost>\r
            To: Alice Example <alice@example.com>\r
            Subject: Your sign-in code\r
            Message-ID: <0f5e2c1a@localhost>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hello Alice,\r
            your code is 123456.\r

            """)
    }

    @Test func usesCRLFOnlyAndSevenBits() throws {
        let message = MailMessage(from: "a@example.com", to: "b@example.com", subject: "Grüße", text: "Zeile 1\nZeile 2\rZeile 3\r\nÄ")
        let rendered = try render(message)
        #expect(rendered.allSatisfy { $0 < 0x80 })
        for (index, octet) in rendered.enumerated() where octet == UInt8(ascii: "\n") {
            #expect(index > 0 && rendered[index - 1] == UInt8(ascii: "\r"))
        }
        for (index, octet) in rendered.enumerated() where octet == UInt8(ascii: "\r") {
            #expect(index + 1 < rendered.count && rendered[index + 1] == UInt8(ascii: "\n"))
        }
    }

    @Test(arguments: [
        "Grüße aus Köln",
        "日本語の件名です。これはとても長い件名なので、いくつかのエンコードされた単語に分割されます",
        "Emoji 👩‍👩‍👧 family and more text to push it past one encoded-word",
        "Looks like =?utf-8?B?SGk=?= an encoded-word",
    ])
    func encodesNonASCIISubjectsAsEncodedWords(subject: String) throws {
        var message = MailMessage.sample
        message.subject = subject
        let fields = headerFields(of: try render(message))
        let value = try #require(fields.first { $0.name == "Subject" }?.value)
        #expect(value.hasPrefix("=?utf-8?B?"))
        #expect(decodeEncodedWords(value) == subject)
        for line in value.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
        }
    }

    @Test func foldsLongASCIISubjectsAtSpaces() throws {
        var message = MailMessage.sample
        message.subject = Array(repeating: "word", count: 40).joined(separator: " ") + "  double"
        let text = String(decoding: try render(message), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let value = try #require(headerFields(of: try render(message)).first { $0.name == "Subject" }?.value)
        // RFC 5322 §2.2.3: unfolding removes the CRLFs only.
        #expect(value.replacingOccurrences(of: "\r\n", with: "") == message.subject)
    }

    @Test(arguments: [
        ("Bob <bob@example.com>", "Bob <bob@example.com>"),
        ("bob@example.com", "bob@example.com"),
        ("  Bob Example   <bob@example.com>  ", "Bob Example <bob@example.com>"),
        ("Doe, John <john@example.com>", "\"Doe, John\" <john@example.com>"),
        ("Say \"hi\" <x@example.com>", "\"Say \\\"hi\\\"\" <x@example.com>"),
        ("Zoë <zoe@example.com>", "=?utf-8?B?Wm/Dqw==?= <zoe@example.com>"),
    ])
    func rendersDisplayNames(to: String, expected: String) throws {
        var message = MailMessage.sample
        message.to = to
        let fields = headerFields(of: try render(message))
        #expect(fields.first { $0.name == "To" }?.value == expected)
    }

    @Test func encodesTheBodyAsQuotedPrintable() throws {
        var message = MailMessage.sample
        let long = String(repeating: "0123456789", count: 20)
        message.text = "Grüße = Ä\ntrailing space \n\(long)\n.\n.leading dot\n"
        let rendered = String(decoding: try render(message), as: UTF8.self)
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body.hasPrefix("Gr=C3=BC=C3=9Fe =3D =C3=84\r\ntrailing space=20\r\n"))
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(decodeQuotedPrintable(body) == message.text)
    }

    @Test(arguments: ["from", "to", "subject"])
    func rejectsLineBreaksInHeaderFields(field: String) throws {
        for injection in ["x\r\nBcc: victim@example.com", "x\nBcc: victim@example.com", "x\rBcc: v@example.com", "x\0y"] {
            var message = MailMessage.sample
            switch field {
            case "from": message.from = "Evil <evil@example.com>" + injection
            case "to": message.to = "alice@example.com" + injection
            default: message.subject = injection
            }
            let expected = ["from": "From", "to": "To", "subject": "Subject"][field]!
            #expect(throws: MailError.invalidHeaderField(field: expected)) { try render(message) }
            #expect(throws: MailError.invalidHeaderField(field: expected)) { try message.validate() }
        }
    }

    @Test(arguments: ["", "alice", "alice@", "@example.com", "a b@example.com", "alice@exam ple.com", "<alice@example.com",
                      "alice@@example.com", "ali<ce@example.com", "Alice <>", "jörg@example.com", "alice@example.com."])
    func rejectsInvalidAddresses(address: String) {
        var message = MailMessage.sample
        message.to = address
        #expect(throws: MailError.invalidAddress(field: "To")) { try message.validate() }
    }

    @Test func derivesTheMessageIDFromTheOutboxID() throws {
        let id = try #require(UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8"))
        #expect(try MailMessage.sample.messageID(for: id) == "6ba7b810-9dad-11d1-80b4-00c04fd430c8@localhost")
        #expect(throws: MailError.invalidHeaderField(field: "Message-ID")) {
            try MailMessage.sample.rendered(date: date, messageID: "x>\r\nBcc: v@example.com")
        }
    }

    @Test(arguments: [
        ("Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n"),
        (".first\r\n.\r\n..two\r\n", "..first\r\n..\r\n...two\r\n.\r\n"),
        ("no final newline", "no final newline\r\n.\r\n"),
        ("bare\nlf\n.dot", "bare\r\nlf\r\n..dot\r\n.\r\n"),
        ("bare\rcr", "bare\r\ncr\r\n.\r\n"),
        ("", ".\r\n"),
    ])
    func dotStuffsTheDataSection(input: String, expected: String) {
        let stuffed = SMTPSession.dotStuffed(Array(input.utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == expected)
    }
}
