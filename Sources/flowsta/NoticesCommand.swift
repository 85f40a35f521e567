import FlowstaPrivacy
import ArgumentParser
import FlowstaPlatform
import FlowstaServer
import Foundation

/// `flowsta notices publish`: operators publish policy, terms and service notices.
struct Notices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Notices to developers (policy and terms changes, service, API, billing and security announcements).",
        subcommands: [Publish.self]
    )

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a notice: listed at GET /api/v1/notices and emailed to every organization's contact and owners (security notices: owners only). Policy and terms changes take effect at least 60 days later."
        )

        @OptionGroup var options: ServerOptions

        @Option(help: "policy, terms, service, api, billing or security.")
        var kind: String

        @Option(help: "One line.")
        var title: String

        @Option(help: "The text (or use --body-file).")
        var body: String?

        @Option(help: "A file with the text.")
        var bodyFile: String?

        @Option(help: "When it takes effect: YYYY-MM-DD (UTC midnight) or an ISO 8601 instant.")
        var effective: String

        func run() async throws {
            guard let kind = NoticeKind(rawValue: kind) else { throw ValidationError("--kind must be one of \(NoticeKind.allCases.map(\.rawValue).joined(separator: ", "))") }
            let text: String
            switch (body, bodyFile) {
            case (let body?, nil): text = body
            case (nil, let path?): text = try String(contentsOfFile: path, encoding: .utf8)
            default: throw ValidationError("give exactly one of --body and --body-file")
            }
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            guard let effectiveAt = ISO8601DateFormatter().date(from: effective) ?? day.date(from: effective) else {
                throw ValidationError("--effective must be YYYY-MM-DD or an ISO 8601 instant")
            }
            let sink = StandardOutputLogSink()
            let runtime = try await options.prepareRuntime(sink: sink)
            defer { sink.flush() }
            do {
                let published = try await runtime.notices.publish(kind: kind, title: title, body: text, effectiveAt: effectiveAt)
                await runtime.store.shutdown()
                print("published \(kind.rawValue) notice \(published.notice.id.uuidString.lowercased()), effective \(effective); emailed to \(published.recipients) address(es)")
            } catch PlatformError.invalidRequest(let reason) {
                await runtime.store.shutdown()
                throw ValidationError(reason)
            } catch {
                await runtime.store.shutdown()
                throw error
            }
        }
    }
}
