/// Shared checks for parsing wire messages.
enum WireFormat {
    /// Throws `.invalidLength` unless `bytes.count == expected`.
    static func checkLength(_ bytes: [UInt8], _ expected: Int, field: String) throws {
        guard bytes.count == expected else {
            throw OPAQUEError.invalidLength(field: field, expected: expected, actual: bytes.count)
        }
    }

    /// The `length` bytes of `bytes` starting at `offset`.
    static func slice(_ bytes: [UInt8], _ offset: Int, _ length: Int) -> [UInt8] {
        Array(bytes[offset..<(offset + length)])
    }
}

/// RegistrationRequest: blinded_message[Noe] (RFC 9807 §5.1).
public struct RegistrationRequest: Sendable, Equatable {
    /// Serialised length: Noe = 32.
    public static let length = OPAQUEPrimitives.noe
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses and validates a request; the blinded element must be a canonical,
    /// non-identity ristretto255 element (RFC 9497 §2.1 DeserializeElement).
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "RegistrationRequest")
        try Ristretto255.validateElement(bytes, field: "blinded_message")
        self.bytes = bytes
    }

    /// blinded_message.
    var blindedMessage: [UInt8] { bytes }
}

/// RegistrationResponse: evaluated_message[Noe] || server_public_key[Npk] (RFC 9807 §5.1).
public struct RegistrationResponse: Sendable, Equatable {
    /// Serialised length: Noe + Npk = 64.
    public static let length = OPAQUEPrimitives.noe + OPAQUEPrimitives.npk
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses and validates a response; both fields must be canonical, non-identity elements.
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "RegistrationResponse")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 0, 32), field: "evaluated_message")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 32, 32), field: "server_public_key")
        self.bytes = bytes
    }

    /// evaluated_message.
    var evaluatedMessage: [UInt8] { WireFormat.slice(bytes, 0, 32) }
    /// server_public_key.
    var serverPublicKey: [UInt8] { WireFormat.slice(bytes, 32, 32) }
}

/// RegistrationRecord: client_public_key[Npk] || masking_key[Nh] || envelope[Nn + Nm]
/// (RFC 9807 §5.1). Stored by the server per user.
public struct RegistrationRecord: Sendable, Equatable {
    /// Serialised length: Npk + Nh + Nn + Nm = 192.
    public static let length = OPAQUEPrimitives.npk + OPAQUEPrimitives.nh + OPAQUEPrimitives.envelopeLength
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses and validates a record; client_public_key must be a canonical, non-identity element.
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "RegistrationRecord")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 0, 32), field: "client_public_key")
        self.bytes = bytes
    }

    /// The client's long-term public key.
    public var clientPublicKey: [UInt8] { WireFormat.slice(bytes, 0, OPAQUEPrimitives.npk) }
    /// masking_key.
    var maskingKey: [UInt8] { WireFormat.slice(bytes, OPAQUEPrimitives.npk, OPAQUEPrimitives.nh) }
    /// envelope = nonce || auth_tag.
    var envelope: [UInt8] { Array(bytes[(OPAQUEPrimitives.npk + OPAQUEPrimitives.nh)...]) }

    /// A fake record for unknown users (RFC 9807 §6.3.2.2, §10.9): the public key of a
    /// random client key pair, a random masking_key and an all-zero envelope.
    static func makeFake() -> RegistrationRecord {
        let clientPublicKey: [UInt8]
        do {
            clientPublicKey = try Ristretto255.scalarMultBase(Ristretto255.randomScalar())
        } catch {
            preconditionFailure("random non-zero scalar gave the identity: \(error)")
        }
        return makeFake(clientPublicKey: clientPublicKey, maskingKey: Sodium.randomBytes(OPAQUEPrimitives.nh))
    }

    /// A fake record from given values (test vectors): client_public_key || masking_key || zero envelope.
    static func makeFake(clientPublicKey: [UInt8], maskingKey: [UInt8]) -> RegistrationRecord {
        precondition(clientPublicKey.count == OPAQUEPrimitives.npk && maskingKey.count == OPAQUEPrimitives.nh)
        return RegistrationRecord(
            unchecked: clientPublicKey + maskingKey + [UInt8](repeating: 0, count: OPAQUEPrimitives.envelopeLength)
        )
    }

    /// Wraps bytes produced by this module.
    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }
}
