import FlowstaPrivacy
import ArgumentParser
import FlowstaServer
import Foundation

/// `flowsta keys rotate`: new token-signing keys; the old ones stay published until the tokens
/// they signed have expired.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the token-signing keys (RS256, ES256, EdDSA).",
        subcommands: [Rotate.self]
    )

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new signing key per algorithm; previous keys stay in the JWKS for 2 hours, then are deleted."
        )

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let sink = StandardOutputLogSink()
            let runtime = try await options.prepareRuntime(sink: sink)
            defer { sink.flush() }
            do {
                let added = try await FlowstaApplication.rotateSigningKeys(runtime: runtime)
                await runtime.store.shutdown()
                print("new signing keys: \(added.joined(separator: ", ")); running servers pick them up at once on PostgreSQL, within a minute otherwise")
            } catch {
                await runtime.store.shutdown()
                throw error
            }
        }
    }
}
