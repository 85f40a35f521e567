import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import FlowstaCrypto
import Foundation

/// Per-session CSRF tokens for the hosted pages' forms: a keyed hash of the session, so they
/// need no storage and die with the session.
struct CSRFTokens: Sendable {
    let hasher: KeyedHasher

    init(keyRing: KeyRing) { hasher = keyRing.keyedHasher(purpose: "csrf") }

    func token(for session: AuthenticatedSession) -> String { hasher.hash("csrf:" + session.tokenHash) }

    func isValid(_ presented: String?, for session: AuthenticatedSession) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equal(token(for: session), presented)
    }
}
