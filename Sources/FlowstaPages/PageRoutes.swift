import FlowstaCore
import FlowstaHTTP
import Hummingbird

/// The HTML the server renders: the hosted pages (`/`, `/oauth/authorize`, sign-in, sign-up,
/// consent, account, password reset) and the developer dashboard (`/dashboard`).
public enum PageRoutes {
    /// Adds every page route to `router`.
    public static func add(to router: Router<AppRequestContext>, services: Services) {
        let cookies = services.cookies
        let csrf = CSRFTokens(keyRing: services.keyRing)
        DashboardController(
            accounts: services.accounts, platform: services.platform, oauth: services.oauth, mau: services.mau, usage: services.usage,
            logs: services.apiLogs, notices: services.notices, billing: services.billing, billingRecords: services.billingRecords,
            billingOrigins: services.billingOrigins, keyRing: services.keyRing, issuer: services.issuer, cookies: cookies,
            csrf: csrf, pages: PageRenderer.shared, time: services.time
        ).addRoutes(to: router)
        HostedPagesController(
            oauth: services.oauth, accounts: services.accounts, apps: services.apps, platform: services.platform, mau: services.mau,
            cookies: cookies, csrf: csrf, marker: SignInMarker(keyRing: services.keyRing)
        ).addRoutes(to: router)
    }

    /// The HTML error page, for middleware that refuses a browser's request.
    package static var errorWriter: any HTMLErrorWriter { PageRenderer.shared }

    /// Fails when the templates are missing or do not parse (checked at start).
    public static func checkInstallation() throws {
        _ = try PageRenderer.loaded.get()
    }
}
