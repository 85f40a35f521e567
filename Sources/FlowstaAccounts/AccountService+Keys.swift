import FlowstaCore
import FlowstaCrypto
import Foundation

/// `POST /auth/keys` input: an account's first envelopes (docs/keys.md).
public struct KeySetupInput: Sendable {
    /// base64url envelopes by kind: `password` (required) and `legacy-vault` (optional).
    public var envelopes: [KeyEnvelope.Kind: String]
    /// The recovery record (from ``AccountService/recoveryRegistrationStart(_:request:)``) and
    /// its envelope, both base64url.
    public var recovery: (registrationRecord: String, envelope: String)?

    public init(envelopes: [KeyEnvelope.Kind: String], recovery: (registrationRecord: String, envelope: String)? = nil) {
        self.envelopes = envelopes
        self.recovery = recovery
    }
}

extension AccountService {
    /// The envelopes a password sign-in can open: `password` and `legacy-vault`.
    public func signInEnvelopes(userID: UUID) async throws -> [KeyEnvelope.Kind: [UInt8]] {
        try await keys.keys(userID: userID).envelopes
    }

    /// Every envelope of the account, the recovery one included (the user's export).
    public func allEnvelopes(_ session: AuthenticatedSession) async throws -> [KeyEnvelope.Kind: [UInt8]] {
        let stored = try await keys.keys(userID: session.user.id)
        var all = stored.envelopes
        if let recovery = stored.recovery { all[.recovery] = recovery.envelope }
        return all
    }

    /// The kinds of lock the account has.
    public func keyKinds(_ session: AuthenticatedSession) async throws -> [KeyEnvelope.Kind] {
        try await keys.keys(userID: session.user.id).kinds
    }

    /// Stores the root key's first envelopes (at sign-up, or at the first sign-in with a Flowsta
    /// client of an account older than the root key).
    /// - Throws: ``AccountError/rootKeyExists`` when the account has one.
    public func setUpRootKey(_ session: AuthenticatedSession, _ input: KeySetupInput) async throws -> [KeyEnvelope.Kind] {
        try requireFreshSignIn(session)
        guard let password = input.envelopes[.password] else {
            throw AccountError.invalidRequest("envelopes must contain the password envelope")
        }
        if input.envelopes[.recovery] != nil {
            throw AccountError.invalidRequest("the recovery envelope goes in recovery, with its registration_record")
        }
        if input.envelopes[.passkey] != nil {
            throw AccountError.invalidRequest("a passkey envelope goes with its passkey (PUT /auth/passkeys/{id}/envelope)")
        }
        var keys = UserKeys(envelopes: [.password: try Self.envelope(password, field: "password envelope")])
        if let legacy = input.envelopes[.legacyVault] {
            keys.envelopes[.legacyVault] = try Self.envelope(legacy, field: "legacy-vault envelope")
        }
        if let recovery = input.recovery {
            keys.recovery = try recoveryLock(userID: session.user.id, record: recovery.registrationRecord, envelope: recovery.envelope)
        }
        guard try await self.keys.setUp(userID: session.user.id, keys: keys, now: time.now) else { throw AccountError.rootKeyExists }
        return keys.kinds
    }

    /// OPAQUE `CreateRegistrationResponse` for the signed-in user's recovery code (credential
    /// identifier `recovery:<user id>`).
    public func recoveryRegistrationStart(_ session: AuthenticatedSession, request: String) throws -> String {
        try requireFreshSignIn(session)
        return try registrationResponse(request, credentialIdentifier: RecoveryCode.credentialIdentifier(userID: session.user.id))
    }

    /// Replaces the recovery code (the old one stops working).
    /// - Throws: ``AccountError/rootKeyRequired`` when the account has no root key yet.
    public func replaceRecovery(_ session: AuthenticatedSession, registrationRecord: String, envelope: String) async throws {
        try requireFreshSignIn(session)
        let lock = try recoveryLock(userID: session.user.id, record: registrationRecord, envelope: envelope)
        guard try await keys.replaceRecovery(userID: session.user.id, lock: lock, now: time.now) else { throw AccountError.rootKeyRequired }
    }

    /// Changes the password (after `POST /auth/opaque/register/start` with the session): the new
    /// OPAQUE record and the root key re-sealed under the new export key commit together; other
    /// sessions end (the caller revokes the user's OAuth grants).
    /// - Parameter envelope: required when the account has a root key; accounts without one
    ///   (third-party clients) may omit it.
    public func changePassword(_ session: AuthenticatedSession, registrationRecord: String, envelope: String?) async throws -> UserProfile {
        try requireFreshSignIn(session)
        let record = try Self.message("registration_record", registrationRecord, RegistrationRecord.init(bytes:))
        let sealed = try envelope.map { try Self.envelope($0, field: "envelope") }
        var user = session.user
        user.opaqueRecord = record.bytes
        user.credentialIdentifier = user.usernameNormalized
        user.updatedAt = time.now
        do {
            try await changePasswordEndingSessions(user, envelope: sealed, keepingSession: session.tokenHash, now: time.now)
        } catch RepositoryConflict.rootKey {
            throw AccountError.envelopeRequired
        }
        return try profile(of: user)
    }

    /// A registration response for `credentialIdentifier`.
    func registrationResponse(_ request: String, credentialIdentifier: String) throws -> String {
        let request = try Self.message("registration_request", request, RegistrationRequest.init(bytes:))
        return Base64URL.encode(try opaque.createRegistrationResponse(request: request, credentialIdentifier: Array(credentialIdentifier.utf8)).bytes)
    }

    func recoveryLock(userID: UUID, record: String, envelope: String) throws -> RecoveryLock {
        let record = try Self.message("recovery registration_record", record, RegistrationRecord.init(bytes:))
        return RecoveryLock(
            opaqueRecord: record.bytes, credentialIdentifier: RecoveryCode.credentialIdentifier(userID: userID),
            envelope: try Self.envelope(envelope, field: "recovery envelope")
        )
    }

    /// Decodes an envelope and checks what the server can check: its size and format version.
    static func envelope(_ value: String, field: String) throws -> [UInt8] {
        let bytes = try Self.bytes(value, field: field)
        do {
            try KeyEnvelope.check(bytes)
        } catch {
            throw AccountError.invalidRequest("\(field) must be a sealed key envelope of format 1 (\(KeyEnvelope.byteCount) bytes starting with 0x01)")
        }
        return bytes
    }
}
