import Crypto
import FlowstaCore
import Foundation

/// A software authenticator for the relying party checks: P-256 or Ed25519 keys from
/// swift-crypto, CBOR written by hand (a tiny encoder of the few shapes WebAuthn uses).
public struct SoftAuthenticator: Sendable {
    public enum Key: Sendable {
        case p256(P256.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    public let key: Key
    public let credentialID = Array(UUID().uuidString.utf8)
    public var counter: UInt32 = 0
    public var flags: UInt8 = 0x05  // UP | UV

    public init(key: Key) { self.key = key }

    /// A new P-256 (ES256) authenticator.
    public static func p256() -> SoftAuthenticator { SoftAuthenticator(key: .p256(P256.Signing.PrivateKey())) }

    /// A CBOR map (a type of its own: an empty array casts to any array type).
    public struct Map {
        var pairs: [(Any, Any)]
        public init(_ pairs: [(Any, Any)]) { self.pairs = pairs }
    }

    public static func cbor(_ value: Any) -> [UInt8] {
        func head(_ major: UInt8, _ n: Int) -> [UInt8] {
            switch n {
            case 0..<24: [major << 5 | UInt8(n)]
            case 24..<256: [major << 5 | 24, UInt8(n)]
            default: [major << 5 | 25, UInt8(n >> 8), UInt8(n & 0xFF)]
            }
        }
        switch value {
        case let n as Int: return n >= 0 ? head(0, n) : head(1, -1 - n)
        case let bytes as [UInt8]: return head(2, bytes.count) + bytes
        case let text as String: return head(3, text.utf8.count) + Array(text.utf8)
        case let map as Map: return head(5, map.pairs.count) + map.pairs.flatMap { cbor($0.0) + cbor($0.1) }
        default: return []
        }
    }

    public var coseKey: [UInt8] {
        switch key {
        case .p256(let key):
            let raw = Array(key.publicKey.rawRepresentation)
            return Self.cbor(Map([(1, 2), (3, -7), (-1, 1), (-2, Array(raw.prefix(32))), (-3, Array(raw.suffix(32)))]))
        case .ed25519(let key):
            return Self.cbor(Map([(1, 1), (3, -8), (-1, 6), (-2, Array(key.publicKey.rawRepresentation))]))
        }
    }

    /// Signs `message` (empty if the key refuses, which swift-crypto's keys do not).
    public func sign(_ message: [UInt8]) -> [UInt8] {
        switch key {
        case .p256(let key): (try? key.signature(for: message)).map { Array($0.derRepresentation) } ?? []
        case .ed25519(let key): (try? key.signature(for: message)).map { Array($0) } ?? []
        }
    }

    public func authenticatorData(rpID: String, attested: Bool) -> [UInt8] {
        var bytes = Array(SHA256.hash(data: Array(rpID.utf8)))
        bytes.append(flags | (attested ? 0x40 : 0))
        bytes += withUnsafeBytes(of: counter.bigEndian, Array.init)
        if attested {
            bytes += [UInt8](repeating: 0, count: 16) + [UInt8(credentialID.count >> 8), UInt8(credentialID.count & 0xFF)] + credentialID + coseKey
        }
        return bytes
    }

    public static func clientData(type: String, challenge: [UInt8], origin: String, crossOrigin: Bool = false) -> [UInt8] {
        Array(#"{"type":"\#(type)","challenge":"\#(Base64URL.encode(challenge))","origin":"\#(origin)","crossOrigin":\#(crossOrigin)}"#.utf8)
    }

    /// A registration as `navigator.credentials.create` returns it.
    public func create(rpID: String, origin: String, challenge: [UInt8], format: String = "packed") -> (clientData: [UInt8], attestation: [UInt8]) {
        let clientData = Self.clientData(type: "webauthn.create", challenge: challenge, origin: origin)
        let data = authenticatorData(rpID: rpID, attested: true)
        let alg = if case .p256 = key { -7 } else { -8 }
        let statement = Map(format == "none" ? [] : [("alg", alg), ("sig", sign(data + Array(SHA256.hash(data: clientData))))])
        return (clientData, Self.cbor(Map([("fmt", format), ("attStmt", statement), ("authData", data)])))
    }

    /// An assertion as `navigator.credentials.get` returns it (the counter moves on first).
    public mutating func get(rpID: String, origin: String, challenge: [UInt8]) -> (clientData: [UInt8], data: [UInt8], signature: [UInt8]) {
        counter += 1
        let clientData = Self.clientData(type: "webauthn.get", challenge: challenge, origin: origin)
        let data = authenticatorData(rpID: rpID, attested: false)
        return (clientData, data, sign(data + Array(SHA256.hash(data: clientData))))
    }
}
