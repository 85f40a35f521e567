import FlowstaAccounts
import FlowstaBilling
import FlowstaOAuth
import FlowstaPlatform
import FlowstaSignIt
import FlowstaUsage
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns every error into the documented JSON error format. Errors of our modules render
/// themselves; framework and decoding errors are translated; anything else is a 500 whose cause
/// is logged by type only (no values) and never sent.
package struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AccountError {
            return try error.response(from: request, context: context)
        } catch let error as PlatformError {
            return try error.response(from: request, context: context)
        } catch let error as UsageError {
            return try error.response(from: request, context: context)
        } catch let error as BillingError {
            return try error.response(from: request, context: context)
        } catch let error as OAuthError {
            return try error.response(from: request, context: context)
        } catch let error as SignItError {
            return try error.response(from: request, context: context)
        } catch let error as MissingBearerToken {
            return try error.response(from: request, context: context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try Self.translate(error).response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            // A body over a limit that no Content-Length announced (chunked).
            return try APIError.payloadTooLarge.response(from: request, context: context)
        } catch is HTTPParserError {
            // Broken framing: a bad chunk size, a body shorter than its Content-Length.
            return try APIError.invalidRequest("the request body is malformed (HTTP framing)").response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["cause": .string(String(describing: type(of: error)))])
            return try APIError.serverError.response(from: request, context: context)
        }
    }

    package static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound: .notFound
        case .contentTooLarge: .payloadTooLarge
        case .methodNotAllowed: APIError(.methodNotAllowed, "method_not_allowed", "this endpoint does not accept that method")
        case .unsupportedMediaType: APIError(.unsupportedMediaType, "unsupported_media_type", "send application/json")
        default:
            error.status.code < 500
                ? APIError(error.status, "invalid_request", error.body ?? error.status.reasonPhrase)
                : .serverError
        }
    }
}
