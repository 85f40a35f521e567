import Foundation

/// Lifetimes and the issuer (DESIGN §5, issue #4).
public struct OAuthConfiguration: Sendable {
    /// The issuer identifier (`FLOWSTA_ISSUER`), without a trailing slash.
    public var issuer: String
    /// Authorization codes: 60 s, single use.
    public var codeLifetime: TimeInterval = 60
    /// Access tokens and ID tokens: 1 h.
    public var accessTokenLifetime: TimeInterval = 3600
    public var idTokenLifetime: TimeInterval = 3600
    /// Refresh tokens: 30 days, sliding (each rotation starts a new 30 days).
    public var refreshTokenLifetime: TimeInterval = 30 * 24 * 3600
    /// Refresh tokens stop at this age of the sign-in, however often they were rotated: 90 days
    /// after the user signed in, the app must send them through sign-in again.
    public var refreshTokenAbsoluteLifetime: TimeInterval = 90 * 24 * 3600
    /// A rotated refresh token presented again within this window (concurrent refreshes from
    /// two tabs, a retried request) gets fresh tokens once instead of revoking the grant.
    public var refreshGraceWindow: TimeInterval = 10
    /// `client_credentials` tokens of one client issued within this window share one stored
    /// grant (so revoking one of them revokes those issued in the same window); a busy service
    /// then costs one grant write a minute instead of one per token.
    public var clientCredentialsGrantReuse: TimeInterval = 60
    /// Device authorization (RFC 8628): how long a device code and its user code live, and
    /// the polling interval a device starts with (each `slow_down` adds 5 seconds).
    public var deviceCodeLifetime: TimeInterval = 600
    public var devicePollingInterval = 5
    /// Device authorizations one client may start per minute (then `slow_down`).
    public var deviceAuthorizationsPerMinute = 30
    /// Wrong user codes a signed-in user may type in 10 minutes on the device page.
    public var wrongUserCodesPerUser = 10
    /// The algorithm access tokens are signed with.
    public var accessTokenAlgorithm: SigningAlgorithm = .es256
    /// Clients that are part of Flowsta itself (the dashboard): signing in to them needs no
    /// consent screen.
    public var firstPartyClientIDs: Set<String> = []

    public init(issuer: String) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
    }
}
