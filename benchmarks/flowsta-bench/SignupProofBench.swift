import FlowstaCore
import FlowstaCrypto
import Foundation

/// What the sign-up proof of work costs the Swift SDK (`FlowstaClient.register` runs
/// ``ProofOfWork/solve(challenge:username:difficulty:)`` on one core): hashes per second and the
/// mean time per difficulty over random challenges shaped like the server's (67 characters).
enum SignupProofBench {
    static func run(runs: Int, difficulties: [Int]) throws {
        print("difficulty  runs  mean attempts  mean ms  hashes/s  (expected attempts 2^d)")
        for difficulty in difficulties {
            var attempts = 0.0
            var seconds = 0.0
            for _ in 0..<runs {
                let challenge = Base64URL.encode(SecureRandom.bytes(26)) + SecureRandom.bytes(16).hexString
                let start = DispatchTime.now().uptimeNanoseconds
                let nonce = try ProofOfWork.solve(challenge: challenge, username: "benchmark_user", difficulty: difficulty)
                seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                attempts += (Double(nonce) ?? 0) + 1
            }
            let mean = attempts / Double(runs)
            print(String(format: "%10d  %4d  %13.0f  %7.1f  %8.0f", difficulty, runs, mean, seconds / Double(runs) * 1000, attempts / seconds))
        }
    }
}
