import ArgumentParser

/// `flowsta`: the Flowsta Auth server and its operator commands.
@main
struct Flowsta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowsta",
        abstract: "Flowsta Auth: privacy-first authentication (OPAQUE, OAuth 2.0, OpenID Connect).",
        subcommands: [Serve.self, Migrate.self, Mail.self, Retention.self, Orgs.self, Keys.self, Notices.self, Store.self],
        defaultSubcommand: Serve.self
    )
}

