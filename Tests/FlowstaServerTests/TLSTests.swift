import AsyncHTTPClient
import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOSSL
import Testing

/// P10: with a certificate and key configured the server speaks TLS 1.3 only, and marks its
/// responses and cookies for HTTPS.
@Suite struct TLSTests {
    /// A throwaway self-signed certificate made with the `openssl` command.
    static func makeCertificate(in directory: String) throws -> (cert: String, key: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cert = directory + "/cert.pem", key = directory + "/key.pem"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (cert, key)
    }

    @Test func servesTLS13OnlyWithHSTS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-tls-\(UUID().uuidString)").path
        let (cert, key) = try Self.makeCertificate(in: directory)
        let server = try await TestServer(tls: (cert, key))
        try await server.run(.ahc(.https)) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(health.headers[.strictTransportSecurity]?.contains("max-age=") == true)

            var legacy = TLSConfiguration.makeClientConfiguration()
            legacy.certificateVerification = .none
            legacy.maximumTLSVersion = .tlsv12
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: legacy))
            let port = try #require(client.port)
            await #expect(throws: (any Error).self) {
                _ = try await http.execute(HTTPClientRequest(url: "https://localhost:\(port)/health"), timeout: .seconds(3))
            }
            try await http.shutdown()
        }
    }
}
