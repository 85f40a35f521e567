import FlowstaCore
import FlowstaCrypto
import FlowstaPlatform
import FlowstaTesting
import Foundation

/// Cached API key verification on the request path (< 20 µs per request): the
/// keyed hash of the presented key plus the cache lookup, after the first (database) lookup.
enum APIKeyBench {
    static func run(iterations: Int) async throws {
        let store = InMemoryPlatformStore()
        let service = PlatformService(
            organizations: store, memberships: store, keys: store, apps: store, invites: store, audit: store, users: store,
            mailer: CapturingMailer(), publicBaseURL: "http://localhost", keyRing: try KeyRing(kek: SecureRandom.bytes(32))
        )
        let owner = Principal.user(UUID())
        let organization = try await service.createOrganization(owner, name: "Bench", contactEmail: nil, billingAddress: nil)
        let key = try await service.createKey(owner, organization.id, name: "bench").secret
        _ = try await service.authenticate(apiKey: key)  // warm the cache and the last-used day

        for round in 1...3 {
            let start = ContinuousClock.now
            for _ in 0..<iterations {
                _ = try await service.authenticate(apiKey: key)
            }
            let elapsed = (ContinuousClock.now - start).milliseconds * 1000
            print(String(format: "api-key-verify (round %d): %d verifications, %.2f µs each", round, iterations, elapsed / Double(iterations)))
        }
    }
}
