import FlowstaCore
import FlowstaCrypto
import Foundation

/// What a desktop agent gets when it asks to add its key: the code to show the user, the secret
/// it polls with (only keyed hashes of both are stored) and when they expire.
public struct DeviceKeyEnrolmentStarted: Sendable {
    public var id: UUID
    /// Shown to the user, typed on the account page: `BCDF-GHJK`.
    public var userCode: String
    public var pollSecret: String
    public var expiresAt: Date
}

/// An enrolment as its agent sees it.
public enum DeviceKeyEnrolmentState: Sendable, Equatable {
    case pending
    /// Approved: the key's id, to sign in with.
    case approved(keyID: UUID)
    case denied
    case expired
}

extension AccountService {
    /// Device keys per account.
    public static let deviceKeyLimit = 10
    /// How long an agent's request to add its key waits for the user.
    public static let deviceKeyEnrolmentLifetime: TimeInterval = 600
    /// Requests to add a key, deployment-wide, per minute (nobody fills the table).
    public static let deviceKeyEnrolmentsPerMinute = 120
    /// Wrong codes a signed-in user may type in 10 minutes.
    public static let wrongDeviceKeyCodesPerUser = 10

    /// The server's public address (where an agent sends its user to approve it).
    public var publicBaseURL: String { configuration.publicBaseURL }

    /// An agent asks to add its Ed25519 key (base64url, 32 bytes) under `name`.
    /// - Throws: ``AccountError/invalidRequest(_:)``, ``AccountError/rateLimited(retryAfterSeconds:)``.
    public func startDeviceKeyEnrolment(publicKey rawKey: String, name rawName: String) async throws -> DeviceKeyEnrolmentStarted {
        let publicKey = try Self.bytes(rawKey, field: "public_key")
        guard publicKey.count == 32, (try? DIDKey.did(ed25519PublicKey: publicKey)) != nil else {
            throw AccountError.invalidRequest("public_key must be a 32-byte Ed25519 public key")
        }
        let name = try Self.deviceKeyName(rawName)
        let now = time.now
        let started = try await codeAttempts.increment(secondFactorHasher.hash("device-key-enrolments"), window: 60, now: now)
        guard started.count <= Self.deviceKeyEnrolmentsPerMinute else { throw AccountError.rateLimited(retryAfterSeconds: started.secondsLeft(at: now)) }
        let pollSecret = Base64URL.encode(SecureRandom.bytes(32))
        for _ in 0..<5 {
            let userCode = UserCode.generate()
            let enrolment = StoredDeviceKeyEnrolment(
                id: UUID(), userCodeHash: secondFactorHasher.hash("device-key-code:" + (UserCode.normalize(userCode) ?? userCode)),
                pollSecretHash: secondFactorHasher.hash("device-key-poll:" + pollSecret), name: name, publicKey: publicKey, status: .pending,
                expiresAt: now.addingTimeInterval(Self.deviceKeyEnrolmentLifetime), createdAt: now
            )
            if try await deviceKeys.insertEnrolment(enrolment) {
                return DeviceKeyEnrolmentStarted(id: enrolment.id, userCode: userCode, pollSecret: pollSecret, expiresAt: enrolment.expiresAt)
            }
        }
        throw AccountError.invalidRequest("no free code: try again")
    }

    /// The agent's poll (with the secret it was given).
    /// - Throws: ``AccountError/invalidLogin`` for an unknown enrolment or a wrong secret.
    public func deviceKeyEnrolmentState(id: UUID, pollSecret: String) async throws -> DeviceKeyEnrolmentState {
        guard let enrolment = try await deviceKeys.enrolment(id: id),
              ConstantTime.equal(enrolment.pollSecretHash, secondFactorHasher.hash("device-key-poll:" + pollSecret)) else {
            throw AccountError.invalidLogin
        }
        switch enrolment.status {
        case .approved: return enrolment.deviceKeyID.map { .approved(keyID: $0) } ?? .denied
        case .denied: return .denied
        case .pending: return enrolment.expiresAt > time.now ? .pending : .expired
        }
    }

    /// The pending enrolment of a code the signed-in user typed (wrong codes limited per user).
    public func pendingDeviceKeyEnrolment(_ session: AuthenticatedSession, userCode typed: String) async throws -> StoredDeviceKeyEnrolment {
        let now = time.now
        let key = secondFactorHasher.hash("wrong-device-key-codes:" + session.user.id.uuidString.lowercased())
        let wrong = try await codeAttempts.count(key, window: 600, now: now)
        guard wrong.count < Self.wrongDeviceKeyCodesPerUser else { throw AccountError.rateLimited(retryAfterSeconds: wrong.secondsLeft(at: now)) }
        if let code = UserCode.normalize(typed), let enrolment = try await deviceKeys.enrolment(userCodeHash: secondFactorHasher.hash("device-key-code:" + code)),
           enrolment.status == .pending, enrolment.expiresAt > now {
            return enrolment
        }
        let counted = try await codeAttempts.increment(key, window: 600, now: now)
        throw AccountError.invalidCode(attemptsLeft: max(0, Self.wrongDeviceKeyCodesPerUser - counted.count))
    }

    /// The user approves the agent's key (after a sign-in within the last 5 minutes): it may sign
    /// in to this account from now on. The user is mailed.
    public func approveDeviceKey(_ session: AuthenticatedSession, userCode: String) async throws -> StoredDeviceKey {
        try requireFreshSignIn(session)
        let enrolment = try await pendingDeviceKeyEnrolment(session, userCode: userCode)
        let did = try DIDKey.did(ed25519PublicKey: enrolment.publicKey)
        let key = StoredDeviceKey(id: UUID(), userID: session.user.id, name: enrolment.name, publicKey: enrolment.publicKey, did: did, createdAt: time.now)
        guard try await deviceKeys.approve(enrolmentID: enrolment.id, key: key, limit: Self.deviceKeyLimit, now: time.now) else {
            throw AccountError.invalidRequest("this device cannot be added: it is another account's already, or this account has \(Self.deviceKeyLimit) devices")
        }
        await alert(session.user, subject: "A device was added to your Flowsta account", text: """
            The device "\(key.name)" can now sign in to the Flowsta account \(session.user.username) without a password. \
            If this was not you, remove it on your account page and change your password.
            """)
        return key
    }

    /// The user refuses the agent's key.
    public func denyDeviceKey(_ session: AuthenticatedSession, userCode: String) async throws {
        let enrolment = try await pendingDeviceKeyEnrolment(session, userCode: userCode)
        _ = try await deviceKeys.deny(enrolmentID: enrolment.id, now: time.now)
    }

    /// The user's device keys, oldest first.
    public func deviceKeys(_ session: AuthenticatedSession) async throws -> [StoredDeviceKey] {
        try await deviceKeys.keys(userID: session.user.id)
    }

    /// Removes a device key: it no longer signs in (its sessions stay until they end or are ended).
    public func removeDeviceKey(_ session: AuthenticatedSession, id: UUID) async throws {
        guard try await deviceKeys.remove(id: id, userID: session.user.id) else { throw AccountError.deviceKeyNotFound }
    }

    /// A single-use challenge for the key's sign-in (``DeviceKeyProof``).
    /// - Throws: ``AccountError/invalidLogin`` for an unknown or removed key.
    public func startDeviceKeySignIn(keyID: UUID) async throws -> (loginID: String, challenge: [UInt8]) {
        guard let key = try await deviceKeys.key(id: keyID) else { throw AccountError.invalidLogin }
        let (id, challenge) = try await issueCeremony("device-key:" + key.id.uuidString, userID: key.userID)
        return (id, challenge)
    }

    /// Signs the key's user in when `signature` is the key's over the challenge; mails the user.
    /// - Throws: ``AccountError/invalidLogin`` (unknown, used or expired challenge, removed key),
    ///   ``AccountError/invalidCredentials`` (a signature that does not verify).
    public func finishDeviceKeySignIn(keyID: UUID, loginID: String, signature raw: String) async throws -> SignIn {
        let signature = try Self.bytes(raw, field: "signature")
        guard let key = try await deviceKeys.key(id: keyID) else { throw AccountError.invalidLogin }
        let challenge = try await consumeCeremony("device-key:" + key.id.uuidString, loginID, userID: key.userID)
        guard DeviceKeyProof.verify(publicKey: key.publicKey, challenge: challenge, signature: signature) else { throw AccountError.invalidCredentials }
        // The key may have been removed while the challenge was out.
        guard try await deviceKeys.key(id: keyID) != nil, let user = try await users.find(id: key.userID) else { throw AccountError.invalidLogin }
        try await deviceKeys.markUsed(id: key.id, at: time.now)
        await alert(user, subject: "A device signed in to your Flowsta account", text: """
            The device "\(key.name)" signed in to the Flowsta account \(user.username). \
            If this was not you, remove the device on your account page.
            """)
        return try await signIn(user, methods: AuthenticationMethods([.softwareKey]))
    }

    /// Deletes enrolments that expired (retention). - Returns: how many.
    public func purgeDeviceKeyEnrolments(now: Date) async throws -> Int {
        try await deviceKeys.purgeEnrolments(expiredBefore: now)
    }

    static func deviceKeyName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 64, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountError.invalidRequest("name must be 1 to 64 characters, without control characters")
        }
        return name
    }
}
