import FlowstaMail
import Testing

@Suite struct SMTPConfigurationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var security: SMTPConfiguration.Security
        var username: String?
        var password: String?
        var testDescription: String { url }
    }

    @Test(arguments: [
        Case(url: "smtp://mail.example.com", host: "mail.example.com", port: 587, security: .startTLSWhenOffered),
        Case(url: "smtp://mail.example.com/", host: "mail.example.com", port: 587, security: .startTLSWhenOffered),
        Case(url: "SMTP://mail.example.com:25", host: "mail.example.com", port: 25, security: .startTLSWhenOffered),
        Case(url: "smtps://mail.example.com", host: "mail.example.com", port: 465, security: .implicitTLS),
        Case(url: "smtps://mail.example.com:2465", host: "mail.example.com", port: 2465, security: .implicitTLS),
        Case(url: "smtp://user:pass@127.0.0.1:2525", host: "127.0.0.1", port: 2525, security: .startTLSWhenOffered,
             username: "user", password: "pass"),
        Case(url: "smtp://apikey%40example.com:p%40ss%3Aw%2Fo%25rd@smtp.example.com", host: "smtp.example.com", port: 587,
             security: .startTLSWhenOffered, username: "apikey@example.com", password: "p@ss:w/o%rd"),
        Case(url: "smtps://only-user@smtp.example.com", host: "smtp.example.com", port: 465, security: .implicitTLS,
             username: "only-user", password: ""),
        Case(url: "smtp://[::1]:2525", host: "::1", port: 2525, security: .startTLSWhenOffered),
        Case(url: "smtp://u:p@[2001:db8::1]", host: "2001:db8::1", port: 587, security: .startTLSWhenOffered,
             username: "u", password: "p"),
        Case(url: "smtp://@localhost", host: "localhost", port: 587, security: .startTLSWhenOffered),
    ])
    func parsesURLs(_ expected: Case) throws {
        let configuration = try SMTPConfiguration(url: expected.url)
        #expect(configuration.host == expected.host)
        #expect(configuration.port == expected.port)
        #expect(configuration.security == expected.security)
        #expect(configuration.credentials?.username == expected.username)
        #expect(configuration.credentials?.password == expected.password)
        #expect(configuration.from == SMTPConfiguration.defaultFrom)
        #expect(configuration.certificateVerification == .system)
    }

    @Test(arguments: [
        "", "mail.example.com", "http://mail.example.com", "smtp://", "smtp://:587", "smtp://host:0", "smtp://host:65536",
        "smtp://host:port", "smtp://host:+25", "smtp://host/path", "smtp://host?tls=no", "smtp://host#x",
        "smtp://:secret@host", "smtp://u:%zz@host", "smtp://[::1", "smtp://[::1]x", "smtp://ho st", "smtp://a:b:25",
    ])
    func rejectsMalformedURLs(url: String) {
        #expect {
            try SMTPConfiguration(url: url)
        } throws: { error in
            guard case .invalidURL = error as? MailError else { return false }
            return true
        }
    }

    @Test func neverShowsThePassword() throws {
        let configuration = try SMTPConfiguration(url: "smtp://alice:hunter2%21@mail.example.com")
        #expect(configuration.description == "smtp://alice:<redacted>@mail.example.com:587")
        #expect(!"\(configuration)".contains("hunter2"))
        #expect(!String(reflecting: configuration.credentials!).contains("hunter2"))
        do {
            _ = try SMTPConfiguration(url: "smtp://alice:hunter2@mail.example.com:99999")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }

    @Test func takesTheSender() throws {
        var configuration = try SMTPConfiguration(url: "smtps://mail.example.com", from: "Flowsta <auth@example.com>")
        #expect(configuration.from == "Flowsta <auth@example.com>")
        configuration.from = "other@example.com"
        #expect(configuration.from == "other@example.com")
        #expect(configuration.description == "smtps://mail.example.com:465")
    }

    @Test(arguments: [("localhost", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true),
                      ("mail.example.com", false), ("10.0.0.1", false), ("localhost.example.com", false)])
    func recognisesLoopbackHosts(host: String, isLoopback: Bool) {
        #expect(SMTPConfiguration(host: host, port: 25, security: .startTLSWhenOffered).isLoopback == isLoopback)
    }
}
