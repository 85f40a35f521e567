import FlowstaAccounts
import FlowstaPlatform
import Hummingbird
import NIOCore

/// The request context of every route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's socket address, used only in memory by the login throttle (P2); never logged
    /// or stored. ``ClientAddressResolver`` believes forwarding headers of trusted proxies only.
    package let peer: SocketAddress?
    /// The session, when the request carried a valid session cookie.
    package var session: AuthenticatedSession?
    /// The management API caller, once ``PrincipalMiddleware`` resolved it.
    package var principal: Principal?
    /// Whom this request is metered for; present on metered routes only (``MeteringMiddleware``).
    package var metering: MeteringSlot?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
        session = nil
        principal = nil
        metering = nil
    }

    /// Request bodies are small JSON documents: anything over 64 KiB is refused (413).
    public var maxUploadSize: Int { 64 * 1024 }
}

/// The context of routes that require a signed-in user: the session is not optional.
package struct AuthenticatedRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let session: AuthenticatedSession
    /// As ``AppRequestContext/peer``: for the throttle of sign-ins made within a session.
    package let peer: SocketAddress?

    package init(context: AppRequestContext) throws {
        guard let session = context.session else { throw AccountError.unauthenticated }
        self.coreContext = context.coreContext
        self.session = session
        self.peer = context.peer
    }

    package var maxUploadSize: Int { 64 * 1024 }
}

/// The context of `/api/v1` routes: the caller (API key or signed-in user) is not optional.
package struct ManagementRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let principal: Principal

    package init(context: AppRequestContext) throws {
        guard let principal = context.principal else { throw PlatformError.unauthenticated }
        self.coreContext = context.coreContext
        self.principal = principal
    }

    package var maxUploadSize: Int { 64 * 1024 }
}
