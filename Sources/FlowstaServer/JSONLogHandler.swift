import Foundation
import Logging
import Synchronization

/// Where log lines go: stdout in production, a buffer in tests.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// Writes each line to standard output.
public struct StandardOutputLogSink: LogSink {
    public init() {}
    public func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
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
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds]),
            "level": event.level.rawValue,
            "msg": LogRedaction.redactMessage(event.message.description),
            "logger": label,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            object[key] = LogRedaction.redact(key: key, value: value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink.write(String(decoding: data, as: UTF8.self))
    }
}

/// The privacy filter every log line passes (P1–P3): secrets, addresses and device data never
/// reach a log, whatever a caller puts in metadata.
enum LogRedaction {
    private static let forbiddenFragments = [
        "password", "token", "secret", "cookie", "authorization", "session", "kek", "key",
        "ke1", "ke2", "ke3", "record", "email", "ip", "address", "forwarded", "user-agent", "useragent", "user_agent", "header",
    ]
    /// Metadata keys Hummingbird and we set that are known to be safe.
    private static let allowed: Set<String> = [
        "hb.request.id", "request_id", "method", "route", "status", "latency_ms", "path", "error", "cause", "engine",
    ]

    static func redact(key: String, value: Logger.MetadataValue) -> Any {
        let lowered = key.lowercased()
        if !allowed.contains(lowered), forbiddenFragments.contains(where: { lowered.contains($0) }) {
            return "[redacted]"
        }
        switch value {
        case .string(let string): return string
        case .stringConvertible(let convertible): return convertible.description
        case .array(let array): return array.map { redact(key: key, value: $0) }
        case .dictionary(let dictionary):
            return dictionary.reduce(into: [String: Any]()) { $0[$1.key] = redact(key: $1.key, value: $1.value) }
        }
    }

    /// Messages are written by us; still, never let an obvious credential header through.
    static func redactMessage(_ message: String) -> String {
        let lowered = message.lowercased()
        for marker in ["authorization:", "cookie:", "x-forwarded-for", "user-agent:"] where lowered.contains(marker) {
            return "[redacted message]"
        }
        return message
    }
}
