import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaMail
import FlowstaOAuth
import FlowstaPlatform
import FlowstaSignIt
import FlowstaStore
import FlowstaUsage
import FlowstaWebhooks
import Foundation
import Logging

extension FlowstaApplication {
    /// Everything `serve` needs, opened and migrated. A class: one instance is shared by the
    /// router, the services and the CLI commands (never copied field by field).
    public final class Runtime: Sendable {
        public let configuration: ServerConfiguration
        public let store: FlowstaDatabase
        public let keyRing: KeyRing
        public let accounts: AccountService
        public let platform: PlatformService
        /// Policy, terms and service notices.
        public let notices: NoticeService
        /// The OAuth 2.0 / OIDC provider.
        public let oauth: OAuthProvider
        /// Request metering (in memory) and the usage reports over the flushed rows.
        public let meter: Meter
        public let usage: UsageService
        /// Zero-knowledge monthly active users.
        public let mau: MAUService
        /// The users' encrypted vaults.
        public let vault: VaultService
        /// Sign It: signing requests, published signatures, contact requests.
        public let signIt: SignItService
        public let signItContacts: SignItContacts
        /// Billing through Stripe; `nil` when no Stripe key is configured (billing off).
        public let billing: BillingService?
        /// Invoices and usage reports, kept whether or not billing is on now.
        public let billingRecords: any BillingRepository
        /// The management API rate of each organization's plan.
        let rateLimiter: any APIRateLimiter
        let usageRepository: any UsageRepository
        let apiLogs: any APILogRepository
        let apps: any AppRepository
        public let mailer: Mailer
        /// Delivers the outbox over SMTP (idle when no SMTP server is configured).
        public let mailDelivery: MailDeliveryService
        /// Sends back-channel logout tokens (and webhooks) from the outbound queue.
        let outboundDelivery: OutboundDeliveryService
        /// The outbound queue.
        public let outbound: any OutboundDeliveryRepository
        public let logger: Logger
        /// The clock every request handler reads (tests inject a fixed one).
        public let time: any TimeSource
        /// What `/metrics` reports.
        public let metrics = FlowstaMetrics()
        /// Set by the stop signal: `/ready` answers 503 while the server drains.
        public let drain = DrainSwitch()
        /// Where changes that caches hold are announced (to the other instances too, on
        /// PostgreSQL).
        public let changes: CacheChanges

        /// What the routes need.
        public var services: Services {
            let store = store
            let logger = logger
            return Services(
                accounts: accounts, platform: platform, notices: notices, oauth: oauth, meter: meter, usage: usage, mau: mau, vault: vault,
                signIt: signIt, signItContacts: signItContacts,
                billing: billing, billingRecords: billingRecords, rateLimiter: rateLimiter, apiLogs: apiLogs, apps: apps, keyRing: keyRing,
                time: time, logger: logger, servesHTTPS: configuration.servesHTTPS,
                trustedProxies: (try? configuration.trustedProxyNetworks()) ?? [],
                billingOrigins: configuration.stripe?.redirectOrigins ?? [],
                storageReady: {
                    do {
                        try await store.ping()
                        return true
                    } catch {
                        logger.warning("readiness check failed", metadata: ["cause": .string(String(describing: type(of: error)))])
                        return false
                    }
                },
                drain: drain
            )
        }

        init(
            configuration: ServerConfiguration, store: FlowstaDatabase, keyRing: KeyRing, accounts: AccountService, platform: PlatformService,
            notices: NoticeService, oauth: OAuthProvider, meter: Meter, usage: UsageService, mau: MAUService, vault: VaultService,
            signIt: SignItService, signItContacts: SignItContacts,
            billing: BillingService?, billingRecords: any BillingRepository, rateLimiter: any APIRateLimiter, usageRepository: any UsageRepository,
            apiLogs: any APILogRepository, apps: any AppRepository, mailer: Mailer, mailDelivery: MailDeliveryService, changes: CacheChanges,
            outbound: any OutboundDeliveryRepository, outboundDelivery: OutboundDeliveryService, logger: Logger, time: any TimeSource
        ) {
            self.outbound = outbound
            self.outboundDelivery = outboundDelivery
            self.time = time
            self.changes = changes
            self.configuration = configuration
            self.store = store
            self.keyRing = keyRing
            self.accounts = accounts
            self.platform = platform
            self.notices = notices
            self.oauth = oauth
            self.meter = meter
            self.usage = usage
            self.mau = mau
            self.vault = vault
            self.signIt = signIt
            self.signItContacts = signItContacts
            self.billing = billing
            self.billingRecords = billingRecords
            self.rateLimiter = rateLimiter
            self.usageRepository = usageRepository
            self.apiLogs = apiLogs
            self.apps = apps
            self.mailer = mailer
            self.mailDelivery = mailDelivery
            self.logger = logger
        }
    }
}
