import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import Foundation
import Hummingbird

/// The profile picture: `PUT|DELETE /auth/me/picture` for its owner, `GET /pictures/{token}`
/// for anyone (apps show it from this origin, so no third party learns who looks at it).
extension AccountController {
    /// A picture as JSON: base64 of at most ``ProfilePicture/maxBytes``.
    static let pictureBodyLimit = ProfilePicture.maxBytes * 4 / 3 + 1024

    func addPictureRoutes(public router: RouterGroup<AppRequestContext>, signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        me.put("me/picture", use: putPicture)
        me.delete("me/picture", use: deletePicture)
    }

    struct PictureBody: Decodable {
        var image: String
    }

    struct PictureDTO: Encodable {
        var picture: String
        var contentType: String
        enum CodingKeys: String, CodingKey {
            case picture
            case contentType = "content_type"
        }
    }

    @Sendable func putPicture(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PictureBody.self, from: request, limit: Self.pictureBodyLimit)
        guard let bytes = Base64URL.decode(body.image) ?? Data(base64Encoded: body.image).map(Array.init) else {
            throw AccountError.invalidPicture("image must be the picture's bytes in base64")
        }
        let stored = try await accounts.setPicture(context.session, bytes: bytes)
        let url = try await accounts.pictureURL(userID: context.session.user.id) ?? ""
        return try JSONResponse(value: PictureDTO(picture: url, contentType: stored.contentType)).build()
    }

    @Sendable func deletePicture(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        guard try await accounts.removePicture(context.session) else { throw AccountError.notFound }
        return Response(status: .noContent)
    }
}

/// `GET /pictures/{token}`: the bytes as stored (checked and cleaned on upload), never run as
/// anything but an image.
struct PictureController {
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("pictures/:token", use: picture)
    }

    @Sendable func picture(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = context.parameters.get("token"), let stored = try await accounts.picture(token: token) else {
            throw APIError(.notFound, "not_found", "there is no such picture")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: stored.contentType, .cacheControl: "public, max-age=86400, immutable",
                .contentSecurityPolicy: "default-src 'none'; sandbox", .crossOriginResourcePolicy: "cross-origin",
                .contentDisposition: "inline",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.bytes))
        )
    }
}
