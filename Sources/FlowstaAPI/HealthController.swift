import FlowstaCore
import FlowstaHTTP
import Hummingbird

/// `/health` (liveness) and `/ready` (the database answers).
struct HealthController {
    let storageReady: @Sendable () async -> Bool

    struct Status: Encodable {
        var status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in JSONResponse(value: Status(status: "ok")) }
        router.get("ready") { _, _ -> Response in
            guard await storageReady() else {
                return ErrorBody(error: "not_ready", errorDescription: "the database is not reachable").response(status: .serviceUnavailable)
            }
            return try JSONResponse(value: Status(status: "ready")).build()
        }
    }
}
