import FlowstaCore
import Foundation
import Synchronization

/// Counts requests in memory, per organization, app, route group and hour; a flush hands the
/// counts to storage. Recording takes one lock and a dictionary update (no I/O on the request
/// path); a crash loses at most what was recorded since the last flush.
public final class Meter: Sendable {
    private let pending = Mutex<[MeteringKey: UsageCounts]>([:])
    private let logs = Mutex<[APILogEntry]>([])
    /// Log entries held between flushes at most; beyond it new entries are dropped (and counted
    /// in the hourly rows all the same).
    public static let logCapacity = 200_000

    public init() {}

    /// Keeps one API log entry until the next flush.
    public func log(_ entry: APILogEntry) {
        logs.withLock { logs in
            if logs.count < Self.logCapacity { logs.append(entry) }
        }
    }

    /// Takes the log entries kept so far.
    public func drainLogs() -> [APILogEntry] {
        logs.withLock { logs in
            let taken = logs
            logs.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// Puts back entries whose write failed.
    public func restoreLogs(_ entries: [APILogEntry]) {
        logs.withLock { logs in logs.insert(contentsOf: entries.prefix(max(0, Self.logCapacity - logs.count)), at: 0) }
    }

    /// Records one request.
    /// - Parameters:
    ///   - at: when the request arrived.
    ///   - status: the HTTP status answered.
    ///   - latency: seconds spent answering.
    public func record(organizationID: UUID, appID: UUID?, group: RouteGroup, at: Date, status: Int, latency: Double) {
        let key = MeteringKey(organizationID: organizationID, appID: appID, group: group, hour: Int((at.timeIntervalSince1970 / 3600).rounded(.down)))
        let bucket = LatencyHistogram.bucket(seconds: latency)
        pending.withLock { pending in
            pending[key, default: UsageCounts()].add(status: status, bucket: bucket)
        }
    }

    /// Takes everything recorded so far (the next flush starts empty).
    public func drain() -> [MeteringKey: UsageCounts] {
        pending.withLock { pending in
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// Puts back a batch whose flush failed, so the next flush retries it.
    public func restore(_ batch: [MeteringKey: UsageCounts]) {
        pending.withLock { pending in
            for (key, counts) in batch { pending[key, default: UsageCounts()].merge(counts) }
        }
    }
}

extension UsageCounts {
    @inline(__always)
    mutating func add(status: Int, bucket: Int) {
        requests += 1
        if (400..<500).contains(status) { clientErrors += 1 } else if status >= 500 { serverErrors += 1 }
        latency.increment(bucket)
    }
}

extension LatencyHistogram {
    @inline(__always)
    mutating func increment(_ bucket: Int) { counts[bucket] += 1 }
}
