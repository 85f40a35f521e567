/// Server state kept between KE2 and KE3: expected_client_mac[Nm] || session_key[Nx]
/// (RFC 9807 §6.4.3). Secret: store it server-side only.
public struct ServerLoginState: Sendable {
    /// Serialised length: 128.
    public static let length = OPAQUEPrimitives.nm + OPAQUEPrimitives.nx
    /// expected_client_mac || session_key.
    public let bytes: [UInt8]

    /// Restores a state serialised with `bytes`.
    public init(bytes: [UInt8]) throws {
        try WireFormat.checkLength(bytes, Self.length, field: "ServerLoginState")
        self.bytes = bytes
    }

    init(expectedClientMAC: [UInt8], sessionKey: [UInt8]) {
        self.bytes = expectedClientMAC + sessionKey
    }

    var expectedClientMAC: [UInt8] { WireFormat.slice(bytes, 0, OPAQUEPrimitives.nm) }
    var sessionKey: [UInt8] { WireFormat.slice(bytes, OPAQUEPrimitives.nm, OPAQUEPrimitives.nx) }
}

/// Client state between `startRegistration` and `finishRegistration`: the password and
/// the OPRF blind. Opaque to callers.
public struct ClientRegistrationState: Sendable {
    let password: [UInt8]
    let blind: [UInt8]
}

/// Client state between `startLogin` and `finishLogin`: password, OPRF blind,
/// client secret keyshare and KE1 (RFC 9807 §6.4.3). Opaque to callers.
public struct ClientLoginState: Sendable {
    let password: [UInt8]
    let blind: [UInt8]
    let clientSecret: [UInt8]
    let ke1: KE1
}

// Secrets never show up in descriptions, debug output or reflection.

extension ServerLoginState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Redacted.
    public var description: String { "ServerLoginState(<redacted>)" }
    /// Redacted.
    public var debugDescription: String { description }
    /// No children: contents are secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension ClientRegistrationState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Redacted.
    public var description: String { "ClientRegistrationState(<redacted>)" }
    /// Redacted.
    public var debugDescription: String { description }
    /// No children: contents are secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension ClientLoginState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Redacted.
    public var description: String { "ClientLoginState(<redacted>)" }
    /// Redacted.
    public var debugDescription: String { description }
    /// No children: contents are secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
