import Foundation
import Synchronization

/// Access tokens whose signature was already verified, so a resource server introspecting the
/// same token on every request pays for one signature check, not one per request. Memory only;
/// entries end with the token's expiry. Revocation is still checked on every use (through the
/// grant).
final class VerifiedTokenCache: Sendable {
    private let capacity: Int
    private let entries = Mutex<[String: AccessTokenClaims]>([:])

    init(capacity: Int = 50_000) { self.capacity = capacity }

    func get(_ token: String, now: Date) -> AccessTokenClaims? {
        entries.withLock { entries in
            guard let claims = entries[token] else { return nil }
            guard claims.exp.value > now else {
                entries[token] = nil
                return nil
            }
            return claims
        }
    }

    func put(_ token: String, _ claims: AccessTokenClaims) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = claims
        }
    }
}
