import FlowstaPrivacy
import ArgumentParser
import FlowstaServer
import Foundation
import Hummingbird

/// `flowsta serve`: migrates an empty database and serves until SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (creates the data dir, KEK and schema on first start).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let sink = StandardOutputLogSink()
        let runtime = try await options.prepareRuntime(sink: sink)
        runtime.logger.info("flowsta starting", metadata: ["engine": .string(runtime.store.engine.rawValue)])
        defer { sink.flush() }
        try await FlowstaApplication.application(runtime: runtime, services: [LogFlushService(sink: sink)]).runService()
    }
}

/// `flowsta migrate`: applies pending schema migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let sink = StandardOutputLogSink()
        let runtime = try await options.prepareRuntime(sink: sink)
        await runtime.store.shutdown()
        runtime.logger.info("migrations applied", metadata: ["engine": .string(runtime.store.engine.rawValue)])
        sink.flush()
    }
}
