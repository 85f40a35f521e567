import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

/// The app that asks for signatures, as its access token names it (the API layer resolves the
/// token; this engine knows no OAuth).
public struct SignItCaller: Sendable, Equatable {
    public var userID: UUID
    public var appID: UUID
    public var clientID: String
    public var organizationID: UUID
    public var appName: String
    public var redirectURIs: [String]

    public init(userID: UUID, appID: UUID, clientID: String, organizationID: UUID, appName: String, redirectURIs: [String]) {
        self.userID = userID
        self.appID = appID
        self.clientID = clientID
        self.organizationID = organizationID
        self.appName = appName
        self.redirectURIs = redirectURIs
    }
}

/// The outcome of one file of an approved request.
public struct SignItFileResult: Sendable, Equatable {
    public var fileHash: [UInt8]
    /// The stored signature, or `nil` with `error` (`already_signed`: this key signed the file
    /// before; that earlier signature stands).
    public var signature: StoredSignature?
    public var error: String?
}

/// The plan's monthly number of signatures of an organization (`nil`: unlimited).
public protocol SignItQuotaSource: Sendable {
    func monthlyLimit(organizationID: UUID) async throws -> Int?
}

/// Sign It (issue #21): an app asks for signatures of file hashes, the user approves on a hosted
/// page where the browser signs with the user's key (the server never holds it), the server
/// checks every signature against the user's registered key and publishes it, and anyone can
/// verify it offline. The signer can revoke a signature with a reason.
public struct SignItService: Sendable {
    /// Limits, each documented in the API docs.
    public struct Configuration: Sendable {
        public var maxFilesPerRequest = 100
        /// A pending request waits this long for the user.
        public var requestLifetime: TimeInterval = 30 * 60
        /// An answered request (and its results) stays readable by the app this long.
        public var decidedRetention: TimeInterval = 24 * 3600
        public var maxPendingPerApp = 10
        /// How far the statement's `signed_at` may be from the server's clock.
        public var signedAtSkew: TimeInterval = 5 * 60
        public var maxStateLength = 500
        public var maxReasonLength = 500
        /// Signatures of one file that verification lists (newest first; `count` is all of them).
        public var verifyLimit = 100
        public var pageLimit = 100

        public init() {}
    }

    let requests: any SignRequestRepository
    let signatures: any SignatureRepository
    let signingKeys: any UserSigningKeyRepository
    let remembered: any SignItApprovalRepository
    let quota: any SignItQuotaSource
    let time: any TimeSource
    public let configuration: Configuration
    /// Where new and revoked signatures are reported (the organization's webhooks).
    let events: (any SignItEventSink)?

    public init(
        requests: any SignRequestRepository, signatures: any SignatureRepository, signingKeys: any UserSigningKeyRepository,
        remembered: any SignItApprovalRepository, quota: any SignItQuotaSource, time: any TimeSource, configuration: Configuration = Configuration(),
        events: (any SignItEventSink)? = nil
    ) {
        self.events = events
        self.requests = requests
        self.signatures = signatures
        self.signingKeys = signingKeys
        self.remembered = remembered
        self.quota = quota
        self.time = time
        self.configuration = configuration
    }

    // MARK: the app's side

    /// Stores a request for the caller's user to approve.
    /// - Throws: ``SignItError/invalidRequest(_:)`` (no files, more than
    ///   ``Configuration/maxFilesPerRequest``, a hash twice, a redirect URI the app did not
    ///   register, a long `state`), ``SignItError/tooManyPendingRequests``,
    ///   ``SignItError/quotaExceeded(limit:)``.
    public func createRequest(_ caller: SignItCaller, files: [FileToSign], redirectURI: String?, state: String?) async throws -> StoredSignRequest {
        guard !files.isEmpty, files.count <= configuration.maxFilesPerRequest else {
            throw SignItError.invalidRequest("files must hold 1 to \(configuration.maxFilesPerRequest) files")
        }
        guard Set(files.map(\.fileHash)).count == files.count else { throw SignItError.invalidRequest("a file_hash appears twice") }
        if let redirectURI, !caller.redirectURIs.contains(redirectURI) {
            throw SignItError.invalidRequest("redirect_uri is not one of the app's registered redirect URIs")
        }
        if let state, state.utf8.count > configuration.maxStateLength || state.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw SignItError.invalidRequest("state must be at most \(configuration.maxStateLength) bytes without control characters")
        }
        if state != nil, redirectURI == nil { throw SignItError.invalidRequest("state needs redirect_uri") }
        let now = time.now
        try await checkQuota(caller.organizationID, adding: files.count, now: now)
        guard try await requests.pendingCount(userID: caller.userID, appID: caller.appID, now: now) < configuration.maxPendingPerApp else {
            throw SignItError.tooManyPendingRequests
        }
        let request = StoredSignRequest(
            id: UUID(), appID: caller.appID, clientID: caller.clientID, userID: caller.userID, files: files, redirectURI: redirectURI,
            state: state, status: .pending, createdAt: now, expiresAt: now.addingTimeInterval(configuration.requestLifetime)
        )
        try await requests.insert(request)
        return request
    }

    /// The caller's request with its results (the signatures once approved). Another app's or
    /// user's request is ``SignItError/notFound``.
    public func appRequest(_ caller: SignItCaller, id: UUID) async throws -> (request: StoredSignRequest, results: [SignItFileResult]) {
        guard var request = try await requests.find(id: id), request.clientID == caller.clientID, request.userID == caller.userID else {
            throw SignItError.notFound
        }
        if request.status == .pending, request.expiresAt <= time.now { request.status = .expired }
        guard request.status == .approved else { return (request, []) }
        return (request, Self.results(of: request, try await signatures.signatures(requestID: id)))
    }

    // MARK: the signer's side

    /// A pending request as the approval page shows it, with the user's current key and whether
    /// the user told Flowsta to approve this app's requests without asking.
    public func signerRequest(userID: UUID, id: UUID) async throws -> (request: StoredSignRequest, key: StoredUserSigningKey?, remembered: Bool) {
        let request = try await pendingRequest(userID: userID, id: id)
        return (request, try await signingKeys.current(userID: userID), try await remembered.isRemembered(userID: userID, appID: request.appID))
    }

    /// Approves a request: `signatures` (64 bytes each, in the request's file order) are checked
    /// against the user's current key and the statement of each file at `signedAt`, then stored.
    /// A file this key signed before is reported `already_signed` and the earlier signature stands.
    /// - Throws: ``SignItError/notPending(_:)``, ``SignItError/noSigningKey``,
    ///   ``SignItError/invalidSignature(_:)`` (nothing is stored then), ``SignItError/invalidRequest(_:)``
    ///   (a `signedAt` more than ``Configuration/signedAtSkew`` from now), ``SignItError/quotaExceeded(limit:)``.
    public func approve(
        userID: UUID, id: UUID, organizationID: UUID, signedAt: Date, signatures signed: [[UInt8]], remember: Bool
    ) async throws -> (request: StoredSignRequest, results: [SignItFileResult]) {
        var request = try await pendingRequest(userID: userID, id: id)
        let now = time.now
        guard abs(signedAt.timeIntervalSince(now)) <= configuration.signedAtSkew, signedAt == SignItStatement.wholeSeconds(signedAt) else {
            throw SignItError.invalidRequest("signed_at must be whole seconds within \(Int(configuration.signedAtSkew)) seconds of the server's clock")
        }
        guard let key = try await signingKeys.current(userID: userID) else { throw SignItError.noSigningKey }
        guard signed.count == request.files.count else {
            throw SignItError.invalidSignature("one signature per file is needed (\(request.files.count))")
        }
        for (index, (file, signature)) in zip(request.files, signed).enumerated() {
            guard SignItStatement.verify(publicKey: key.publicKey, did: key.did, file: file, signedAt: signedAt, signature: signature) else {
                throw SignItError.invalidSignature("signature \(index) is not the signature of file \(index)'s statement by the account's current key")
            }
        }
        try await checkQuota(organizationID, adding: request.files.count, now: now)
        guard try await requests.decide(id: id, status: .approved, at: now) else {
            throw SignItError.notPending(try await requests.find(id: id)?.status ?? .expired)
        }
        var results: [SignItFileResult] = []
        for (file, signature) in zip(request.files, signed) {
            let stored = StoredSignature(
                id: UUID(), file: file, userID: userID, signingKeyID: key.id, publicKey: key.publicKey, did: key.did, signature: signature,
                signedAt: signedAt, requestID: id, organizationID: organizationID, createdAt: now
            )
            let inserted = try await signatures.insert(stored)
            results.append(SignItFileResult(fileHash: file.fileHash, signature: inserted ? stored : nil, error: inserted ? nil : "already_signed"))
        }
        if remember { try await remembered.remember(userID: userID, appID: request.appID, at: now) }
        let created = results.compactMap(\.signature)
        if !created.isEmpty { await events?.signaturesCreated(created, appID: request.appID) }
        request.status = .approved
        request.decidedAt = now
        return (request, results)
    }

    /// The user says no: the app sees `denied`.
    public func deny(userID: UUID, id: UUID) async throws -> StoredSignRequest {
        var request = try await pendingRequest(userID: userID, id: id)
        guard try await requests.decide(id: id, status: .denied, at: time.now) else {
            throw SignItError.notPending(try await requests.find(id: id)?.status ?? .expired)
        }
        request.status = .denied
        return request
    }

    /// The apps whose requests the user approves without a click, oldest first.
    public func rememberedApps(userID: UUID) async throws -> [(appID: UUID, since: Date)] {
        try await remembered.remembered(userID: userID)
    }

    /// Asks again for every request of the app. - Throws: ``SignItError/notFound``.
    public func forget(userID: UUID, appID: UUID) async throws {
        guard try await remembered.forget(userID: userID, appID: appID) else { throw SignItError.notFound }
    }

    // MARK: published signatures

    /// Every signature of a file (newest first, at most ``Configuration/verifyLimit``) and how many there are.
    public func verify(fileHash: [UInt8]) async throws -> (signatures: [StoredSignature], total: Int) {
        try await signatures.signatures(fileHash: fileHash, limit: configuration.verifyLimit)
    }

    /// The user's own signatures, newest first.
    public func signatures(userID: UUID, before: Date?) async throws -> [StoredSignature] {
        try await signatures.signatures(userID: userID, before: before, limit: configuration.pageLimit)
    }

    /// Revokes one of the user's signatures; verification shows it revoked, with the reason.
    public func revoke(userID: UUID, id: UUID, reason: String?) async throws -> StoredSignature {
        let reason = try reason.map { raw -> String in
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.utf8.count <= configuration.maxReasonLength,
                  !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw SignItError.invalidRequest("reason must be 1-\(configuration.maxReasonLength) bytes without control characters")
            }
            return trimmed
        }
        guard let signature = try await signatures.find(id: id), signature.userID == userID else { throw SignItError.notFound }
        guard signature.revokedAt == nil else { return signature }
        _ = try await signatures.revoke(id: id, userID: userID, at: time.now, reason: reason)
        guard let revoked = try await signatures.find(id: id) else { throw SignItError.notFound }
        await events?.signatureRevoked(revoked)
        return revoked
    }

    /// Deletes requests nobody answered (once expired) and answered ones
    /// ``Configuration/decidedRetention`` after the answer (their signatures stay).
    /// - Returns: how many went.
    public func purgeRequests(now: Date) async throws -> Int {
        try await requests.purge(expiredBefore: now, decidedBefore: now.addingTimeInterval(-configuration.decidedRetention))
    }

    // MARK: internals

    func pendingRequest(userID: UUID, id: UUID) async throws -> StoredSignRequest {
        guard let request = try await requests.find(id: id), request.userID == userID else { throw SignItError.notFound }
        guard request.status == .pending else { throw SignItError.notPending(request.status) }
        guard request.expiresAt > time.now else { throw SignItError.notPending(.expired) }
        return request
    }

    func checkQuota(_ organizationID: UUID, adding count: Int, now: Date) async throws {
        guard let limit = try await quota.monthlyLimit(organizationID: organizationID) else { return }
        let used = try await signatures.count(organizationID: organizationID, since: UTCMonth.start(of: now))
        guard used + count <= limit else { throw SignItError.quotaExceeded(limit: limit) }
    }

    static func results(of request: StoredSignRequest, _ stored: [StoredSignature]) -> [SignItFileResult] {
        let byHash = Dictionary(stored.map { ($0.file.fileHash, $0) }, uniquingKeysWith: { first, _ in first })
        return request.files.map { file in
            let signature = byHash[file.fileHash]
            return SignItFileResult(fileHash: file.fileHash, signature: signature, error: signature == nil ? "already_signed" : nil)
        }
    }
}

/// The calendar month (UTC) a quota counts in.
enum UTCMonth {
    static func start(of date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.dateInterval(of: .month, for: date)?.start ?? date
    }
}

/// Where Sign It reports signatures made through an app and revoked (best effort: reporting
/// never fails the signer's request).
public protocol SignItEventSink: Sendable {
    /// New signatures of one request, made for the app `appID`.
    func signaturesCreated(_ signatures: [StoredSignature], appID: UUID) async
    func signatureRevoked(_ signature: StoredSignature) async
}
