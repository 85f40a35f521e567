import FlowstaUsage
import Foundation
import Hummingbird
import Synchronization

/// Who a request is counted for, filled in by whoever authenticates it (the API key middleware,
/// the OAuth controller once the client is known). Shared by reference across the request's
/// contexts; requests nobody attributes (unauthenticated ones) are not metered.
final class MeteringSlot: Sendable {
    private let value = Mutex<(organizationID: UUID, appID: UUID?)?>(nil)

    func attribute(organizationID: UUID, appID: UUID?) { value.withLock { $0 = (organizationID, appID) } }
    var attribution: (organizationID: UUID, appID: UUID?)? { value.withLock { $0 } }
}

/// Counts every attributed request of the OAuth API and the management API in the ``Meter``
/// (in memory; ``MeteringFlushService`` writes the hourly rows). Outside the error middleware,
/// so it sees the status actually answered.
struct MeteringMiddleware: RouterMiddleware {
    let meter: Meter

    static func group(_ path: String) -> RouteGroup? {
        switch path {
        case "/oauth/token": .token
        case "/oauth/userinfo": .userinfo
        case "/oauth/introspect": .introspect
        case "/oauth/revoke": .revoke
        default: path.hasPrefix("/api/v1/") ? .management : nil
        }
    }

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let group = Self.group(request.uri.path) else { return try await next(request, context) }
        let arrived = Date()
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if let who = context.metering.attribution {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            meter.record(organizationID: who.organizationID, appID: who.appID, group: group, at: arrived, status: Int(response.status.code), latency: seconds)
        }
        return response
    }
}
