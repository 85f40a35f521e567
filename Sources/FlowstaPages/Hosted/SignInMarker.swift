import FlowstaCore
import FlowstaCrypto
import Foundation

/// When the sign-in page was shown for an authorization request, carried back to
/// `/oauth/authorize` in its continuation: a sign-in made since then satisfies the request's
/// `prompt=login` and `max_age` (``OAuthProvider/requiresFreshSignIn(_:authenticatedAt:signInAskedAt:)``),
/// so the user is not sent to the sign-in page forever. Keyed (no one can backdate it) and
/// bound to the client; honoured for ``lifetime`` only.
struct SignInMarker: Sendable {
    static let parameter = "flowsta_sign_in"
    static let lifetime: TimeInterval = 1800
    let hasher: KeyedHasher

    init(keyRing: KeyRing) { hasher = keyRing.keyedHasher(purpose: "sign-in-marker") }

    func make(at now: Date, clientID: String) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        return "\(seconds).\(hasher.hash("\(seconds):\(clientID)"))"
    }

    /// The time a genuine, recent marker for `clientID` names; `nil` for anything else.
    func askedAt(_ raw: String?, clientID: String, now: Date) -> Date? {
        guard let raw, raw.utf8.count <= 128, let dot = raw.firstIndex(of: "."),
              let seconds = Int(raw[..<dot]), ConstantTime.equal(hasher.hash("\(seconds):\(clientID)"), String(raw[raw.index(after: dot)...]))
        else { return nil }
        let asked = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard asked <= now, now.timeIntervalSince(asked) <= Self.lifetime else { return nil }
        return asked
    }
}
