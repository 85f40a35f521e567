import FlowstaPrivacy
import ArgumentParser
import FlowstaPlatform
import FlowstaServer
import Foundation

/// `flowsta orgs set-plan ORG PLAN`: operator control of plans while billing is off.
struct Orgs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operator commands for organizations.",
        subcommands: [SetPlan.self]
    )

    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-plan",
            abstract: "Set an organization's plan (free, spark, pro, enterprise); recorded in its audit log."
        )

        @OptionGroup var options: ServerOptions

        @Argument(help: "The organization id (from GET /api/v1/orgs).")
        var organization: String

        @Argument(help: "free, spark, pro or enterprise.")
        var plan: String

        func run() async throws {
            guard let id = UUID(uuidString: organization) else { throw ValidationError("\(organization) is not an organization id") }
            guard let plan = Plan(rawValue: plan) else { throw ValidationError("plan must be one of free, spark, pro, enterprise") }
            let sink = StandardOutputLogSink()
            let runtime = try await options.prepareRuntime(sink: sink)
            defer { sink.flush() }
            do {
                let updated = try await runtime.platform.setPlan(id, plan)
                await runtime.store.shutdown()
                print("\(updated.name) (\(updated.id.uuidString.lowercased())) is now on the \(updated.plan.rawValue) plan")
            } catch PlatformError.notFound {
                await runtime.store.shutdown()
                throw ValidationError("no organization \(organization)")
            } catch {
                await runtime.store.shutdown()
                throw error
            }
        }
    }
}
