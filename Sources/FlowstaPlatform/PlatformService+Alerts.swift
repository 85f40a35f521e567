import FlowstaCore
import Foundation

extension PlatformService {
    static let keyAdvice = "If this was not you or your team, revoke the key in the dashboard and review the audit log."
    static let reviewAdvice = "If this was not you or your team, sign in, secure your account and review the audit log."

    /// Emails a security alert to every owner with an address on file. A failure to queue the
    /// mail never undoes the change it reports.
    /// - Parameter alsoTo: further addresses (owners who were just demoted or removed).
    func alertOwners(_ organizationID: UUID, subject: String, text: String, advice: String = keyAdvice, alsoTo: [String] = []) async {
        do {
            guard let organization = try await organizations.find(id: organizationID) else { return }
            let recipients = Set(alsoTo).union(try await ownerAddresses(organizationID)).sorted()
            await send(to: recipients, subject: "Security alert for \(organization.name): \(subject)", text: text + "\n\n" + advice + "\n")
        } catch {
            // Alerts are best effort; the audit log has the event either way.
        }
    }

    /// The owners' email addresses (opened from their sealed form), for alerts.
    func ownerAddresses(_ organizationID: UUID) async throws -> [String] {
        let owners = try await memberships.owners(organizationID: organizationID)
        return try await users.sealedEmails(of: owners).map { userID, value in
            String(decoding: try keyRing.open(value, context: SealingContext.userEmail(userID)), as: UTF8.self)
        }.sorted()
    }

    func send(to addresses: [String], subject: String, text: String) async {
        for address in addresses {
            try? await mailer.send(to: address, subject: subject, text: text)
        }
    }
}
