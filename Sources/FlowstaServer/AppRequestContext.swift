import FlowstaAccounts
import FlowstaPlatform
import Hummingbird
import NIOCore

/// The request context of every route.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's socket address, used only in memory by the login throttle (P2); never logged
    /// or stored. ``ClientAddressResolver`` believes forwarding headers of trusted proxies only.
    let peer: SocketAddress?
    /// The session, when the request carried a valid session cookie.
    var session: AuthenticatedSession?
    /// The management API caller, once ``PrincipalMiddleware`` resolved it.
    var principal: Principal?
    /// Whom this request is metered for; present on metered routes only (``MeteringMiddleware``).
    var metering: MeteringSlot?

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
struct AuthenticatedRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let session: AuthenticatedSession

    init(context: AppRequestContext) throws {
        guard let session = context.session else { throw AccountError.unauthenticated }
        self.coreContext = context.coreContext
        self.session = session
    }

    var maxUploadSize: Int { 64 * 1024 }
}

/// The context of `/api/v1` routes: the caller (API key or signed-in user) is not optional.
struct ManagementRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let principal: Principal

    init(context: AppRequestContext) throws {
        guard let principal = context.principal else { throw PlatformError.unauthenticated }
        self.coreContext = context.coreContext
        self.principal = principal
    }

    var maxUploadSize: Int { 64 * 1024 }
}
