import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of every endpoint.
struct OpenAPIController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("openapi.json") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json))
            )
        }
    }
}
