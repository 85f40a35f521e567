import FlowstaCrypto
import Foundation

/// Server-side OPAQUE work per login: `GenerateKE2` (OPRF evaluation, credential masking, 3DH)
/// plus the `KE3` check, on `threads` concurrent tasks. Client messages are prepared up front;
/// the `KE3` is a fixed value, which costs the server exactly what a valid one costs (one
/// constant-time MAC comparison).
enum OPAQUEServerBench {
    static func run(seconds: Double, threads: Int) async throws {
        let setup = OPAQUEServerSetup.generate()
        let server = OPAQUEServer(setup: setup)
        let client = OPAQUEClient(configuration: OPAQUEConfiguration(ksf: .identity))
        let (request, registration) = try client.startRegistration(password: Array("benchmark password".utf8))
        let response = try server.createRegistrationResponse(request: request, credentialIdentifier: Array("bench".utf8))
        let (record, _) = try client.finishRegistration(state: registration, response: response)
        let ke1s = try (0..<256).map { _ in try client.startLogin(password: Array("benchmark password".utf8)).ke1 }
        let ke3 = try KE3(bytes: [UInt8](repeating: 1, count: 64))

        // Sanity check: a real login through the same server succeeds.
        let (ke1, state) = try client.startLogin(password: Array("benchmark password".utf8))
        let (ke2, serverState) = try server.startLogin(ke1: ke1, record: record, credentialIdentifier: Array("bench".utf8))
        let finished = try client.finishLogin(state: state, ke2: ke2)
        _ = try server.finishLogin(state: serverState, ke3: finished.ke3)

        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<threads {
                group.addTask {
                    var count = 0
                    var index = worker
                    while ContinuousClock.now < deadline {
                        for _ in 0..<50 {
                            let ke1 = ke1s[index % ke1s.count]
                            index += 1
                            let unknown = index % 10 == 0  // every tenth login is for an unknown user
                            let (_, state) = try server.startLogin(ke1: ke1, record: unknown ? nil : record, credentialIdentifier: Array("bench".utf8))
                            _ = try? server.finishLogin(state: state, ke3: ke3)
                            count += 1
                        }
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = (ContinuousClock.now - start).milliseconds / 1000
        print(String(format: "opaque-server: %d logins in %.2f s on %d tasks = %.0f logins/s (%.1f µs per login per core)",
                     counts, elapsed, threads, Double(counts) / elapsed, elapsed * 1e6 * Double(threads) / Double(counts)))
    }
}
