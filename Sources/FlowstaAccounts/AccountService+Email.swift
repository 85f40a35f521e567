import FlowstaCore
import FlowstaCrypto
import Foundation

extension AccountService {
    /// Sends the signed-in user's address a new verification link.
    /// - Throws: ``AccountError/nothingToVerify`` (no address, or verified already),
    ///   ``AccountError/emailInUse`` (another account verified it), ``AccountError/rateLimited(retryAfterSeconds:)``
    ///   after ``Configuration/verificationMailsPerDay`` links in a day.
    public func requestEmailVerification(_ session: AuthenticatedSession) async throws {
        let user = session.user
        guard !user.emailVerified, let address = try openEmail(of: user) else { throw AccountError.nothingToVerify }
        if let holder = try await users.userID(emailIndex: emailIndex.hash(address.lowercased())), holder != user.id {
            throw AccountError.emailInUse
        }
        try await sendVerification(to: address, of: user, quietly: false)
    }

    /// Mails a verification link (single use, ``Configuration/verificationTokenLifetime``) bound
    /// to this address: changing the address voids it. - Parameter quietly: over the daily limit,
    /// send nothing instead of throwing.
    func sendVerification(to address: String, of user: StoredUser, quietly: Bool) async throws {
        guard let mailer else { return }
        let sent = try await tokens.count(userID: user.id, purpose: .emailVerification, since: time.now.addingTimeInterval(-86_400))
        guard sent < configuration.verificationMailsPerDay else {
            if quietly { return }
            throw AccountError.rateLimited(retryAfterSeconds: 3_600)
        }
        let token = try await issueToken(
            userID: user.id, purpose: .emailVerification, binding: emailIndex.hash(address.lowercased()),
            lifetime: configuration.verificationTokenLifetime
        )
        let hours = Int(configuration.verificationTokenLifetime / 3_600)
        try await mailer.send(
            to: address, subject: "Verify your email address for Flowsta",
            text: """
                This address was entered for the Flowsta account \(user.username).

                To confirm that it is yours, open this link within \(hours) hours (it works once):
                \(configuration.publicBaseURL)/verify-email#token=\(token)

                Until it is confirmed, this address receives nothing from Flowsta but this message, and apps do not \
                see it as verified. If you did not enter it, ignore this message.

                """
        )
    }

    /// Follows a verification link: the address becomes verified (`email_verified` true) and
    /// reserved to this account.
    /// - Throws: ``AccountError/invalidToken`` (unknown, used, expired, or the address changed
    ///   since), ``AccountError/emailInUse`` (another account verified it first).
    public func verifyEmail(token raw: String) async throws -> UserProfile {
        let token = try await useToken(raw, purpose: .emailVerification)
        guard var user = try await users.find(id: token.userID), let address = try openEmail(of: user),
              emailIndex.hash(address.lowercased()) == token.binding else {
            throw AccountError.invalidToken
        }
        if !user.emailVerified {
            user.emailIndex = token.binding
            user.emailVerified = true
            user.updatedAt = time.now
            do {
                try await users.update(user)
            } catch RepositoryConflict.email {
                throw AccountError.emailInUse
            }
        }
        try await tokens.deleteAll(userID: user.id, purpose: .emailVerification)
        return try profile(of: user)
    }
}
