import FlowstaCore
import FlowstaCrypto
import Foundation

/// Mails a user at their verified address, which the caller never learns.
public protocol SignerMailer: Sendable {
    /// - Returns: `false` when the user has no verified address (nothing was sent).
    func mail(userID: UUID, subject: String, text: String) async throws -> Bool
}

/// Contact requests (issue #21): a signed-in Flowsta user asks the signer of a signature about
/// the file; Flowsta mails the signer the message and the asker's reply address, so the asker
/// never learns the signer's address (and learns nothing when the signer has none). Limited per
/// signature and per asker per day in the shared counters, under keyed hashes.
public struct SignItContacts: Sendable {
    public static let maxMessageLength = 2_000
    public static let perSignaturePerDay = 3
    public static let perAskerPerDay = 5

    let signatures: any SignatureRepository
    let mailer: any SignerMailer
    let counters: any SharedCounters
    let hasher: KeyedHasher
    let time: any TimeSource

    public init(signatures: any SignatureRepository, mailer: any SignerMailer, counters: any SharedCounters, hasher: KeyedHasher, time: any TimeSource) {
        self.signatures = signatures
        self.mailer = mailer
        self.counters = counters
        self.hasher = hasher
        self.time = time
    }

    /// Sends the signer of `signatureID` the message.
    /// - Parameters:
    ///   - asker: the signed-in user who asks, with the name and verified address the signer
    ///     may answer at.
    /// - Throws: ``SignItError/notFound``, ``SignItError/notContactable`` (the signature does not
    ///   allow contact requests, is revoked, or its signer has no verified address),
    ///   ``SignItError/invalidRequest(_:)``, ``SignItError/rateLimited(retryAfter:)``.
    public func contact(signatureID: UUID, asker: (id: UUID, name: String, replyTo: String), message raw: String) async throws {
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty, message.count <= Self.maxMessageLength,
              !message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw SignItError.invalidRequest("message must be 1-\(Self.maxMessageLength) characters (line breaks allowed, no other control characters)")
        }
        guard let signature = try await signatures.find(id: signatureID) else { throw SignItError.notFound }
        guard signature.revokedAt == nil, signature.file.fields.contentRights.contactPreference == .allowContactRequests,
              signature.userID != asker.id else {
            throw SignItError.notContactable
        }
        let now = time.now
        for (key, limit) in [("signature:" + signatureID.uuidString, Self.perSignaturePerDay), ("asker:" + asker.id.uuidString, Self.perAskerPerDay)] {
            let count = try await counters.count(hasher.hash("sign-it-contact:" + key), window: 86_400, now: now)
            guard count.count < limit else { throw SignItError.rateLimited(retryAfter: count.secondsLeft(at: now)) }
        }
        let text = """
            \(asker.name), a Flowsta user, asks about a file you signed with Flowsta Sign It:

            File (SHA-256): \(signature.file.hexHash)
            Signed: \(SignItStatement.timestamp(signature.signedAt)) as \(signature.file.fields.intent.rawValue)

            Their message:

            \(message)

            To answer, write to \(asker.replyTo). Flowsta did not tell them your address: they learn it only if you answer.
            You get these requests because you allowed contact requests when you signed. Revoking the signature stops them.
            """
        guard try await mailer.mail(userID: signature.userID, subject: "A question about a file you signed", text: text) else {
            throw SignItError.notContactable
        }
        for key in ["signature:" + signatureID.uuidString, "asker:" + asker.id.uuidString] {
            _ = try await counters.increment(hasher.hash("sign-it-contact:" + key), window: 86_400, now: now)
        }
    }

    /// Whether a signature takes contact requests (as verification shows it).
    public static func isContactable(_ signature: StoredSignature) -> Bool {
        signature.revokedAt == nil && signature.file.fields.contentRights.contactPreference == .allowContactRequests
    }
}
