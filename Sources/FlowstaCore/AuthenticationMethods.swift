import Foundation

/// How a user proved who they are in one sign-in, as RFC 8176 authentication method reference
/// values (the OIDC `amr` claim): kept with the session and every grant made from it.
public struct AuthenticationMethods: Sendable, Hashable {
    /// The values Flowsta records (RFC 8176 §2).
    public enum Method: String, Sendable, CaseIterable {
        /// A password (through OPAQUE: the server never sees it).
        case password = "pwd"
        /// A one-time code: an authenticator app's TOTP or a backup code.
        case oneTimePassword = "otp"
        /// A device-bound passkey (proof of possession of a hardware-protected key).
        case hardwareKey = "hwk"
        /// A synced passkey (proof of possession of a software-protected key).
        case softwareKey = "swk"
        /// A user presence test (a passkey touched without user verification).
        case userPresence = "user"
        /// More than one factor (RFC 8176: "multiple-factor authentication").
        case multiFactor = "mfa"
    }

    /// The methods, in ``Method`` order, without repeats.
    public let methods: [Method]

    public init(_ methods: some Sequence<Method>) {
        let set = Set(methods)
        self.methods = Method.allCases.filter(set.contains)
    }

    /// A password sign-in: what every session made before second factors existed was.
    public static let password = AuthenticationMethods([.password])
    /// A password and a one-time code.
    public static let passwordAndCode = AuthenticationMethods([.password, .oneTimePassword, .multiFactor])

    public func contains(_ method: Method) -> Bool { methods.contains(method) }

    /// Two factors were shown.
    public var isMultiFactor: Bool { contains(.multiFactor) }

    /// A passkey was used (bound to this origin by the browser: a phishing site cannot relay it).
    public var isPhishingResistant: Bool { contains(.hardwareKey) || contains(.softwareKey) }

    /// The `amr` array.
    public var values: [String] { methods.map(\.rawValue) }

    /// The stored form: the values separated by spaces.
    public var stored: String { values.joined(separator: " ") }

    /// Reads ``stored``; unknown values are dropped and nothing (a row written before methods
    /// were recorded) reads as ``password``.
    public init(stored: String?) {
        let parsed = (stored ?? "").split(separator: " ").compactMap { Method(rawValue: String($0)) }
        self = parsed.isEmpty ? .password : AuthenticationMethods(parsed)
    }
}

/// When and how the user signed in: what an app's ID token reports (`auth_time`, `amr`, `acr`).
public struct UserAuthentication: Sendable, Hashable {
    public var time: Date
    public var methods: AuthenticationMethods
    /// The sign-in session's reference (not its token or token hash): grants made in the
    /// session keep it, for `sid` and logout.
    public var sessionRef: String?

    public init(time: Date, methods: AuthenticationMethods, sessionRef: String? = nil) {
        self.time = time
        self.methods = methods
        self.sessionRef = sessionRef
    }
}
