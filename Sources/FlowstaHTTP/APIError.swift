import Foundation
import Hummingbird
import HTTPTypes

/// Errors of the HTTP layer itself, in the documented `{"error", "error_description"}` format.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var description: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ description: String) {
        self.status = status
        self.code = code
        self.description = description
    }

    package static func invalidRequest(_ description: String) -> APIError { APIError(.badRequest, "invalid_request", description) }
    package static let notFound = APIError(.notFound, "not_found", "no such endpoint")
    package static let payloadTooLarge = APIError(.contentTooLarge, "payload_too_large", "the request body is over this endpoint's limit (64 KiB for most)")
    package static let unsupportedMediaType = APIError(.unsupportedMediaType, "unsupported_media_type", "send the body as application/json")
    package static let serverError = APIError(.internalServerError, "server_error", "the server could not complete the request")
}

extension APIError: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ErrorBody(error: code, errorDescription: description).response(status: status)
    }
}

/// The one error body of the API.
package struct ErrorBody: Encodable {
    package var error: String
    package var errorDescription: String
    /// `invalid_code` during a sign-in: wrong codes this sign-in may still send.
    package var attemptsLeft: Int?

    package init(error: String, errorDescription: String, attemptsLeft: Int? = nil) {
        self.error = error
        self.errorDescription = errorDescription
        self.attemptsLeft = attemptsLeft
    }

    package enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case attemptsLeft = "attempts_left"
    }

    /// A JSON response with `Cache-Control: no-store`.
    package func response(status: HTTPResponse.Status, extraHeaders: HTTPFields = [:]) -> Response {
        let data = (try? JSONEncoder().encode(self)) ?? Data(#"{"error":"server_error"}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
