import FlowstaCore
import Foundation

extension PlatformService {
    /// Emails a security alert to every owner with an address on file. A failure to queue the
    /// mail never undoes the change it reports.
    func alertOwners(_ organizationID: UUID, subject: String, text: String) async {
        do {
            let owners = try await memberships.owners(organizationID: organizationID)
            let sealed = try await users.sealedEmails(of: owners)
            guard let organization = try await organizations.find(id: organizationID) else { return }
            for (userID, value) in sealed {
                let address = String(decoding: try keyRing.open(value, context: SealingContext.userEmail(userID)), as: UTF8.self)
                try await mailer.send(
                    to: address,
                    subject: "Security alert for \(organization.name): \(subject)",
                    text: text + "\n\nIf this was not you or your team, revoke the key in the dashboard and review the audit log.\n"
                )
            }
        } catch {
            // Alerts are best effort; the audit log has the event either way.
        }
    }
}
