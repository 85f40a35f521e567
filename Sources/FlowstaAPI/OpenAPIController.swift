import FlowstaCore
import FlowstaHTTP
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of every endpoint (``OpenAPIDocument``).
struct OpenAPIController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("openapi.json") { _, _ -> Response in
            // `FlowstaApplication.prepare` refuses to start without the document.
            let body = (try? OpenAPIDocument.data()) ?? Array(#"{"error":"server_error","error_description":"the API document is not installed"}"#.utf8)
            return Response(
                status: (try? OpenAPIDocument.data()) == nil ? .internalServerError : .ok,
                headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
    }
}
