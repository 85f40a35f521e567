import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaSignIt
import FlowstaUsage
import Logging

/// Everything the routes need, built once by the composition root (`FlowstaServer`) and handed
/// to the JSON API (`FlowstaAPI`) and the pages (`FlowstaPages`). Storage appears only behind
/// the engines' ports, so a test can compose in-memory stores without a database.
public struct Services: Sendable {
    public var accounts: AccountService
    public var platform: PlatformService
    /// Policy, terms and service notices.
    public var notices: NoticeService
    /// The OAuth 2.0 / OIDC provider.
    public var oauth: OAuthProvider
    /// Request metering (in memory) and the usage reports over the flushed rows.
    public var meter: Meter
    public var usage: UsageService
    /// Zero-knowledge monthly active users.
    public var mau: MAUService
    /// The users' encrypted vaults.
    public var vault: VaultService
    /// Sign It: signing requests, published signatures, contact requests.
    public var signIt: SignItService
    public var signItContacts: SignItContacts
    /// Billing through Stripe; `nil` when no Stripe key is configured (billing off).
    public var billing: BillingService?
    /// Invoices and usage reports, kept whether or not billing is on now.
    public var billingRecords: any BillingRepository
    /// The management API rate of each organization's plan.
    public var rateLimiter: any APIRateLimiter
    public var apiLogs: any APILogRepository
    public var apps: any AppRepository
    public var keyRing: KeyRing
    /// The clock every request handler reads (tests inject a fixed one).
    public var time: any TimeSource
    public var logger: Logger
    /// Secure `__Host-` cookies when the server is reached over HTTPS.
    public var servesHTTPS: Bool
    /// Proxies whose forwarding headers name the client (for the login throttle only).
    public var trustedProxies: [IPNetwork]
    /// Origins Stripe's Checkout and portal may send an owner back from.
    public var billingOrigins: [String]
    /// `GET /ready`: whether the database answers.
    public var storageReady: @Sendable () async -> Bool
    /// `GET /ready` answers 503 once this is draining (the stop signal came).
    public var drain: DrainSwitch

    public init(
        accounts: AccountService, platform: PlatformService, notices: NoticeService, oauth: OAuthProvider, meter: Meter, usage: UsageService,
        mau: MAUService, vault: VaultService, signIt: SignItService, signItContacts: SignItContacts, billing: BillingService?,
        billingRecords: any BillingRepository, rateLimiter: any APIRateLimiter,
        apiLogs: any APILogRepository, apps: any AppRepository, keyRing: KeyRing, time: any TimeSource, logger: Logger,
        servesHTTPS: Bool, trustedProxies: [IPNetwork], billingOrigins: [String], storageReady: @escaping @Sendable () async -> Bool,
        drain: DrainSwitch = DrainSwitch()
    ) {
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
        self.apiLogs = apiLogs
        self.apps = apps
        self.keyRing = keyRing
        self.time = time
        self.logger = logger
        self.servesHTTPS = servesHTTPS
        self.trustedProxies = trustedProxies
        self.billingOrigins = billingOrigins
        self.storageReady = storageReady
        self.drain = drain
    }

    /// The issuer (`https://host[:port]`) every absolute link starts with.
    public var issuer: String { oauth.configuration.issuer }

    /// The server's cookies.
    package var cookies: SessionCookies { SessionCookies(secure: servesHTTPS) }

    /// Client addresses for the login throttle.
    package var addresses: ClientAddressResolver { ClientAddressResolver(trustedProxies: trustedProxies) }
}
