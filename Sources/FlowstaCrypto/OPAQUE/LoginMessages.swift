/// KE1: blinded_message[Noe] || client_nonce[Nn] || client_public_keyshare[Npk] (RFC 9807 §6.1).
public struct KE1: Sendable, Equatable {
    /// Serialised length: 96.
    public static let length = 96
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses and validates KE1; the blinded element and the client keyshare must be
    /// canonical, non-identity elements (RFC 9497 §2.1, RFC 9807 §6.4.1).
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "KE1")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 0, 32), field: "blinded_message")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 64, 32), field: "client_public_keyshare")
        self.bytes = bytes
    }

    var blindedMessage: [UInt8] { WireFormat.slice(bytes, 0, 32) }
    var clientNonce: [UInt8] { WireFormat.slice(bytes, 32, 32) }
    var clientPublicKeyshare: [UInt8] { WireFormat.slice(bytes, 64, 32) }
}

/// KE2 (RFC 9807 §6.1): credential_response = evaluated_message[Noe] || masking_nonce[Nn] ||
/// masked_response[Npk + Nn + Nm], then auth_response = server_nonce[Nn] ||
/// server_public_keyshare[Npk] || server_mac[Nm].
public struct KE2: Sendable, Equatable {
    /// Serialised length: 192 + 128 = 320.
    public static let length = 320
    /// Length of credential_response.
    static let credentialResponseLength = 192
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses and validates KE2; evaluated_message and server_public_keyshare must be
    /// canonical, non-identity elements.
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "KE2")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 0, 32), field: "evaluated_message")
        try Ristretto255.validateElement(WireFormat.slice(bytes, 224, 32), field: "server_public_keyshare")
        self.bytes = bytes
    }

    var credentialResponse: [UInt8] { WireFormat.slice(bytes, 0, Self.credentialResponseLength) }
    var evaluatedMessage: [UInt8] { WireFormat.slice(bytes, 0, 32) }
    var maskingNonce: [UInt8] { WireFormat.slice(bytes, 32, 32) }
    var maskedResponse: [UInt8] { WireFormat.slice(bytes, 64, 128) }
    var serverNonce: [UInt8] { WireFormat.slice(bytes, 192, 32) }
    var serverPublicKeyshare: [UInt8] { WireFormat.slice(bytes, 224, 32) }
    var serverMAC: [UInt8] { WireFormat.slice(bytes, 256, 64) }
}

/// KE3: client_mac[Nm] (RFC 9807 §6.1).
public struct KE3: Sendable, Equatable {
    /// Serialised length: Nm = 64.
    public static let length = OPAQUEPrimitives.nm
    /// The exact wire serialisation.
    public let bytes: [UInt8]

    /// Parses KE3 (length check only).
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "KE3")
        self.bytes = bytes
    }
}
