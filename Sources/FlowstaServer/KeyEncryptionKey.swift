import FlowstaCrypto
import Foundation
import Logging

/// Errors loading the key-encryption key.
public enum KeyEncryptionKeyError: Error, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "FLOWSTA_KEK: \(reason)"
        }
    }
}

/// Loads the KEK from configuration, or from `<data dir>/kek` — created (mode 0600) on first
/// start with a warning.
enum KeyEncryptionKey {
    static func load(configuration: ServerConfiguration, logger: Logger) throws -> [UInt8] {
        if let configured = configuration.kek {
            guard let data = Data(base64Encoded: configured), data.count == 32 else {
                throw KeyEncryptionKeyError.invalid("must be the base64 encoding of exactly 32 bytes")
            }
            return [UInt8](data)
        }
        let path = (configuration.dataDirectory as NSString).appendingPathComponent("kek")
        if let contents = FileManager.default.contents(atPath: path) {
            let text = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let data = Data(base64Encoded: text), data.count == 32 else {
                throw KeyEncryptionKeyError.invalid("\(path) does not hold a base64 32-byte key")
            }
            return [UInt8](data)
        }
        let key = SecureRandom.bytes(32)
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(Data(key).base64EncodedString().utf8),
            attributes: [.posixPermissions: 0o600]
        )
        guard created else { throw KeyEncryptionKeyError.invalid("cannot create \(path)") }
        logger.warning("generated a new key-encryption key; set FLOWSTA_KEK in production and back it up", metadata: ["path": .string(path)])
        return key
    }
}
