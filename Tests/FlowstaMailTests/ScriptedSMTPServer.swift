import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A one-connection TCP server on a loopback port that answers each received line as
/// `respond` says, for misbehaving-server cases a real server will not play.
final class ScriptedSMTPServer: Sendable {
    private let lines = Mutex<[String]>([])

    /// Every line the client sent, without CRLF.
    var received: [String] { lines.withLock { $0 } }

    /// Runs `body` with the server's port.
    ///
    /// - Parameters:
    ///   - greeting: Sent on connect; `nil` keeps the server silent.
    ///   - closeAfterGreeting: Hang up right after the greeting.
    ///   - respond: The reply (with CRLFs) to a line, or `nil` for none, e.g. for DATA lines.
    ///   - body: Talks to the server.
    static func with(
        greeting: String? = "220 scripted ESMTP\r\n",
        closeAfterGreeting: Bool = false,
        respond: @escaping @Sendable (String) -> String?,
        _ body: (_ port: Int, _ server: ScriptedSMTPServer) async throws -> Void
    ) async throws {
        let server = ScriptedSMTPServer()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(listener.channel.localAddress?.port)
        try await withThrowingTaskGroup { group in
            group.addTask {
                try await listener.executeThenClose { connections in
                    for try await connection in connections {
                        try await server.serve(connection, greeting: greeting, close: closeAfterGreeting, respond: respond)
                        return
                    }
                }
            }
            try await body(port, server)
            group.cancelAll()
        }
    }

    private func serve(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>,
        greeting: String?,
        close: Bool,
        respond: @Sendable (String) -> String?
    ) async throws {
        try await connection.executeThenClose { input, output in
            if let greeting { try await output.write(ByteBuffer(string: greeting)) }
            if close { return }
            var pending = ""
            for try await chunk in input {
                pending += String(buffer: chunk)
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    lines.withLock { $0.append(line) }
                    if let reply = respond(line) { try await output.write(ByteBuffer(string: reply)) }
                }
            }
        }
    }
}
