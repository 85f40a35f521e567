import FlowstaStore
import Hummingbird

/// `/health` (liveness) and `/ready` (the database answers).
struct HealthController {
    let store: FlowstaDatabase

    struct Status: Encodable {
        var status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in JSONResponse(value: Status(status: "ok")) }
        router.get("ready") { _, context -> Response in
            do {
                try await store.ping()
                return try JSONResponse(value: Status(status: "ready")).build()
            } catch {
                context.logger.warning("readiness check failed", metadata: ["cause": .string(String(describing: type(of: error)))])
                return ErrorBody(error: "not_ready", errorDescription: "the database is not reachable").response(status: .serviceUnavailable)
            }
        }
    }
}
