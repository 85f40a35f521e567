import FlowstaCore
import FlowstaUsage
import Foundation
import Hummingbird
import Synchronization

/// Who a request is counted for, filled in by whoever authenticates it (the API key middleware,
/// the OAuth controller once the client is known). Shared by reference across the request's
/// contexts; requests nobody attributes (unauthenticated ones) are not metered.
package final class MeteringSlot: Sendable {
    package struct Attribution {
        var organizationID: UUID
        var appID: UUID?
        var keyID: UUID?
    }

    private let value = Mutex<Attribution?>(nil)

    package func attribute(organizationID: UUID, appID: UUID?, keyID: UUID? = nil) {
        value.withLock { $0 = Attribution(organizationID: organizationID, appID: appID, keyID: keyID) }
    }

    package var attribution: Attribution? { value.withLock { $0 } }
}

/// Counts every attributed request of the OAuth API and the management API in the ``Meter``
/// and the API log (in memory; ``MeteringFlushService`` writes both). Outside the error middleware,
/// so it sees the status actually answered.
package struct MeteringMiddleware: RouterMiddleware {
    package let meter: Meter
    package let time: any TimeSource

    package init(meter: Meter, time: any TimeSource) {
        self.meter = meter
        self.time = time
    }

    package static func group(_ path: String) -> RouteGroup? {
        switch path {
        case "/oauth/token": .token
        case "/oauth/userinfo": .userinfo
        case "/oauth/introspect": .introspect
        case "/oauth/revoke": .revoke
        default: path.hasPrefix("/api/v1/") ? .management : nil
        }
    }

    package func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let group = Self.group(request.uri.path) else { return try await next(request, context) }
        let slot = MeteringSlot()
        var context = context
        context.metering = slot
        // Milliseconds: the API log's paging cursor has that precision.
        let arrived = StorableDate.wholeMilliseconds(time.now)
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if let who = slot.attribution {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let status = Int(response.status.code)
            meter.record(organizationID: who.organizationID, appID: who.appID, group: group, at: arrived, status: status, latency: seconds)
            meter.log(APILogEntry(
                organizationID: who.organizationID, appID: who.appID, keyID: who.keyID, occurredAt: arrived, method: request.method.rawValue,
                route: context.endpointPath ?? request.uri.path, status: status, latencyMilliseconds: (seconds * 100_000).rounded() / 100,
                requestID: context.id
            ))
        }
        return response
    }
}
