import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP submission client on SwiftNIO: one connection per message (RFC 5321, RFC 6409).
///
/// The dialogue is EHLO, STARTTLS when offered (RFC 3207) and EHLO again, AUTH PLAIN or LOGIN
/// when credentials are configured (RFC 4954), MAIL, RCPT, DATA and QUIT.
public struct SMTPClient: MailTransport {
    public let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup

    /// - Parameters:
    ///   - configuration: The server and its credentials.
    ///   - eventLoopGroup: The group to connect on; NIO's shared group unless given.
    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    public func deliver(_ message: MailMessage, messageID: String, date: Date) async throws {
        let data = try message.rendered(date: date, messageID: messageID)
        let sender = try MailAddress(parsing: message.from, field: "From")
        let recipient = try MailAddress(parsing: message.to, field: "To")
        try await send(from: sender.address, to: recipient.address, data: data)
    }

    /// Sends already rendered message octets in one SMTP transaction.
    ///
    /// - Parameters:
    ///   - sender: The envelope sender (`MAIL FROM`), a bare addr-spec.
    ///   - recipient: The envelope recipient (`RCPT TO`), a bare addr-spec.
    ///   - data: RFC 5322 octets with CRLF line endings; dot-stuffing is done here.
    /// - Throws: ``MailError``.
    public func send(from sender: String, to recipient: String, data: [UInt8]) async throws {
        // The addresses go inside `<…>` on a command line: printable ASCII only.
        let isPathSafe = { (address: String) in
            !address.isEmpty && address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" }
        }
        guard isPathSafe(sender) else { throw MailError.invalidAddress(field: "MAIL FROM") }
        guard isPathSafe(recipient) else { throw MailError.invalidAddress(field: "RCPT TO") }
        let sslContext = try makeSSLContext()
        let channel = try await connect(sslContext: sslContext)
        do {
            try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(
                    channel: channel.channel,
                    replies: inbound.makeAsyncIterator(),
                    outbound: outbound,
                    configuration: configuration,
                    sslContext: sslContext,
                    isTLS: configuration.security == .implicitTLS
                )
                try await session.run(sender: sender, recipient: recipient, data: data)
            }
        } catch {
            throw Self.mailError(error)
        }
    }

    private func connect(sslContext: NIOSSLContext) async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let implicitTLS = configuration.security == .implicitTLS
        let serverName = configuration.serverNameIndication
        let readTimeout = TimeAmount(configuration.commandTimeout)
        do {
            return try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(IdleStateHandler(readTimeout: readTimeout))
                        if implicitTLS {
                            try sync.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                        }
                        try sync.addHandler(SMTPReplyHandler())
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Self.mailError(error)
        }
    }

    private func makeSSLContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        switch configuration.certificateVerification {
        case .system:
            break
        case let .trusting(pem):
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            } catch {
                throw MailError.tlsFailed(reason: "unreadable trusted certificate")
            }
        case .insecureNoVerification:
            tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw MailError.tlsFailed(reason: "\(error)")
        }
    }

    /// Maps NIO and TLS errors to ``MailError`` without quoting anything sent or received.
    static func mailError(_ error: any Error) -> MailError {
        switch error {
        case let error as MailError: return error
        case let error as NIOSSLError: return .tlsFailed(reason: "\(error)")
        case let error as BoringSSLError: return .tlsFailed(reason: "\(error)")
        case let error as NIOSSLExtraError: return .tlsFailed(reason: "\(error)")
        case let error as IOError: return .connectionFailed(reason: "\(error)")
        case ChannelError.connectTimeout: return .connectionFailed(reason: "connect timed out")
        case is NIOConnectionError: return .connectionFailed(reason: "could not connect")
        default: return .connectionFailed(reason: String(describing: type(of: error)))
        }
    }
}

extension SMTPConfiguration {
    /// The TLS SNI name: the host, unless it is an IP literal (RFC 6066 §3 forbids those; the
    /// certificate is then checked against the address).
    var serverNameIndication: String? {
        let isIPv4 = host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}
