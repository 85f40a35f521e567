import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaSignIt
import Foundation
import Hummingbird

/// The Sign It calls of Flowsta's own JavaScript SDK (`@flowsta/auth`): `POST
/// /api/v1/sign-it/sign` (one file) and `POST /api/v1/sign-it/sign-batch`. Flowsta signs on its
/// servers there; here the user's browser signs, so these create the same request as `POST
/// /api/v1/sign-it/requests` and answer `202` with `success: false`, `status: "pending"` and the
/// `approval_url` to send the user to (then poll `GET /api/v1/sign-it/requests/{id}`). Intents
/// are accepted in any case (`Authorship`), and an absent `ai_generation` is `none` — shown to
/// the user on the approval page before they sign.
extension SignItController {
    func addFlowstaSDKRoutes(to router: Router<AppRequestContext>) {
        router.post("api/v1/sign-it/sign", use: signOne)
        router.post("api/v1/sign-it/sign-batch", use: signBatch)
    }

    struct SDKBatch: Decodable {
        var files: [FileDTO]
        var sharedMetadata: SharedDTO?
        enum CodingKeys: String, CodingKey {
            case files
            case sharedMetadata = "shared_metadata"
        }
    }

    struct PendingDTO: Encodable {
        var requestID: String
        var approvalURL: String
        var fileHash: String?
        var results: [Result]?
        struct Result: Encodable {
            var fileHash: String
            var success = false
            var actionHash: String? = nil
            var error = "pending_approval"
            enum CodingKeys: String, CodingKey {
                case success, error
                case fileHash = "file_hash"
                case actionHash = "action_hash"
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(false, forKey: .success)
            try c.encode("pending", forKey: .status)
            try c.encode(requestID, forKey: .requestID)
            try c.encode(approvalURL, forKey: .approvalURL)
            try c.encodeIfPresent(fileHash, forKey: .fileHash)
            if let results {
                try c.encode(results, forKey: .results)
                try c.encode(0, forKey: .signed)
                try c.encode(0, forKey: .failed)
            }
        }

        enum Keys: String, CodingKey {
            case success, status, results, signed, failed
            case requestID = "request_id"
            case approvalURL = "approval_url"
            case fileHash = "file_hash"
        }
    }

    @Sendable func signOne(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try await caller(request, context: context)
        let body = try await JSONBody.decode(FileDTO.self, from: request)
        let files = try Self.defaulted(CreateBody(files: [body], sharedMetadata: nil)).filesToSign(max: 1)
        let created = try await signIt.createRequest(caller, files: files, redirectURI: nil, state: nil)
        return try pending(PendingDTO(requestID: created.id.uuidString.lowercased(), approvalURL: approvalURL(created.id), fileHash: files.first?.hexHash))
    }

    @Sendable func signBatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try await caller(request, context: context)
        let body = try await JSONBody.decode(SDKBatch.self, from: request)
        let files = try Self.defaulted(CreateBody(files: body.files, sharedMetadata: body.sharedMetadata))
            .filesToSign(max: signIt.configuration.maxFilesPerRequest)
        let created = try await signIt.createRequest(caller, files: files, redirectURI: nil, state: nil)
        return try pending(PendingDTO(
            requestID: created.id.uuidString.lowercased(), approvalURL: approvalURL(created.id),
            results: files.map { PendingDTO.Result(fileHash: $0.hexHash) }
        ))
    }

    /// Flowsta's words in any case (`Authorship`), and its defaults: `authorship`, and no
    /// statement about AI (`none`).
    static func defaulted(_ body: CreateBody) -> CreateBody {
        var body = body
        if var metadata = body.sharedMetadata {
            metadata.intent = metadata.intent?.lowercased()
            metadata.aiGeneration = metadata.aiGeneration?.lowercased()
            body.sharedMetadata = metadata
        }
        let shared = body.sharedMetadata
        body.files = body.files.map { file in
            var file = file
            file.intent = file.intent?.lowercased() ?? (shared?.intent == nil ? "authorship" : nil)
            file.aiGeneration = file.aiGeneration?.lowercased() ?? (shared?.aiGeneration == nil ? "none" : nil)
            return file
        }
        return body
    }

    func approvalURL(_ id: UUID) -> String { issuer + "/sign-it/" + id.uuidString.lowercased() }

    func pending(_ dto: PendingDTO) throws -> Response {
        var response = try JSONResponse(value: dto, status: .accepted).build()
        response.headers[.cacheControl] = "no-store"
        response.headers[.location] = "/api/v1/sign-it/requests/" + dto.requestID
        return response
    }
}
