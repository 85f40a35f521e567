import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaSignIt
import Foundation

extension SignItController {
    /// `content_rights` on the wire (every field optional).
    struct RightsDTO: Codable {
        var license: String?
        var commercialLicensing: String?
        var aiTraining: String?
        var contactPreference: String?
        enum CodingKeys: String, CodingKey {
            case license
            case commercialLicensing = "commercial_licensing"
            case aiTraining = "ai_training"
            case contactPreference = "contact_preference"
        }

        init(_ rights: ContentRights) {
            license = rights.license
            commercialLicensing = rights.commercialLicensing?.rawValue
            aiTraining = rights.aiTraining?.rawValue
            contactPreference = rights.contactPreference?.rawValue
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(license, forKey: .license)
            try container.encode(commercialLicensing, forKey: .commercialLicensing)
            try container.encode(aiTraining, forKey: .aiTraining)
            try container.encode(contactPreference, forKey: .contactPreference)
        }

        /// Checked: each value one of its words, the licence printable ASCII.
        func rights(_ at: String) throws -> ContentRights {
            func word<T: RawRepresentable & CaseIterable>(_ raw: String?, _ name: String) throws -> T? where T.RawValue == String {
                guard let raw else { return nil }
                guard let value = T(rawValue: raw) else {
                    throw SignItError.invalidRequest("\(at).\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return value
            }
            if let license, !SignItFields.isValidLicense(license) {
                throw SignItError.invalidRequest("\(at).license must be 1-\(SignItFields.maxLicenseLength) printable ASCII characters")
            }
            return ContentRights(
                license: license, commercialLicensing: try word(commercialLicensing, "commercial_licensing"),
                aiTraining: try word(aiTraining, "ai_training"), contactPreference: try word(contactPreference, "contact_preference")
            )
        }
    }

    /// One file of a request: fields absent here come from `shared_metadata`.
    struct FileDTO: Decodable {
        var fileHash: String
        var intent: String?
        var aiGeneration: String?
        var contentRights: RightsDTO?
        enum CodingKeys: String, CodingKey {
            case intent
            case fileHash = "file_hash"
            case aiGeneration = "ai_generation"
            case contentRights = "content_rights"
        }
    }

    struct SharedDTO: Decodable {
        var intent: String?
        var aiGeneration: String?
        var contentRights: RightsDTO?
        enum CodingKeys: String, CodingKey {
            case intent
            case aiGeneration = "ai_generation"
            case contentRights = "content_rights"
        }
    }

    /// `POST /api/v1/sign-it/requests`.
    struct CreateBody: Decodable {
        var files: [FileDTO]
        var sharedMetadata: SharedDTO?
        var redirectURI: String?
        var state: String?
        enum CodingKeys: String, CodingKey {
            case files, state
            case sharedMetadata = "shared_metadata"
            case redirectURI = "redirect_uri"
        }

        func filesToSign(max: Int) throws -> [FileToSign] {
            guard files.count <= max else { throw SignItError.invalidRequest("files must hold 1 to \(max) files") }
            return try files.enumerated().map { index, file in
                let at = "files[\(index)]"
                guard let hash = SignItHash.parse(file.fileHash) else {
                    throw SignItError.invalidRequest("\(at).file_hash must be the file's SHA-256 as 64 hex digits")
                }
                guard let rawIntent = file.intent ?? sharedMetadata?.intent, let intent = SignIntent(rawValue: rawIntent) else {
                    throw SignItError.invalidRequest("\(at).intent must be one of \(SignIntent.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let rawAI = file.aiGeneration ?? sharedMetadata?.aiGeneration, let ai = AIGeneration(rawValue: rawAI) else {
                    throw SignItError.invalidRequest("\(at).ai_generation must be one of \(AIGeneration.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let rights = try (file.contentRights ?? sharedMetadata?.contentRights)?.rights(at + ".content_rights") ?? ContentRights()
                return FileToSign(fileHash: hash, fields: SignItFields(intent: intent, aiGeneration: ai, contentRights: rights))
            }
        }
    }

    /// A published signature: everything needed to check it offline.
    struct SignatureDTO: Encodable {
        var id: UUID
        var fileHash: String
        var signer: String
        var signerDID: String
        var publicKey: String
        var signature: String
        var signedAt: Date
        var intent: String
        var aiGeneration: String
        var contentRights: RightsDTO
        var revoked: Bool
        var revokedAt: Date?
        var revocationReason: String?
        var contactable: Bool
        var createdAt: Date
        var statementFormat = SignItStatement.label

        enum CodingKeys: String, CodingKey {
            case id, signer, signature, intent, revoked, contactable
            case fileHash = "file_hash"
            case signerDID = "signer_did"
            case publicKey = "public_key"
            case signedAt = "signed_at"
            case aiGeneration = "ai_generation"
            case contentRights = "content_rights"
            case revokedAt = "revoked_at"
            case revocationReason = "revocation_reason"
            case statementFormat = "statement_format"
            case createdAt = "created_at"
        }

        init(_ stored: StoredSignature) {
            createdAt = stored.createdAt
            id = stored.id
            fileHash = stored.file.hexHash
            signer = stored.did
            signerDID = stored.did
            publicKey = Base64URL.encode(stored.publicKey)
            signature = Base64URL.encode(stored.signature)
            signedAt = stored.signedAt
            intent = stored.file.fields.intent.rawValue
            aiGeneration = stored.file.fields.aiGeneration.rawValue
            contentRights = RightsDTO(stored.file.fields.contentRights)
            revoked = stored.revokedAt != nil
            revokedAt = stored.revokedAt
            revocationReason = stored.revocationReason
            contactable = SignItContacts.isContactable(stored)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id.uuidString.lowercased(), forKey: .id)
            try container.encode(fileHash, forKey: .fileHash)
            try container.encode(signer, forKey: .signer)
            try container.encode(signerDID, forKey: .signerDID)
            try container.encode(publicKey, forKey: .publicKey)
            try container.encode(signature, forKey: .signature)
            try container.encode(signedAt, forKey: .signedAt)
            try container.encode(intent, forKey: .intent)
            try container.encode(aiGeneration, forKey: .aiGeneration)
            try container.encode(contentRights, forKey: .contentRights)
            try container.encode(revoked, forKey: .revoked)
            try container.encode(revokedAt, forKey: .revokedAt)
            try container.encode(revocationReason, forKey: .revocationReason)
            try container.encode(contactable, forKey: .contactable)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(statementFormat, forKey: .statementFormat)
        }
    }

    /// A file of a request, with its fields (as the approval page and the app see them).
    struct RequestFileDTO: Encodable {
        var fileHash: String
        var intent: String
        var aiGeneration: String
        var contentRights: RightsDTO
        enum CodingKeys: String, CodingKey {
            case intent
            case fileHash = "file_hash"
            case aiGeneration = "ai_generation"
            case contentRights = "content_rights"
        }

        init(_ file: FileToSign) {
            fileHash = file.hexHash
            intent = file.fields.intent.rawValue
            aiGeneration = file.fields.aiGeneration.rawValue
            contentRights = RightsDTO(file.fields.contentRights)
        }
    }

    /// One file's outcome (Flowsta's batch result shape, with the signature).
    struct ResultDTO: Encodable {
        var fileHash: String
        var success: Bool
        var signature: SignatureDTO?
        var error: String?
        enum CodingKeys: String, CodingKey {
            case success, signature, error
            case fileHash = "file_hash"
        }

        init(_ result: SignItFileResult) {
            fileHash = SignItHash.hex(result.fileHash)
            success = result.signature != nil
            signature = result.signature.map(SignatureDTO.init)
            error = result.error
        }
    }

    /// A request as the app sees it (`POST` and `GET /api/v1/sign-it/requests…`).
    struct RequestDTO: Encodable {
        var requestID: String
        var status: String
        var approvalURL: String
        var createdAt: Date
        var expiresAt: Date
        var files: [RequestFileDTO]
        var results: [ResultDTO]
        var signed: Int
        var failed: Int
        enum CodingKeys: String, CodingKey {
            case status, files, results, signed, failed
            case requestID = "request_id"
            case approvalURL = "approval_url"
            case createdAt = "created_at"
            case expiresAt = "expires_at"
        }

        init(_ request: StoredSignRequest, results: [SignItFileResult], issuer: String) {
            requestID = request.id.uuidString.lowercased()
            status = request.status.rawValue
            approvalURL = issuer + "/sign-it/" + request.id.uuidString.lowercased()
            createdAt = request.createdAt
            expiresAt = request.expiresAt
            files = request.files.map(RequestFileDTO.init)
            self.results = results.map(ResultDTO.init)
            signed = results.count { $0.signature != nil }
            failed = results.count { $0.signature == nil }
        }
    }

    struct VerifyResponse: Encodable {
        var signatures: [SignatureDTO]
        var count: Int
    }
}
