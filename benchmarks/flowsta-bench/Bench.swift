import Foundation

/// `flowsta-bench`: release-mode benchmarks (see benchmarks/README.md).
///
///     flowsta-bench opaque [--seconds 10] [--threads 2]
///     flowsta-bench http --url http://127.0.0.1:8080 [--seconds 20] [--concurrency 32] [--users 64]
///     flowsta-bench apikey [--iterations 200000]
///     flowsta-bench usage [--iterations 1000000] [--days 365]
///     flowsta-bench mau [--ids 200000] [--concurrency 64] [--batch 1000] [--only batches]
///     flowsta-bench retention [--rows 200000]
///     flowsta-bench api-log [--entries 200000] [--database postgres://…]
///     flowsta-bench signup-proof [--runs 8] [--difficulties 16,18,20,22] [--smoke]
@main
struct Bench {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let usage = "usage: flowsta-bench opaque|http|apikey|usage|mau|retention|api-log|signup-proof|mgmt-setup [options]"
        guard let mode = arguments.first else {
            print(usage)
            exit(2)
        }
        arguments.removeFirst()
        let options = Options(arguments)
        switch mode {
        case "opaque":
            try await OPAQUEServerBench.run(seconds: options.double("seconds", 10), threads: options.int("threads", 2))
        case "mgmt-setup":
            try await ManagementSetup.run(url: options.string("url", "http://127.0.0.1:8080"))
        case "usage":
            try await UsageBench.run(iterations: options.int("iterations", 1_000_000), days: options.int("days", 365))
        case "mau":
            try await MAUBench.run(ids: options.int("ids", 200_000), concurrency: options.int("concurrency", 64), batch: options.int("batch", 1_000), batchesOnly: options.string("only", "") == "batches")
        case "retention":
            try await RetentionBench.run(rows: options.int("rows", 200_000))
        case "api-log":
            try await APILogBench.run(entries: options.int("entries", 200_000), database: options.values["database"])
        case "signup-proof":
            // --smoke: difficulty 8, one run (the test command runs it so the benchmark cannot break silently).
            let smoke = arguments.contains("--smoke")
            let difficulties = options.string("difficulties", "16,18,20,22").split(separator: ",").compactMap { Int($0) }
            try SignupProofBench.run(runs: smoke ? 1 : options.int("runs", 8), difficulties: smoke ? [8] : difficulties)
        case "apikey":
            try await APIKeyBench.run(iterations: options.int("iterations", 200_000))
        case "http":
            try await HTTPLoginBench.run(
                url: options.string("url", "http://127.0.0.1:8080"), seconds: options.double("seconds", 20),
                concurrency: options.int("concurrency", 32), users: options.int("users", 64)
            )
        default:
            // A typo in a benchmark script must fail it, not measure nothing.
            FileHandle.standardError.write(Data("unknown mode \(mode)\n\(usage)\n".utf8))
            exit(2)
        }
    }
}

/// `--name value` pairs.
struct Options {
    var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index + 1 < arguments.count {
            if arguments[index].hasPrefix("--") { values[String(arguments[index].dropFirst(2))] = arguments[index + 1] }
            index += 2
        }
    }

    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap(Double.init) ?? fallback }
}

/// Latency percentiles from recorded samples (milliseconds).
struct Percentiles {
    let sorted: [Double]

    init(_ samples: [Double]) { sorted = samples.sorted() }

    func callAsFunction(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var summary: String {
        String(format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", self(0.50), self(0.95), self(0.99), sorted.last ?? .nan)
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
