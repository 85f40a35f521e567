import FlowstaCore
import FlowstaHTTP
import Hummingbird

/// `/health` (liveness) and `/ready` (the database answers and the server is not draining).
struct HealthController {
    let storageReady: @Sendable () async -> Bool
    let drain: DrainSwitch

    struct Status: Encodable {
        var status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in JSONResponse(value: Status(status: "ok")) }
        router.get("ready") { _, _ -> Response in
            guard !drain.isDraining else {
                return ErrorBody(error: "draining", errorDescription: "the server is shutting down").response(status: .serviceUnavailable)
            }
            guard await storageReady() else {
                return ErrorBody(error: "not_ready", errorDescription: "the database is not reachable").response(status: .serviceUnavailable)
            }
            return try JSONResponse(value: Status(status: "ready")).build()
        }
    }
}
