import Foundation

/// A latency distribution in log-scale buckets: bucket 0 holds everything under 100 µs, bucket
/// `i` (1…38) holds [100 µs·√2^(i-1), 100 µs·√2^i), bucket 39 everything from ~52 s up. Counts
/// add, so hours merge into days and months exactly; a percentile is reported as the geometric
/// middle of its bucket (within ±19 % of the true value).
public struct LatencyHistogram: Sendable, Equatable {
    public static let bucketCount = 40
    static let base = 0.000_1
    static let logStep = 0.5  // log2 of the bucket ratio √2

    public internal(set) var counts: [UInt64]

    public init() { counts = Array(repeating: 0, count: Self.bucketCount) }

    /// - Precondition: `counts.count == bucketCount`.
    public init(counts: [UInt64]) {
        precondition(counts.count == Self.bucketCount)
        self.counts = counts
    }

    /// The bucket of a latency in seconds.
    @inline(__always)
    public static func bucket(seconds: Double) -> Int {
        guard seconds >= base else { return 0 }
        let index = Int(log2(seconds / base) / logStep) + 1
        return min(index, bucketCount - 1)
    }

    public mutating func record(seconds: Double) { counts[Self.bucket(seconds: seconds)] += 1 }

    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    public var total: UInt64 { counts.reduce(0, +) }

    /// The latency (seconds) below which `fraction` (0…1) of the requests fell; `nil` without data.
    public func percentile(_ fraction: Double) -> Double? {
        let total = self.total
        guard total > 0 else { return nil }
        let rank = max(1, UInt64((fraction * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, count) in counts.enumerated() {
            seen += count
            if seen >= rank { return Self.representative(index) }
        }
        return Self.representative(Self.bucketCount - 1)
    }

    /// The geometric middle of a bucket (bucket 0: 50 µs).
    static func representative(_ index: Int) -> Double {
        guard index > 0 else { return base / 2 }
        return base * pow(2, (Double(index) - 0.5) * logStep)
    }
}
