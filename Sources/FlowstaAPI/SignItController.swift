import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaOAuth
import FlowstaPlatform
import FlowstaSignIt
import Foundation
import Hummingbird

/// Sign It over HTTP (issue #21). Apps, with an access token granting `sign`:
/// `POST /api/v1/sign-it/requests` and `GET /api/v1/sign-it/requests/{id}` (polling). Anyone:
/// `GET /api/v1/sign-it/verify?hash=`. The signed-in user (session cookie): the approval page's
/// `GET /auth/sign-it/requests/{id}`, `…/approve`, `…/deny`, their signatures, revocation,
/// contact requests and remembered apps (SignItController+Signer.swift).
struct SignItController {
    let signIt: SignItService
    let contacts: SignItContacts
    let accounts: AccountService
    let oauth: OAuthProvider
    let apps: any AppRepository
    let cookies: SessionCookies
    let issuer: String
    let time: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("api/v1/sign-it/requests", use: createRequest)
        router.get("api/v1/sign-it/requests/:id", use: getRequest)
        router.get("api/v1/sign-it/verify", use: verify)
        addFlowstaSDKRoutes(to: router)
        let auth = router.group("auth/sign-it").add(middleware: SessionMiddleware(accounts: accounts, cookies: cookies))
        addSignerRoutes(auth.group(context: AuthenticatedRequestContext.self))
    }

    /// The app and user of the request's access token (`sign` scope required).
    func caller(_ request: Request, context: AppRequestContext) async throws -> SignItCaller {
        guard let header = request.headers[.authorization], let token = BearerCredential.token(header) else { throw OAuthError.invalidAccessToken }
        let (userID, client) = try await oauth.bearer(accessToken: token, requiring: .sign, observer: OAuthController.meter(context))
        return SignItCaller(
            userID: userID, appID: client.app.id, clientID: client.clientID, organizationID: client.app.organizationID, appName: client.app.name,
            redirectURIs: client.app.redirectURIs
        )
    }

    @Sendable func createRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try await caller(request, context: context)
        let body = try await JSONBody.decode(CreateBody.self, from: request)
        let files = try body.filesToSign(max: signIt.configuration.maxFilesPerRequest)
        let created = try await signIt.createRequest(caller, files: files, redirectURI: body.redirectURI, state: body.state)
        var response = try JSONResponse(value: RequestDTO(created, results: [], issuer: issuer), status: .created).build()
        response.headers[.cacheControl] = "no-store"
        response.headers[.location] = "/api/v1/sign-it/requests/" + created.id.uuidString.lowercased()
        return response
    }

    @Sendable func getRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try await caller(request, context: context)
        let (stored, results) = try await signIt.appRequest(caller, id: try Self.id(context.parameters.get("id")))
        var response = try JSONResponse(value: RequestDTO(stored, results: results, issuer: issuer)).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Public: every signature of a file, each checkable offline against its DID.
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let raw = request.uri.queryParameters.get("hash"), let hash = SignItHash.parse(raw) else {
            throw SignItError.invalidRequest("hash must be the file's SHA-256 as 64 hex digits")
        }
        let (signatures, total) = try await signIt.verify(fileHash: hash)
        return try JSONResponse(value: VerifyResponse(signatures: signatures.map(SignatureDTO.init), count: total)).build()
    }

    /// A UUID path parameter; anything else is an unknown id.
    static func id(_ raw: String?) throws -> UUID {
        guard let raw, let id = UUID(uuidString: raw) else { throw SignItError.notFound }
        return id
    }
}
