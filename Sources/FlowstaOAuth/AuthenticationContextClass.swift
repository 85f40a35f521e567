import FlowstaCore

/// The authentication context classes Flowsta reports in `acr` and accepts in `acr_values`
/// (OIDC Core §2, §3.1.2.1), from weakest to strongest; each one includes those before it.
public enum AuthenticationContextClass: String, Sendable, CaseIterable, Comparable {
    /// One factor: a password.
    case basic = "urn:flowsta:acr:basic"
    /// Two factors: a password and an authenticator code or backup code, or a passkey with user
    /// verification.
    case multiFactor = "urn:flowsta:acr:mfa"
    /// Two factors, one of them a passkey: phishing-resistant (the OpenID Extended
    /// Authentication Profile's `phr`).
    case phishingResistant = "phr"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The strongest class a sign-in with `methods` satisfies.
    public static func achieved(by methods: AuthenticationMethods) -> Self {
        guard methods.isMultiFactor else { return .basic }
        return methods.isPhishingResistant ? .phishingResistant : .multiFactor
    }

    /// The `acr` to report for a request that asked for `requested` (in order of preference):
    /// the first requested class the sign-in satisfies; without one, the strongest achieved.
    public static func claim(for methods: AuthenticationMethods, requested: [Self]) -> Self {
        let achieved = achieved(by: methods)
        return requested.first { $0 <= achieved } ?? achieved
    }

    /// Parses `acr_values` (space-separated, in order of preference); values Flowsta does not
    /// define are ignored (OIDC Core §3.1.2.1: the claim is voluntary).
    public static func requested(_ raw: String?) -> [Self] {
        (raw ?? "").split(separator: " ").compactMap { Self(rawValue: String($0)) }
    }
}
