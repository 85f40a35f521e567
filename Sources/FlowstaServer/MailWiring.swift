import FlowstaAccounts
import FlowstaCrypto
import FlowstaMail
import FlowstaPlatform

/// Secrets at rest in the mail outbox are sealed by the key ring like every other secret.
extension KeyRing: MailSealer {}

/// The platform's mail goes into the outbox; ``MailDeliveryService`` sends it.
struct OutboxPlatformMailer: PlatformMailer, AccountMailer {
    let mailer: Mailer
    let from: String

    func send(to address: String, subject: String, text: String) async throws {
        try await mailer.send(MailMessage(from: from, to: address, subject: subject, text: text))
    }
}
