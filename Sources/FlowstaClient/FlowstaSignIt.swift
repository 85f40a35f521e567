import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// A file an app asks the user to sign: its SHA-256 (never the file) and what the user states
/// (``SignItFields``: intent, AI generation, content rights).
public struct FlowstaFileToSign: Sendable, Equatable, Codable {
    /// 64 hex digits.
    public var fileHash: String
    public var fields: SignItFields

    public init(fileHash: String, fields: SignItFields) {
        self.fileHash = fileHash
        self.fields = fields
    }

    /// The file's SHA-256 as Sign It takes it.
    public static func hash(of data: Data) -> String { SignItHash.hex(Array(SHA256.hash(data: data))) }

    enum CodingKeys: String, CodingKey {
        case fileHash = "file_hash"
    }

    /// On the wire the fields sit beside the hash: `{file_hash, intent, ai_generation, content_rights}`.
    public init(from decoder: any Decoder) throws {
        fileHash = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .fileHash)
        fields = try SignItFields(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fileHash, forKey: .fileHash)
        try fields.encode(to: encoder)
    }

    /// The engine's value, when the hash is 64 hex digits and the licence printable ASCII.
    var checked: FileToSign? {
        guard let hash = SignItHash.parse(fileHash), fields.contentRights.license.map(SignItFields.isValidLicense) ?? true else { return nil }
        return FileToSign(fileHash: hash, fields: fields)
    }
}

/// A published signature (`GET /api/v1/sign-it/verify`, or a request's results).
public struct FlowstaSignature: Sendable, Equatable, Decodable {
    public var id: String
    public var fileHash: String
    public var signerDID: String
    /// The Ed25519 public key and the signature, base64url.
    public var publicKey: String
    public var signature: String
    /// `YYYY-MM-DDTHH:MM:SSZ`, as the statement carries it.
    public var signedAt: String
    public var intent: SignIntent
    public var aiGeneration: AIGeneration
    public var contentRights: ContentRights
    public var revoked: Bool
    public var revokedAt: String?
    public var revocationReason: String?
    public var contactable: Bool

    enum CodingKeys: String, CodingKey {
        case id, signature, intent, revoked, contactable
        case fileHash = "file_hash"
        case signerDID = "signer_did"
        case publicKey = "public_key"
        case signedAt = "signed_at"
        case aiGeneration = "ai_generation"
        case contentRights = "content_rights"
        case revokedAt = "revoked_at"
        case revocationReason = "revocation_reason"
    }

    /// Checks the signature offline: the DID names the public key, and the key signed this
    /// statement (docs/sign-it.md). Says nothing about revocation (see ``revoked``).
    public var verifies: Bool {
        guard let key = DIDKey.ed25519PublicKey(of: signerDID), Base64URL.decode(publicKey) == key,
              let signature = Base64URL.decode(signature), let date = try? Date(signedAt, strategy: .iso8601),
              SignItStatement.timestamp(date) == signedAt,
              let file = FlowstaFileToSign(
                  fileHash: fileHash, fields: SignItFields(intent: intent, aiGeneration: aiGeneration, contentRights: contentRights)
              ).checked else {
            return false
        }
        return SignItStatement.verify(publicKey: key, did: signerDID, file: file, signedAt: date, signature: signature)
    }
}

/// One file's outcome in an approved request.
public struct FlowstaSignResult: Sendable, Equatable, Decodable {
    public var fileHash: String
    public var success: Bool
    public var signature: FlowstaSignature?
    /// `already_signed`: this key signed the file before (that signature stands).
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case success, signature, error
        case fileHash = "file_hash"
    }
}

/// A signing request as the app sees it.
public struct FlowstaSignRequest: Sendable, Equatable, Decodable {
    public var requestID: String
    /// `pending`, `approved`, `denied` or `expired`.
    public var status: String
    /// Send the user here to approve.
    public var approvalURL: String
    public var expiresAt: String
    public var results: [FlowstaSignResult]

    enum CodingKeys: String, CodingKey {
        case status, results
        case requestID = "request_id"
        case approvalURL = "approval_url"
        case expiresAt = "expires_at"
    }
}
