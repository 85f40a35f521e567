import Hummingbird
import Logging
import NIOCore

/// Logs one JSON line per request: method, route template, status, latency, request id.
/// Never the address, `User-Agent`, headers, query string or body (P2, P3).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "(unmatched)"),
            "status": .stringConvertible(response.status.code),
            "latency_ms": .string(String(format: "%.3f", milliseconds)),
            "request_id": .string(context.id),
        ])
        return response
    }
}
