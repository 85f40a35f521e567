import FlowstaOAuth
import FlowstaPlatform
import Foundation
import Hummingbird

/// Reads OAuth parameters from a request: the query, an `application/x-www-form-urlencoded`
/// body or a JSON object body; and client credentials from `Authorization: Basic`.
package enum OAuthRequestParsing {
    package static let bodyLimit = 64 * 1024

    /// Body parameters (form or JSON, by `Content-Type`).
    /// - Throws: `invalid_request` for other media types or malformed bodies.
    package static func bodyParameters(_ request: Request) async throws -> OAuthParameters {
        var request = request
        let buffer = try await request.collectBody(upTo: bodyLimit)
        let body = String(buffer: buffer)
        switch BodyMediaType(request.headers) {
        case .form:
            return OAuthParameters(pairs: formPairs(body))
        case .json:
            guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(body.utf8)) else {
                throw OAuthError.invalidRequest("the body must be a JSON object of string values")
            }
            let pairs = object.compactMap { name, value in value.string.map { (name, $0.contains("\u{0}") ? "" : $0) } }
            return OAuthParameters(pairs: pairs)
        case .absent where buffer.readableBytes == 0:
            return OAuthParameters(pairs: [])
        default:
            throw OAuthError.invalidRequest("send application/x-www-form-urlencoded or application/json")
        }
    }

    /// An HTML form's body (`application/x-www-form-urlencoded`, at most 64 KiB), for the
    /// dashboard's forms.
    package static func formBody(_ request: Request) async throws -> String {
        var request = request
        guard BodyMediaType(request.headers) == .form else {
            throw PlatformError.invalidRequest("send the form as application/x-www-form-urlencoded")
        }
        return String(buffer: try await request.collectBody(upTo: bodyLimit))
    }

    /// Query parameters, duplicates preserved for the duplicate check.
    package static func queryParameters(_ request: Request) -> OAuthParameters {
        OAuthParameters(pairs: formPairs(request.uri.query ?? ""))
    }

    /// Splits `a=b&c=d`, decoding `+` and percent escapes (on the UTF-8 bytes: tokens are long
    /// and this runs on every token request).
    package static func formPairs(_ encoded: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for pair in encoded.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((decode(pair[pair.startIndex..<equals]), decode(pair[pair.index(after: equals)...])))
            } else {
                pairs.append((decode(pair[...]), ""))
            }
        }
        return pairs
    }

    package static func decode(_ value: Substring) -> String { decode(value.utf8[...]) }

    /// `application/x-www-form-urlencoded` decoding; malformed escapes, invalid UTF-8 and NUL
    /// characters (which no parameter has, and PostgreSQL cannot store) give an empty value
    /// (treated as absent).
    package static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") || $0 == 0 }) else { return String(Substring(bytes)) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0 {
                return ""
            } else if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first < bytes.endIndex, bytes.index(after: first) < bytes.endIndex,
                      let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)]) else { return "" }
                guard high | low != 0 else { return "" }
                out.append(high << 4 | low)
                index = bytes.index(after: first)
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(validating: out, as: UTF8.self) ?? ""
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1: form-encoded id and
    /// secret) and the body.
    package static func credentials(_ request: Request, _ parameters: OAuthParameters) throws -> ClientCredentials {
        var basic: (String, String)?
        if let header = request.headers[.authorization] {
            guard header.count > 6, header.prefix(6).lowercased() == "basic ",
                  let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                  let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") else {
                throw OAuthError.invalidClient("the Authorization header must be HTTP Basic client credentials")
            }
            basic = (decode(decoded[..<colon]), decode(decoded[decoded.index(after: colon)...]))
        }
        // Flowsta's own SDKs name a public client in an `X-Client-Id` header.
        let headerID = request.headers[.xClientID].flatMap { $0.isEmpty || $0.utf8.count > 200 ? nil : $0 }
        return ClientCredentials(basic: basic, bodyID: parameters["client_id"] ?? headerID, bodySecret: parameters["client_secret"])
    }

    /// The bearer token of a resource request (RFC 6750 §2.1, or §2.2 in a form body).
    package static func bearerToken(_ request: Request, body: OAuthParameters?) throws -> String {
        if let header = request.headers[.authorization] {
            guard let token = BearerCredential.token(header) else { throw OAuthError.invalidAccessToken }
            return token
        }
        if let token = body?["access_token"] { return token }
        throw MissingBearerToken()
    }
}

/// A JSON value of an OAuth JSON body: strings and numbers are parameters, `null` is omitted.
package enum JSONScalar: Decodable {
    case string(String)
    case null

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let number = try? container.decode(Int.self) {
            self = .string(String(number))
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a string")
        }
    }

    package var string: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

/// RFC 6750 §3.1: a request without any credentials gets a bare `Bearer` challenge (no error
/// code in the header); the body still uses the documented error format.
package struct MissingBearerToken: Error, HTTPResponseError {
    package var status: HTTPResponse.Status { .unauthorized }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        ErrorBody(error: "invalid_token", errorDescription: "an access token is required (Authorization: Bearer)")
            .response(status: .unauthorized, extraHeaders: [.wwwAuthenticate: #"Bearer realm="flowsta""#])
    }
}
