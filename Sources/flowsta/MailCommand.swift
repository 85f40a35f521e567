import FlowstaPrivacy
import ArgumentParser
import FlowstaServer
import Foundation

/// `flowsta mail outbox`: the mail waiting for delivery (operators; without SMTP it all waits).
struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect outgoing mail.",
        subcommands: [Outbox.self]
    )

    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List undelivered mail, oldest first.")

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let sink = StandardOutputLogSink()
            let runtime = try await options.prepareRuntime(sink: sink)
            defer { sink.flush() }
            let pending: [(id: UUID, created: Date, attempts: Int, error: String?, to: String, subject: String, text: String)]
            do {
                pending = try await runtime.mailer.list().map { ($0.0.id, $0.0.createdAt, $0.0.attempts, $0.0.lastError, $0.1.to, $0.1.subject, $0.1.text) }
            } catch {
                await runtime.store.shutdown()
                throw error
            }
            await runtime.store.shutdown()
            sink.flush()
            if pending.isEmpty { print("The outbox is empty.") }
            for mail in pending {
                print("--- \(mail.id.uuidString.lowercased())  queued \(mail.created.ISO8601Format())  attempts \(mail.attempts)\(mail.error.map { "  last error: \($0)" } ?? "")")
                print("To: \(mail.to)\nSubject: \(mail.subject)\n\n\(mail.text)\n")
            }
        }
    }
}

/// `flowsta retention run [--now ISO8601]`: enforces the retention rules once.
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Data retention.",
        subcommands: [Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete what is past its retention period (expired sessions, login states and invites, delivered mail after 30 days, expired OAuth codes, refresh tokens and grants, API logs after 90 days, usage analytics after 2 years, MAU ids of months closed 3 days after their end, MAU counts after 2 years). `flowsta serve` runs the same every hour.")

        @OptionGroup var options: ServerOptions

        @Option(help: "Act as if it were this instant (ISO 8601), for checks and tests.")
        var now: String?

        func run() async throws {
            let instant = try now.map { value -> Date in
                guard let date = ISO8601DateFormatter().date(from: value) else { throw ValidationError("--now must be an ISO 8601 instant, e.g. 2027-01-31T12:00:00Z") }
                return date
            }
            let sink = StandardOutputLogSink()
            let runtime = try await options.prepareRuntime(sink: sink, now: instant)
            defer { sink.flush() }
            do {
                let report = try await FlowstaApplication.runRetention(runtime: runtime, now: instant ?? Date())
                await runtime.store.shutdown()
                print(report.description)
            } catch {
                await runtime.store.shutdown()
                throw error
            }
        }
    }
}
