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
        var fields: [(String, LogValue)] = [
            ("ts", .string(Date().formatted(Self.timestampStyle))),
            ("level", .string(event.level.rawValue)),
            ("msg", .string(LogRedaction.redactMessage(event.message.description))),
            ("logger", .string(label)),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() {
            fields.append((key, LogRedaction.redact(key: key, value: merged[key]!)))
        }
        var line = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line += "," }
            JSONText.appendString(key, to: &line)
            line += ":"
            value.append(to: &line)
        }
        line += "}"
        sink.write(line)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
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
    static func appendString(_ string: String, to line: inout String) {
        line += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
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

    static func redact(key: String, value: Logger.MetadataValue) -> LogValue {
        let lowered = key.lowercased()
        if !allowed.contains(lowered), forbiddenFragments.contains(where: { lowered.contains($0) }) {
            return .string("[redacted]")
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
        for marker in ["authorization:", "cookie:", "x-forwarded-for", "user-agent:"] where lowered.contains(marker) {
            return "[redacted message]"
        }
        return message
    }
}
