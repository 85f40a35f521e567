import Foundation

/// Something an app's organization may want to hear of (its webhooks). It names the user only
/// by the app's pairwise subject.
public struct OAuthEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The user signed in to the app (an authorization code or a device grant was issued).
        case signedIn
        /// The user agreed to scopes the app did not have yet (`scope`).
        case consentGranted
        /// The user disconnected the app on the account page.
        case consentRevoked
        /// Tokens of the app for the user stopped working (`reason`).
        case tokensRevoked
    }

    /// Why tokens were revoked.
    public enum RevocationReason: String, Sendable {
        /// The app revoked a token (`POST /oauth/revoke`).
        case revokedByApp = "revoked_by_app"
        /// The user disconnected the app.
        case consentRevoked = "consent_revoked"
        /// The user signed out (the session's grants without offline access end).
        case signedOut = "signed_out"
    }

    public var kind: Kind
    public var organizationID: UUID
    public var appID: UUID
    public var subject: String
    /// `scope` (space-separated) for consents, `reason` for revocations.
    public var details: [String: String]

    public init(kind: Kind, organizationID: UUID, appID: UUID, subject: String, details: [String: String] = [:]) {
        self.kind = kind
        self.organizationID = organizationID
        self.appID = appID
        self.subject = subject
        self.details = details
    }
}

/// Where the OAuth engine reports ``OAuthEvent``s (the server queues webhooks). Reporting is
/// best effort and never fails the request that caused it.
public protocol OAuthEventSink: Sendable {
    func record(_ event: OAuthEvent) async
}

extension OAuthEnvironment {
    /// Reports an event about `userID` at `app`, unless the app is first-party (the dashboard).
    func report(_ kind: OAuthEvent.Kind, userID: UUID, app: ClientApp, details: [String: String] = [:]) async {
        guard let events, !configuration.firstPartyClientIDs.contains(app.clientID) else { return }
        await events.record(OAuthEvent(
            kind: kind, organizationID: app.organizationID, appID: app.id, subject: subject(userID: userID, appID: app.id), details: details
        ))
    }

    /// Reports revoked grants, one event per app.
    func reportRevoked(_ grants: [StoredGrant], reason: OAuthEvent.RevocationReason) async {
        guard events != nil else { return }
        var seen = Set<String>()
        for grant in grants {
            guard let userID = grant.userID, seen.insert("\(grant.appID):\(userID)").inserted,
                  let client = try? await directory.client(appID: grant.appID) else { continue }
            await report(.tokensRevoked, userID: userID, app: client.app, details: ["reason": reason.rawValue])
        }
    }
}
