import FlowstaCore
import FlowstaHTTP
import Hummingbird

/// The JSON API: accounts, vault, the management API (`/api/v1`), usage, billing, the OAuth
/// endpoints, health and the OpenAPI document. Every route answers JSON; errors go through
/// ``ErrorMiddleware``'s one mapping.
public enum APIRoutes {
    /// Adds every JSON route to `router`.
    public static func add(to router: Router<AppRequestContext>, services: Services) {
        let cookies = services.cookies
        HealthController(storageReady: services.storageReady, drain: services.drain).addRoutes(to: router)
        OpenAPIController().addRoutes(to: router)
        AccountController(
            accounts: services.accounts, platform: services.platform, oauth: services.oauth, cookies: cookies,
            addresses: services.addresses, time: services.time
        ).addRoutes(to: router)
        PictureController(accounts: services.accounts).addRoutes(to: router)
        PlatformController(
            accounts: services.accounts, platform: services.platform, notices: services.notices, billing: services.billing,
            limiter: services.rateLimiter, cookies: cookies
        ).addRoutes(to: router)
        WebhookController(accounts: services.accounts, platform: services.platform, limiter: services.rateLimiter, cookies: cookies).addRoutes(to: router)
        OAuthController(oauth: services.oauth).addRoutes(to: router)
        UsageController(
            accounts: services.accounts, platform: services.platform, usage: services.usage, mau: services.mau, logs: services.apiLogs,
            apps: services.apps, limiter: services.rateLimiter, cookies: cookies, time: services.time
        ).addRoutes(to: router)
        BillingController(
            accounts: services.accounts, platform: services.platform, billing: services.billing, records: services.billingRecords,
            limiter: services.rateLimiter, cookies: cookies, issuer: services.issuer
        ).addRoutes(to: router)
        OrganizationDataController(
            accounts: services.accounts, platform: services.platform, usage: services.usage, mau: services.mau, notices: services.notices,
            billing: services.billing, billingRecords: services.billingRecords, limiter: services.rateLimiter, cookies: cookies, time: services.time
        ).addRoutes(to: router)
        SignItController(
            signIt: services.signIt, contacts: services.signItContacts, accounts: services.accounts, oauth: services.oauth, apps: services.apps,
            cookies: cookies, issuer: services.issuer, time: services.time
        ).addRoutes(to: router)
        VaultController(
            accounts: services.accounts, vault: services.vault, oauth: services.oauth, platform: services.platform, apps: services.apps,
            cookies: cookies, time: services.time
        ).addRoutes(to: router)
    }

    /// Fails when the OpenAPI document's resource files are missing or broken (checked at start).
    public static func checkInstallation() throws {
        _ = try OpenAPIDocument.data()
    }
}
