import FlowstaAccounts
import FlowstaPlatform
import FlowstaUsage
import Hummingbird

/// Resolves the management API caller: an organization API key (`Authorization: Bearer
/// fsk_live_…`) or the session cookie of a signed-in user. Neither is an error only for routes
/// that need a caller (all of `/api/v1`). Requests with an API key take a token from the
/// organization's rate limit bucket (its plan's API rate) and answer with `RateLimit` fields.
package struct PrincipalMiddleware: RouterMiddleware {
    package let accounts: AccountService
    package let platform: PlatformService
    package let limiter: any APIRateLimiter
    package let cookies: SessionCookies

    package init(accounts: AccountService, platform: PlatformService, limiter: any APIRateLimiter, cookies: SessionCookies) {
        self.accounts = accounts
        self.platform = platform
        self.limiter = limiter
        self.cookies = cookies
    }

    package func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard let token = BearerCredential.token(authorization) else { throw PlatformError.unauthenticated }
            let principal = try await platform.authenticate(apiKey: token)
            context.principal = principal
            if case .apiKey(let keyID, let organizationID) = principal {
                // Requests authenticated as an organization are metered (issue #5).
                context.metering?.attribute(organizationID: organizationID, appID: nil, keyID: keyID)
                if let rate = try await platform.plan(of: organizationID).apiRatePerSecond {
                    let decision = await limiter.take(organizationID, ratePerSecond: rate)
                    guard decision.allowed else { throw UsageError.rateLimited(decision) }
                    var response = try await next(request, context)
                    response.headers.append(contentsOf: UsageError.rateLimitHeaders(decision))
                    return response
                }
            }
        } else if let token = cookies.value(SessionCookies.session, in: request) {
            do {
                context.principal = .user(try await accounts.authenticate(sessionToken: token).user.id)
            } catch AccountError.unauthenticated {
                throw PlatformError.unauthenticated
            }
        }
        return try await next(request, context)
    }
}

extension PrincipalMiddleware {
    /// The `/api/v1` route group every management controller registers on: the caller resolved
    /// (and rate limited) here, then required by the context.
    package static func managementGroup(
        _ router: Router<AppRequestContext>, accounts: AccountService, platform: PlatformService, limiter: any APIRateLimiter, cookies: SessionCookies
    )
        -> RouterGroup<ManagementRequestContext> {
        router.group("api/v1")
            .add(middleware: PrincipalMiddleware(accounts: accounts, platform: platform, limiter: limiter, cookies: cookies))
            .group(context: ManagementRequestContext.self)
    }
}
