import FlowstaCore
import FlowstaCrypto
import Foundation

/// The user's answer to a signing request.
public struct FlowstaSignDecision: Sendable, Equatable, Decodable {
    /// `approved` or `denied`.
    public var status: String
    public var results: [FlowstaSignResult]
    /// Where the app asked the user to be sent (with `sign_request`, `status`, `state`).
    public var redirectTo: String?

    enum CodingKeys: String, CodingKey {
        case status, results
        case redirectTo = "redirect_to"
    }
}

extension FlowstaClient {
    /// A request as the approval page sees it.
    struct SignerRequest: Decodable {
        struct App: Decodable { var name: String }
        var requestID: String
        var app: App
        var files: [FlowstaFileToSign]
        var signedAt: String
        var did: String?
        enum CodingKeys: String, CodingKey {
            case app, files, did
            case requestID = "request_id"
            case signedAt = "signed_at"
        }
    }

    struct Approval: Encodable {
        var signedAt: String
        var signatures: [String]
        var remember: Bool
        enum CodingKeys: String, CodingKey {
            case signatures, remember
            case signedAt = "signed_at"
        }
    }

    /// Approves a signing request (Sign It) as the hosted page does: signs each file's statement
    /// with the root key's signing key, here, and sends the signatures.
    /// - Parameter expectedApp: when given, the request must come from the app of this name (a
    ///   native app approving its own request checks it is the one asking).
    /// - Throws: ``FlowstaClientError/invalidResponse(_:)`` when the account's DID is not this
    ///   root key's (register it with ``registerSigningKey()``) or a field is not a documented word.
    public func approveSignRequest(id: String, remember: Bool = false, expectedApp: String? = nil) async throws -> FlowstaSignDecision {
        guard isSignedIn, let rootKey else { throw FlowstaClientError.notSignedIn }
        let path = "auth/sign-it/requests/" + FlowstaOAuthClient.encode(id)
        let request: SignerRequest = try await call("GET", path, nil as [String: String]?)
        if let expectedApp, request.app.name != expectedApp { throw FlowstaClientError.invalidResponse("the request comes from another app") }
        let key = rootKey.signingKey
        let did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
        guard request.did == did else { throw FlowstaClientError.invalidResponse("the account's signing key is not this root key's") }
        guard let signedAt = try? Date(request.signedAt, strategy: .iso8601) else { throw FlowstaClientError.invalidResponse("signed_at") }
        let signatures = try request.files.map { file in
            guard let checked = file.checked else { throw FlowstaClientError.invalidResponse("a file hash or licence is malformed") }
            return Base64URL.encode([UInt8](try key.signature(for: SignItStatement.message(did: did, file: checked, signedAt: signedAt))))
        }
        return try await call("POST", path + "/approve", Approval(signedAt: request.signedAt, signatures: signatures, remember: remember))
    }

    /// Denies a signing request.
    public func denySignRequest(id: String) async throws -> FlowstaSignDecision {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        return try await call("POST", "auth/sign-it/requests/" + FlowstaOAuthClient.encode(id) + "/deny", [String: String]())
    }
}
