import FlowstaCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Where log lines go: stdout in production, a buffer in tests.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// Writes lines to standard output in batches: request handlers only append to a buffer, and
/// ``LogFlushService`` writes it out every 50 ms (sooner past 64 KiB). A crash can lose at most
/// the last 50 ms of log lines.
public final class StandardOutputLogSink: LogSink {
    private let pending = Mutex<[UInt8]>([])
    /// Serialises writers so batches reach the file in order.
    private let writer = Mutex<Void>(())
    private static let flushThreshold = 64 * 1024

    public init() {}

    public func write(_ line: String) {
        let full = pending.withLock { buffer -> Bool in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0a)
            return buffer.count >= Self.flushThreshold
        }
        if full { flush() }
    }

    /// Writes out everything buffered so far.
    public func flush() {
        writer.withLock { _ in
            let batch = pending.withLock { buffer -> [UInt8] in
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            batch.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
}

/// Keeps every line in memory (tests scan them for leaked data).
public final class CapturingLogSink: LogSink {
    private let lines = Mutex<[String]>([])
    public init() {}
    public func write(_ line: String) { lines.withLock { $0.append(line) } }
    /// Everything written so far.
    public var captured: [String] { lines.withLock { $0 } }
}

/// A swift-log handler writing one JSON object per line, through the privacy filter.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let sink: any LogSink

    public init(label: String, level: Logger.Level, sink: any LogSink) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, LogValue)] = [
            ("ts", .string(LogTimestamp.now())),
            ("level", .string(event.level.rawValue)),
            ("msg", .string(LogRedaction.redactMessage(event.message.description))),
            ("logger", .string(label)),
        ]
        let merged = event.metadata.map { metadata.merging($0) { _, new in new } } ?? metadata
        for key in merged.keys.sorted() {
            // Hummingbird's request id is written under our field name.
            let name = key == "hb.request.id" ? "request_id" : key
            fields.append((name, LogRedaction.redact(key: key, value: merged[key]!)))
        }
        var line = ""
        LogValue.object(fields).append(to: &line)
        sink.write(line)
    }
}

/// RFC 3339 UTC timestamps with milliseconds, from `clock_gettime` and `gmtime_r` (Foundation's
/// formatters cost more than the rest of a log line).
enum LogTimestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(spec.tv_nsec / 1_000_000), 3))Z"
    }
}

/// A metadata value after redaction.
indirect enum LogValue {
    case string(String)
    case array([LogValue])
    case object([(String, LogValue)])

    func append(to line: inout String) {
        switch self {
        case .string(let string):
            JSONText.appendString(string, to: &line)
        case .array(let values):
            line += "["
            for (index, value) in values.enumerated() {
                if index > 0 { line += "," }
                value.append(to: &line)
            }
            line += "]"
        case .object(let fields):
            line += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { line += "," }
                JSONText.appendString(key, to: &line)
                line += ":"
                value.append(to: &line)
            }
            line += "}"
        }
    }
}

/// JSON string escaping (RFC 8259 §7).
enum JSONText {
    /// The one JSON string escaping (``JSONObjectWriter/appendString(_:to:)``), onto a line.
    static func appendString(_ string: String, to line: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count + 2)
        JSONObjectWriter.appendString(string, to: &bytes)
        line += String(decoding: bytes, as: UTF8.self)
    }
}

/// The privacy filter every log line passes (P1–P3): secrets, addresses and device data never
/// reach a log, whatever a caller puts in metadata.
enum LogRedaction {
    private static let forbiddenFragments = [
        "password", "token", "secret", "cookie", "authorization", "session", "kek", "key", "code", "verifier",
        "ke1", "ke2", "ke3", "record", "email", "ip", "address", "forwarded", "agent", "header",
    ]
    /// Metadata keys Hummingbird and we set that are known to be safe.
    private static let allowed: Set<String> = [
        "hb.request.id", "request_id", "method", "route", "status", "latency_ms", "path", "error", "cause", "engine",
    ]

    static func redact(key: String, value: Logger.MetadataValue) -> LogValue {
        if !allowed.contains(key) {
            let lowered = key.lowercased()
            if forbiddenFragments.contains(where: { lowered.contains($0) }) { return .string("[redacted]") }
        }
        switch value {
        case .string(let string): return .string(string)
        case .stringConvertible(let convertible): return .string(convertible.description)
        case .array(let array): return .array(array.map { redact(key: key, value: $0) })
        case .dictionary(let dictionary):
            return .object(dictionary.keys.sorted().map { ($0, redact(key: $0, value: dictionary[$0]!)) })
        }
    }

    /// Messages are written by us; still, never let an obvious credential header through.
    static func redactMessage(_ message: String) -> String {
        let lowered = message.lowercased()
        for marker in ["authorization:", "cookie:", "x-forwarded-for", "x-real-ip", "forwarded:", "user-agent:"] where lowered.contains(marker) {
            return "[redacted message]"
        }
        return message
    }
}
