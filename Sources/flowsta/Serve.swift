import FlowstaPrivacy
import ArgumentParser
import FlowstaServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird

/// `flowsta serve`: migrates an empty database and serves until SIGTERM/SIGINT (then drains
/// and stops gracefully).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (creates the data dir, KEK and schema on first start).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        Self.limitMallocArenas()
        let sink = StandardOutputLogSink()
        let runtime = try await options.prepareRuntime(sink: sink)
        runtime.logger.info("flowsta starting", metadata: ["engine": .string(runtime.store.engine.rawValue)])
        defer { sink.flush() }
        try await FlowstaApplication.serve(runtime: runtime, services: [LogFlushService(sink: sink)])
    }
}

extension Serve {
    /// glibc gives each thread that allocates its own malloc arena (up to 8 per core), each
    /// keeping freed memory: with NIO's, the thread pool's and the concurrency pool's threads
    /// that was most of the server's resident memory growth under load. Two arenas serve the
    /// two-core targets without measurable contention (issue #18). `MALLOC_ARENA_MAX` in the
    /// environment still wins.
    static func limitMallocArenas() {
        #if canImport(Glibc)
        // mallopt(M_ARENA_MAX, 2); malloc.h is not part of the Glibc module, so by its symbol.
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil, let process = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(process, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        _ = mallopt(arenaMax, 2)
        #endif
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
