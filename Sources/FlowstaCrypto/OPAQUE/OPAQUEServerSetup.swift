/// Long-term server secrets: the OPRF seed, the AKE key pair and the fake record
/// used for unknown users (RFC 9807 §6.3.2.2, §10.9).
public struct OPAQUEServerSetup: Sendable {
    /// oprf_seed, Nh = 64 bytes.
    public let oprfSeed: [UInt8]
    /// server_private_key, a canonical non-zero scalar (32 bytes).
    public let serverPrivateKey: [UInt8]
    /// server_public_key = server_private_key * G (32 bytes).
    public let serverPublicKey: [UInt8]
    /// The fake record answered for unknown users; created once so answers are consistent.
    public let fakeRecord: RegistrationRecord

    /// Serialised length: oprf_seed[64] || server_private_key[32] || fake_record[192].
    public static let length = OPAQUEPrimitives.nh + OPAQUEPrimitives.nsk + RegistrationRecord.length

    /// Validates the inputs and derives the server public key.
    /// Throws `.invalidLength` or `.invalidScalar` (non-canonical or zero private key).
    public init(oprfSeed: [UInt8], serverPrivateKey: [UInt8], fakeRecord: RegistrationRecord) throws {
        try WireFormat.checkLength(oprfSeed, OPAQUEPrimitives.nh, field: "oprf_seed")
        // RFC 9497 §2.1 / RFC 9807 §4: a private key is a non-zero scalar below the group order.
        try Ristretto255.validateScalar(serverPrivateKey, field: "server_private_key")
        self.oprfSeed = oprfSeed
        self.serverPrivateKey = serverPrivateKey
        self.serverPublicKey = try Ristretto255.scalarMultBase(serverPrivateKey)
        self.fakeRecord = fakeRecord
    }

    /// A fresh setup: random oprf_seed, random server key pair, random fake record.
    public static func generate() -> OPAQUEServerSetup {
        do {
            return try OPAQUEServerSetup(
                oprfSeed: Sodium.randomBytes(OPAQUEPrimitives.nh),
                serverPrivateKey: Ristretto255.randomScalar(),
                fakeRecord: RegistrationRecord.makeFake()
            )
        } catch {
            preconditionFailure("freshly generated server setup was invalid: \(error)")
        }
    }

    /// oprf_seed || server_private_key || fake_record, for sealed storage. Secret.
    public var bytes: [UInt8] { oprfSeed + serverPrivateKey + fakeRecord.bytes }

    /// Restores a setup serialised with `bytes`.
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "OPAQUEServerSetup")
        try self.init(
            oprfSeed: WireFormat.slice(bytes, 0, OPAQUEPrimitives.nh),
            serverPrivateKey: WireFormat.slice(bytes, OPAQUEPrimitives.nh, OPAQUEPrimitives.nsk),
            fakeRecord: RegistrationRecord(bytes: Array(bytes[(OPAQUEPrimitives.nh + OPAQUEPrimitives.nsk)...]))
        )
    }
}

extension OPAQUEServerSetup: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Shows only the public key.
    public var description: String { "OPAQUEServerSetup(serverPublicKey: \(setupHex(serverPublicKey)), <secrets redacted>)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// Only the public key is reflected.
    public var customMirror: Mirror { Mirror(self, children: ["serverPublicKey": serverPublicKey]) }
}

/// Lowercase hex (kept local so this file does not depend on helpers elsewhere).
private func setupHex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
}
