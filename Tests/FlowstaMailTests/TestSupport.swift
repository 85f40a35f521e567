import FlowstaCore
import FlowstaMail
import Foundation
import Logging
import Synchronization

/// A clock the tests set and advance.
final class TestClock: TimeSource, Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

extension Logger {
    /// Discards everything; the delivery tests provoke many failures on purpose.
    static let quiet = Logger(label: "flowsta.mail.test") { _ in SwiftLogNoOpLogHandler() }
}

/// A stand-in for the key ring: XOR-masks the plaintext and prefixes the context, so a wrong
/// context fails to open and the sealed bytes never show the plaintext.
struct TestSealer: MailSealer {
    struct WrongContext: Error {}

    func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        Array(context.utf8) + [0] + plaintext.map { $0 ^ 0x5A }
    }

    func open(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        let prefix = Array(context.utf8) + [0]
        guard sealed.starts(with: prefix) else { throw WrongContext() }
        return sealed.dropFirst(prefix.count).map { $0 ^ 0x5A }
    }
}

/// A transport that records deliveries and fails as scripted.
actor RecordingTransport: MailTransport {
    struct Delivery: Equatable {
        var message: MailMessage
        var messageID: String
        var date: Date
    }

    private(set) var deliveries: [Delivery] = []
    private var failures: [any Error]

    /// - Parameter failures: Thrown by the first deliveries, in order; later ones succeed.
    init(failures: [any Error] = []) {
        self.failures = failures
    }

    func deliver(_ message: MailMessage, messageID: String, date: Date) async throws {
        if !failures.isEmpty { throw failures.removeFirst() }
        deliveries.append(Delivery(message: message, messageID: messageID, date: date))
    }

    func failNext(with errors: [any Error]) {
        failures = errors
    }
}

extension MailMessage {
    static let sample = MailMessage(
        from: SMTPConfiguration.defaultFrom,
        to: "Alice Example <alice@example.com>",
        subject: "Your sign-in code",
        text: "Hello Alice,\nyour code is 123456.\n"
    )
}

/// Decodes RFC 2045 quoted-printable (for assertions only).
func decodeQuotedPrintable(_ encoded: String) -> String {
    var octets: [UInt8] = []
    let lines = encoded.components(separatedBy: "\r\n")
    for (index, line) in lines.enumerated() {
        var bytes = Array(line.utf8)[...]
        let soft = bytes.last == UInt8(ascii: "=")
        if soft { bytes = bytes.dropLast() }
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next() {
                octets.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) ?? 0)
            } else {
                octets.append(byte)
            }
        }
        if !soft, index < lines.count - 1 { octets += Array("\n".utf8) }
    }
    return String(decoding: octets, as: UTF8.self)
}

/// Decodes a header value made of RFC 2047 `B` encoded-words separated by folding whitespace.
func decodeEncodedWords(_ value: String) -> String? {
    var octets: [UInt8] = []
    // "\r\n" is one Character, so unfold before splitting.
    for word in value.replacingOccurrences(of: "\r\n", with: "").split(separator: " ") {
        guard word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?="),
              let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
        else { return nil }
        octets += data
    }
    return String(decoding: octets, as: UTF8.self)
}

/// The header section of rendered message octets, unfolded into name/value pairs.
func headerFields(of rendered: [UInt8]) -> [(name: String, value: String)] {
    let text = String(decoding: rendered, as: UTF8.self)
    let head = text.components(separatedBy: "\r\n\r\n")[0]
    var fields: [(name: String, value: String)] = []
    for line in head.components(separatedBy: "\r\n") {
        if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
            fields[fields.count - 1].value += "\r\n" + line
        } else if let colon = line.firstIndex(of: ":") {
            fields.append((String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst())))
        }
    }
    return fields
}
