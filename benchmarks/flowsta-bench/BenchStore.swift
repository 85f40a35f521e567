import FlowstaAccounts
import FlowstaPlatform
import FlowstaStore
import Foundation
import Logging

/// A fresh embedded SQLite store in a temporary directory with one organization (pro plan) and
/// its owner, for the store benchmarks.
struct BenchStore {
    let directory: String
    let store: FlowstaDatabase
    let organizationID: UUID

    /// - Parameter url: a PostgreSQL URL to measure that store instead (its database should be
    ///   empty; the benchmark's rows stay there).
    static func make(_ name: String, url: String? = nil) async throws -> BenchStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowsta-\(name)-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try FlowstaDatabase(url: url ?? "sqlite://\(directory)/bench.sqlite", logger: Logger(label: "bench"))
        try await store.migrate()
        let organization = StoredOrganization(id: UUID(), name: "Bench", contactEmailSealed: nil, billingAddress: nil, plan: .pro, createdAt: Date(), updatedAt: Date())
        let owner = UUID()
        try await FluentUserRepository(store: store).create(StoredUser(
            id: owner, username: "bench", usernameNormalized: "bench", credentialIdentifier: "bench", displayName: nil, emailSealed: nil,
            emailIndex: nil, agentPublicKey: nil, opaqueRecord: [0], createdAt: Date(), updatedAt: Date()
        ))
        try await FluentPlatformRepository(store: store).create(organization, owner: Membership(organizationID: organization.id, userID: owner, role: .owner, createdAt: Date()))
        return BenchStore(directory: directory, store: store, organizationID: organization.id)
    }

    /// Closes the store and deletes its directory.
    func close() async {
        await store.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
