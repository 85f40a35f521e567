import FlowstaCore
import FlowstaOAuth
import FlowstaPlatform
import FlowstaSignIt
import FlowstaWebhooks
import Foundation

/// Sign-ins, consents and revoked tokens become the app's organization's webhook events, with
/// the app's pairwise `sub` (the only name a user has there).
struct WebhookOAuthEvents: OAuthEventSink {
    let platform: PlatformService

    func record(_ event: OAuthEvent) async {
        let type: WebhookEventType = switch event.kind {
        case .signedIn: .userSignedIn
        case .consentGranted: .consentGranted
        case .consentRevoked: .consentRevoked
        case .tokensRevoked: .tokenRevoked
        }
        let data = event.details.merging(["app_id": event.appID.uuidString.lowercased(), "sub": event.subject]) { $1 }
        await platform.emitWebhook(type, event.organizationID, data: data)
    }
}

/// Sign It's signatures become webhook events of the organization whose app asked for them.
/// A revocation is the signer's act on a public signature: it names the signature (and the
/// file), which the app already knows; it does not name the user.
struct WebhookSignItEvents: SignItEventSink {
    let platform: PlatformService
    /// The pairwise subject of a user at an app.
    let subject: @Sendable (UUID, UUID) -> String

    func signaturesCreated(_ signatures: [StoredSignature], appID: UUID) async {
        for signature in signatures {
            guard let organizationID = signature.organizationID else { continue }
            await platform.emitWebhook(.signatureCreated, organizationID, data: [
                "app_id": appID.uuidString.lowercased(), "sub": subject(signature.userID, appID),
                "signature_id": signature.id.uuidString.lowercased(), "file_hash": Self.hex(signature.file.fileHash),
                "request_id": signature.requestID?.uuidString.lowercased() ?? "",
            ])
        }
    }

    func signatureRevoked(_ signature: StoredSignature) async {
        guard let organizationID = signature.organizationID else { return }
        await platform.emitWebhook(.signatureRevoked, organizationID, data: [
            "signature_id": signature.id.uuidString.lowercased(), "file_hash": Self.hex(signature.file.fileHash),
        ])
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
