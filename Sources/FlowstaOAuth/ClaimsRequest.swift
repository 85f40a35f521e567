import Foundation

/// The `claims` authorization parameter (OIDC Core §5.5): individual claims asked for in the
/// UserInfo response and in the ID token.
///
/// Flowsta's consent is per scope, so a claim is released only under the scope that covers it:
/// asking for a claim asks for its scope (added to the consent page when the app may request
/// it; otherwise the claim is left out, as OIDC allows even for `essential` claims). Claims
/// asked for in `id_token` are also put in the ID token. `acr` with `value`/`values` is taken
/// as `acr_values` (§5.5.1.1).
public struct ClaimsRequest: Sendable, Equatable {
    /// The longest `claims` parameter accepted.
    public static let maxLength = 4096

    public var userInfo: Set<String> = []
    public var idToken: Set<String> = []
    /// `acr` values asked for through `claims.id_token.acr`.
    public var acrValues: [String] = []

    public init() {}

    /// Parses the parameter. - Throws: `invalid_request` for anything but a JSON object whose
    /// `userinfo` and `id_token` members (when present) are objects of claim requests.
    public init(parsing raw: String) throws {
        guard raw.utf8.count <= Self.maxLength else {
            throw OAuthError.invalidRequest("claims is longer than \(Self.maxLength) bytes")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any] else {
            throw OAuthError.invalidRequest("claims must be a JSON object (OpenID Connect Core §5.5)")
        }
        for (member, target) in [("userinfo", \Self.userInfo), ("id_token", \Self.idToken)] {
            guard let value = object[member] else { continue }
            guard let requests = value as? [String: Any] else {
                throw OAuthError.invalidRequest("claims.\(member) must be a JSON object")
            }
            for (name, request) in requests {
                // Each claim is null or an object with essential / value / values (§5.5.1).
                guard request is NSNull || request is [String: Any] else {
                    throw OAuthError.invalidRequest("claims.\(member).\(name.prefix(40)) must be null or a JSON object")
                }
                self[keyPath: target].insert(name)
            }
        }
        if let acr = (object["id_token"] as? [String: Any])?["acr"] as? [String: Any] {
            if let value = acr["value"] as? String { acrValues.append(value) }
            if let values = acr["values"] as? [Any] { acrValues += values.compactMap { $0 as? String } }
        }
    }

    /// The scope that releases `claim`, if Flowsta has it.
    public static func scope(releasing claim: String) -> OAuthScope? {
        switch claim {
        case "name", "preferred_username": .profile
        case "email", "email_verified": .email
        case "display_name": .displayName
        case "picture", "profile_picture": .profilePicture
        case "did": .did
        case "public_key", "agent_pub_key": .publicKey
        default: nil
        }
    }

    /// The scopes the requested claims need.
    public var scopes: ScopeSet {
        ScopeSet(userInfo.union(idToken).compactMap(Self.scope(releasing:)))
    }

    /// The ID token claims asked for that Flowsta can release (sorted, for storage).
    public var idTokenClaims: [String] {
        idToken.filter { Self.scope(releasing: $0) != nil }.sorted()
    }
}
