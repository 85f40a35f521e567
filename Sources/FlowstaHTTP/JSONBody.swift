import Foundation
import FlowstaCore
import Hummingbird

/// Reads and decodes a JSON request body with errors a client can act on.
package enum JSONBody {
    package static let limit = 64 * 1024

    /// - Parameter limit: the largest body accepted (64 KiB unless a route says otherwise).
    package static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = Self.limit) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.payloadTooLarge
        }
        // Only JSON, and the header is required: a cross-site form or a `no-cors` fetch (whose
        // Blob body may carry no `Content-Type` at all) cannot send it without a CORS preflight.
        guard BodyMediaType(request.headers) == .json else { throw APIError.unsupportedMediaType }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        guard buffer.readableBytes > 0 else {
            throw APIError.invalidRequest("the request body must be a JSON object")
        }
        // No field takes a NUL character, and PostgreSQL cannot store one in text.
        if buffer.readableBytesView.firstRange(of: Array(#"\u0000"#.utf8)) != nil {
            throw APIError.invalidRequest("the request body contains a NUL character (\\u0000)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.invalidRequest(describe(error))
        }
    }

    /// A description naming the offending field, never echoing its value.
    package static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field '\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? "the request body must be a JSON object" : "field '\(path(context.codingPath))' has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the request body is not valid JSON" : "field '\(path(context.codingPath))' is invalid"
        @unknown default:
            return "the request body is not valid JSON"
        }
    }
}

/// Encodes a value as a JSON response.
package struct JSONResponse<Value: Encodable>: ResponseGenerator {
    package var value: Value
    package var status: HTTPResponse.Status = .ok

    package init(value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try build()
    }

    /// The response without a request at hand.
    package func build() throws -> Response {
        if let value = value as? any HandWrittenJSON {
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension KeyedDecodingContainer {
    /// A `PATCH` field: `nil` when absent (keep), `.some(nil)` for JSON `null` (clear).
    package func decodePatch(_ key: Key) throws -> String?? {
        guard contains(key) else { return nil }
        return .some(try decodeNil(forKey: key) ? nil : decode(String.self, forKey: key))
    }
}
