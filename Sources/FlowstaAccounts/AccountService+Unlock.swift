import FlowstaCore
import FlowstaCrypto
import Foundation

extension AccountService {
    /// Opening the root key within a session that has no export key (a passkey sign-in whose
    /// passkey has no envelope): an OPAQUE sign-in to the session user's own password or
    /// recovery record that opens no session and answers that lock's envelope. Limited like a
    /// sign-in (per username and address); an unknown lock answers from a fake record.
    /// - Parameter lock: `.password` or `.recovery`.
    /// - Returns: the single-use unlock id and `KE2`, base64url.
    public func unlockStart(
        _ session: AuthenticatedSession, lock: KeyEnvelope.Kind, ke1 rawKE1: String, clientAddress: [UInt8]?
    ) async throws -> (unlockID: String, ke2: String) {
        guard lock == .password || lock == .recovery else { throw AccountError.invalidRequest("lock must be password or recovery") }
        let ke1 = try Self.message("ke1", rawKE1, KE1.init(bytes:))
        let user = session.user
        try await countAttempt(user.usernameNormalized, clientAddress: clientAddress, deviceToken: nil, bucket: "unlock:" + user.usernameNormalized)
        var record: (userID: UUID, record: RegistrationRecord, identifier: String)?
        if lock == .password {
            record = (user.id, try RegistrationRecord(bytes: user.opaqueRecord), user.credentialIdentifier)
        } else if let recovery = try await keys.keys(userID: user.id).recovery {
            record = (user.id, try RegistrationRecord(bytes: recovery.opaqueRecord), recovery.credentialIdentifier)
        }
        let started = try await pendingLogin(
            ke1: ke1, record: record, fakeIdentifier: "unlock:" + user.usernameNormalized,
            handleHash: { Self.unlockHandleHash($0, lock: lock, hasher: loginHasher) }
        )
        return (started.loginID, started.ke2)
    }

    /// Verifies `KE3` and answers the lock's envelope of the root key (the client opens it with
    /// the export key it computed). The unlock id is consumed whatever the outcome.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used, expired or another session
    ///   user's id), ``AccountError/invalidCredentials`` (a wrong password or code),
    ///   ``AccountError/rootKeyRequired`` (the account has no such envelope).
    public func unlockFinish(_ session: AuthenticatedSession, lock: KeyEnvelope.Kind, unlockID: String, ke3 rawKE3: String) async throws -> [UInt8] {
        guard lock == .password || lock == .recovery else { throw AccountError.invalidRequest("lock must be password or recovery") }
        let ke3 = try Self.message("ke3", rawKE3, KE3.init(bytes:))
        guard unlockID.utf8.count <= 128 else { throw AccountError.invalidLogin }
        let handleHash = Self.unlockHandleHash(unlockID, lock: lock, hasher: loginHasher)
        let pending = try await finishPendingLogin(handleHash: handleHash, ke3: ke3)
        guard pending.userID == session.user.id else { throw AccountError.invalidCredentials }
        let stored = try await keys.keys(userID: session.user.id)
        guard let envelope = lock == .password ? stored.envelopes[.password] : stored.recovery?.envelope else {
            throw AccountError.rootKeyRequired
        }
        return envelope
    }

    /// Unlock ids hash apart from sign-in and recovery ones, and per lock.
    static func unlockHandleHash(_ id: String, lock: KeyEnvelope.Kind, hasher: KeyedHasher) -> String {
        hasher.hash("unlock-" + lock.rawValue + ":" + id)
    }
}
