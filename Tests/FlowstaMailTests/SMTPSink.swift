import Foundation
import Testing

/// A real SMTP server for live tests: `smtp_sink.py` (aiosmtpd) in a child process.
///
/// The interpreter is `FLOWSTA_TEST_PYTHON` (the test command's venv) or `python3`.
struct SMTPSink {
    struct Options {
        var starttls = false
        var implicitTLS = false
        var auth: (user: String, password: String)?
    }

    /// One message as the sink received and Python's email parser read it.
    struct Received: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var data: String
        var tls: Bool
        var authenticated: Bool
        var from: String
        var to: String
        var subject: String
        var message_id: String
        var body: String
        var defects: [String]
    }

    static let python = ProcessInfo.processInfo.environment["FLOWSTA_TEST_PYTHON"] ?? "python3"
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the interpreter can import aiosmtpd.
    static let isAvailable: Bool = {
        guard let process = try? launch([python, "-c", "import aiosmtpd"], output: nil) else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Live tests run where aiosmtpd is installed, and always on CI (where its absence fails).
    static let shouldRun = isAvailable || isCI

    static let missingMessage: Comment = """
        aiosmtpd is not importable by \(python); install it (pip install aiosmtpd==1.4.6) or set \
        FLOWSTA_TEST_PYTHON to an interpreter that has it
        """

    let directory: URL
    let port: Int
    /// The self-signed certificate the sink presents when TLS is on.
    let certificatePEM: String?

    /// Starts a sink, runs `body` with it and stops it.
    static func with<T>(_ options: Options = Options(), _ body: (SMTPSink) async throws -> T) async throws -> T {
        try #require(isAvailable, missingMessage)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var arguments = [python, scriptPath, directory.path]
        var certificatePEM: String?
        if options.starttls || options.implicitTLS {
            let (certificate, key) = try makeCertificate(in: directory)
            arguments += [options.implicitTLS ? "--implicit-tls" : "--starttls", certificate.path, key.path]
            certificatePEM = try String(contentsOf: certificate, encoding: .utf8)
        }
        if let auth = options.auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }

        let stdin = Pipe()
        let log = directory.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = try launch(arguments, output: try FileHandle(forWritingTo: log), input: stdin)
        defer {
            // Closing stdin makes the sink exit even if terminate races with its start-up.
            try? stdin.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let port = try await waitForPort(directory: directory, process: process, log: log)
        return try await body(SMTPSink(directory: directory, port: port, certificatePEM: certificatePEM))
    }

    /// The messages received so far, in order.
    func received() throws -> [Received] {
        var messages: [Received] = []
        var index = 1
        while let data = FileManager.default.contents(atPath: directory.appendingPathComponent("message-\(index).json").path) {
            messages.append(try JSONDecoder().decode(Received.self, from: data))
            index += 1
        }
        return messages
    }

    private static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_sink.py").path
    }

    private static func launch(_ arguments: [String], output: FileHandle?, input: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func waitForPort(directory: URL, process: Process, log: URL) async throws -> Int {
        struct Ready: Decodable { var port: Int }
        let ready = directory.appendingPathComponent("ready.json")
        // Python and aiosmtpd start within a second or two; allow a slow, shared CI machine.
        for _ in 0..<600 {
            if let data = FileManager.default.contents(atPath: ready.path) {
                return try JSONDecoder().decode(Ready.self, from: data).port
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NotStarted(output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    struct NotStarted: Error, CustomStringConvertible {
        var output: String
        var description: String { "the SMTP sink did not start: \(output)" }
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1, made by the openssl CLI.
    private static func makeCertificate(in directory: URL) throws -> (URL, URL) {
        let certificate = directory.appendingPathComponent("cert.pem")
        let key = directory.appendingPathComponent("key.pem")
        let openssl = try launch([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key.path, "-out", certificate.path, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ], output: nil)
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a test certificate")
        return (certificate, key)
    }
}
