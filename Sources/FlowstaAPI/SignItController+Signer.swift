import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaOAuth
import FlowstaSignIt
import Foundation
import Hummingbird

/// The signer's routes (session cookie): the approval page's request, approving (the browser's
/// signatures) and denying, the user's signatures, revocation, contact requests, remembered apps.
extension SignItController {
    func addSignerRoutes(_ me: RouterGroup<AuthenticatedRequestContext>) {
        me.get("requests/:id", use: signerRequest)
        me.post("requests/:id/approve", use: approve)
        me.post("requests/:id/deny", use: deny)
        me.get("signatures", use: signatures)
        me.post("signatures/:id/revoke", use: revoke)
        me.post("signatures/:id/contact", use: contact)
        me.get("remembered", use: remembered)
        me.delete("remembered/:id", use: forget)
    }

    struct SignerRequestDTO: Encodable {
        var requestID: String
        var app: AppDTO
        var files: [RequestFileDTO]
        var signedAt: String
        var did: String?
        var remembered: Bool
        var expiresAt: Date
        enum CodingKeys: String, CodingKey {
            case app, files, did, remembered
            case requestID = "request_id"
            case signedAt = "signed_at"
            case expiresAt = "expires_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requestID, forKey: .requestID)
            try container.encode(app, forKey: .app)
            try container.encode(files, forKey: .files)
            try container.encode(signedAt, forKey: .signedAt)
            try container.encode(did, forKey: .did)
            try container.encode(remembered, forKey: .remembered)
            try container.encode(expiresAt, forKey: .expiresAt)
        }
    }

    struct AppDTO: Encodable {
        var id: String
        var name: String
    }

    struct ApproveBody: Decodable {
        var signedAt: String
        var signatures: [String]
        var remember: Bool?
        enum CodingKeys: String, CodingKey {
            case signatures, remember
            case signedAt = "signed_at"
        }
    }

    struct DecisionDTO: Encodable {
        var status: String
        var results: [ResultDTO]
        var redirectTo: String?
        enum CodingKeys: String, CodingKey {
            case status, results
            case redirectTo = "redirect_to"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(results, forKey: .results)
            try container.encode(redirectTo, forKey: .redirectTo)
        }
    }

    struct ReasonBody: Decodable { var reason: String? }
    struct MessageBody: Decodable { var message: String }
    struct SignatureList: Encodable { var signatures: [SignatureDTO] }

    struct RememberedDTO: Encodable {
        var appID: String
        var name: String
        var since: Date
        enum CodingKeys: String, CodingKey {
            case name, since
            case appID = "app_id"
        }
    }

    struct RememberedList: Encodable { var apps: [RememberedDTO] }

    @Sendable func signerRequest(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let (stored, key, remembered) = try await signIt.signerRequest(userID: context.session.user.id, id: try Self.id(context.parameters.get("id")))
        guard let app = try await apps.app(id: stored.appID) else { throw SignItError.notFound }
        var response = try JSONResponse(value: SignerRequestDTO(
            requestID: stored.id.uuidString.lowercased(), app: AppDTO(id: app.id.uuidString.lowercased(), name: app.name),
            files: stored.files.map(RequestFileDTO.init), signedAt: SignItStatement.timestamp(SignItStatement.wholeSeconds(time.now)),
            did: key?.did, remembered: remembered, expiresAt: stored.expiresAt
        )).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func approve(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let id = try Self.id(context.parameters.get("id"))
        let body = try await JSONBody.decode(ApproveBody.self, from: request)
        guard let signedAt = try? Date(body.signedAt, strategy: .iso8601), SignItStatement.timestamp(signedAt) == body.signedAt else {
            throw SignItError.invalidRequest("signed_at must be a UTC time to the second: YYYY-MM-DDTHH:MM:SSZ")
        }
        guard body.signatures.count <= signIt.configuration.maxFilesPerRequest else {
            throw SignItError.invalidSignature("one signature per file is needed")
        }
        let signatures = try body.signatures.enumerated().map { index, raw in
            guard let bytes = Base64URL.decode(raw), bytes.count == 64 else {
                throw SignItError.invalidSignature("signatures[\(index)] must be 64 bytes, base64url")
            }
            return bytes
        }
        let (pending, _, _) = try await signIt.signerRequest(userID: context.session.user.id, id: id)
        guard let app = try await apps.app(id: pending.appID) else { throw SignItError.notFound }
        let (stored, results) = try await signIt.approve(
            userID: context.session.user.id, id: id, organizationID: app.organizationID, signedAt: signedAt, signatures: signatures,
            remember: body.remember ?? false
        )
        return try JSONResponse(value: DecisionDTO(status: stored.status.rawValue, results: results.map(ResultDTO.init), redirectTo: Self.redirect(stored))).build()
    }

    @Sendable func deny(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let stored = try await signIt.deny(userID: context.session.user.id, id: try Self.id(context.parameters.get("id")))
        return try JSONResponse(value: DecisionDTO(status: stored.status.rawValue, results: [], redirectTo: Self.redirect(stored))).build()
    }

    @Sendable func signatures(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var before: Date?
        if let raw = request.uri.queryParameters.get("before") {
            guard let date = try? Date(String(raw), strategy: .iso8601), StorableDate.contains(date) else {
                throw SignItError.invalidRequest("before must be an RFC 3339 time (a signature's created_at)")
            }
            before = date
        }
        let list = try await signIt.signatures(userID: context.session.user.id, before: before)
        return try JSONResponse(value: SignatureList(signatures: list.map(SignatureDTO.init))).build()
    }

    @Sendable func revoke(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ReasonBody.self, from: request)
        let revoked = try await signIt.revoke(userID: context.session.user.id, id: try Self.id(context.parameters.get("id")), reason: body.reason)
        return try JSONResponse(value: SignatureDTO(revoked)).build()
    }

    @Sendable func contact(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(MessageBody.self, from: request)
        let user = context.session.user
        let profile = try accounts.profile(of: user)
        guard let email = profile.email, profile.emailVerified else {
            throw SignItError.invalidRequest("verify your email address first: the signer answers you there")
        }
        try await contacts.contact(
            signatureID: try Self.id(context.parameters.get("id")), asker: (user.id, profile.displayName ?? profile.username, email), message: body.message
        )
        return Response(status: .accepted)
    }

    @Sendable func remembered(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var list: [RememberedDTO] = []
        for (appID, since) in try await signIt.rememberedApps(userID: context.session.user.id) {
            guard let app = try await apps.app(id: appID) else { continue }
            list.append(RememberedDTO(appID: appID.uuidString.lowercased(), name: app.name, since: since))
        }
        return try JSONResponse(value: RememberedList(apps: list)).build()
    }

    @Sendable func forget(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await signIt.forget(userID: context.session.user.id, appID: try Self.id(context.parameters.get("id")))
        return Response(status: .noContent)
    }

    /// Where the approval page sends the user: the request's redirect URI with `sign_request`,
    /// `status` and the app's `state`.
    static func redirect(_ request: StoredSignRequest) -> String? {
        guard let uri = request.redirectURI else { return nil }
        var pairs = [("sign_request", request.id.uuidString.lowercased()), ("status", request.status.rawValue)]
        if let state = request.state { pairs.append(("state", state)) }
        return uri + (uri.contains("?") ? "&" : "?") + FormEncoding.encode(pairs: pairs)
    }
}
