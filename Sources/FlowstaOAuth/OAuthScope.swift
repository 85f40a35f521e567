import Foundation

/// The scopes of DESIGN §5, with the words the consent page shows for each.
public enum OAuthScope: String, Sendable, CaseIterable, Comparable {
    case openid
    case profile
    case email
    case offlineAccess = "offline_access"
    case displayName = "display_name"
    case username
    case profilePicture = "profile_picture"
    case did
    case publicKey = "public_key"
    /// Sign It: the app may ask the user to sign file hashes (each request is approved on
    /// Flowsta's page, where the user's browser signs).
    case sign

    /// What the user agrees to, in plain words.
    public var plainWords: String {
        switch self {
        case .openid: "Confirm that you are signed in with Flowsta (a private identifier for this app only)"
        case .profile: "See your display name and username"
        case .email: "See your email address"
        case .offlineAccess: "Stay connected when you are not using the app"
        case .displayName: "See your display name"
        case .username: "See your username"
        case .profilePicture: "See your profile picture"
        case .did: "See your DID, your public signing identity (the same for every app you share it with)"
        case .publicKey: "See your public signing key (the same for every app you share it with)"
        case .sign: "Ask you to sign files with your signing key (you approve each request on Flowsta's page)"
        }
    }

    /// Scopes the user must tick themselves on the consent page (off by default).
    public var requiresExplicitConsent: Bool { self == .email }

    public static func < (lhs: OAuthScope, rhs: OAuthScope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A set of scopes with the RFC 6749 §3.3 wire form (space-delimited).
public struct ScopeSet: Sendable, Equatable, Hashable {
    public private(set) var scopes: Set<OAuthScope>

    public init(_ scopes: some Sequence<OAuthScope>) { self.scopes = Set(scopes) }

    /// Parses a `scope` parameter. - Throws: `invalid_scope` naming the unknown scopes.
    public init(parsing raw: String) throws {
        var scopes = Set<OAuthScope>()
        var unknown: [String] = []
        for token in raw.split(separator: " ", omittingEmptySubsequences: true) {
            if let scope = OAuthScope(rawValue: String(token)) { scopes.insert(scope) } else { unknown.append(String(token)) }
        }
        guard unknown.isEmpty else {
            throw OAuthError(.invalidScope, "unknown scope: \(unknown.prefix(5).joined(separator: " "))")
        }
        self.scopes = scopes
    }

    /// The wire form, in a stable order.
    public var wire: String { sorted.map(\.rawValue).joined(separator: " ") }
    public var sorted: [OAuthScope] { scopes.sorted() }
    public var isEmpty: Bool { scopes.isEmpty }
    public func contains(_ scope: OAuthScope) -> Bool { scopes.contains(scope) }
    public func isSubset(of other: ScopeSet) -> Bool { scopes.isSubset(of: other.scopes) }
    public func union(_ other: ScopeSet) -> ScopeSet { ScopeSet(scopes.union(other.scopes)) }
    public func intersection(_ other: ScopeSet) -> ScopeSet { ScopeSet(scopes.intersection(other.scopes)) }
    public func subtracting(_ other: ScopeSet) -> ScopeSet { ScopeSet(scopes.subtracting(other.scopes)) }
}
