import FlowstaAccounts
import FlowstaPlatform
import FlowstaSignIt
import Foundation

/// Sign It's monthly quota: the plan of the organization whose app asks.
struct PlanSignItQuota: SignItQuotaSource {
    let platform: PlatformService

    func monthlyLimit(organizationID: UUID) async throws -> Int? {
        try await platform.plan(of: organizationID).signaturesPerMonth
    }
}

/// Sign It's contact requests reach the signer at their verified address through the account engine.
struct AccountSignerMailer: SignerMailer {
    let accounts: AccountService

    func mail(userID: UUID, subject: String, text: String) async throws -> Bool {
        try await accounts.mailVerifiedAddress(userID: userID, subject: subject, text: text)
    }
}
