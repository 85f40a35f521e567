import FlowstaCore
import FlowstaCrypto
import FlowstaWebhooks
import Foundation

/// The developer platform's logic: organizations, members, API keys and the audit log, with the
/// role check of every operation (P7). Takes and returns values; no HTTP, no Fluent.
public struct PlatformService: Sendable {
    let organizations: any OrganizationRepository
    let memberships: any MembershipRepository
    let keys: any APIKeyRepository
    let apps: any AppRepository
    let invites: any InviteRepository
    let audit: any AuditRepository
    let users: any UserDirectory
    let mailer: any PlatformMailer
    /// The issuer URL, for links in emails.
    let publicBaseURL: String
    let keyRing: KeyRing
    let keyHasher: KeyedHasher
    let secretHasher: KeyedHasher
    let inviteHasher: KeyedHasher
    let inviteEmailHasher: KeyedHasher
    let keyCache: APIKeyCache
    let planCache: PlanCache
    let time: any TimeSource
    /// Where changes to apps, keys and organizations are announced: caches on this instance
    /// (the OAuth engine's clients, the key and plan caches here) and on the others drop them.
    let changes: CacheChanges
    /// Webhook endpoints and the queue their events go to (`nil`: no webhooks, in tests).
    let webhooks: PlatformWebhooks?

    public init(
        organizations: any OrganizationRepository,
        memberships: any MembershipRepository,
        keys: any APIKeyRepository,
        apps: any AppRepository,
        invites: any InviteRepository,
        audit: any AuditRepository,
        users: any UserDirectory,
        mailer: any PlatformMailer,
        publicBaseURL: String,
        keyRing: KeyRing,
        time: any TimeSource = SystemTimeSource(),
        changes: CacheChanges = CacheChanges(),
        webhooks: PlatformWebhooks? = nil
    ) {
        self.changes = changes
        self.webhooks = webhooks
        self.invites = invites
        self.mailer = mailer
        self.publicBaseURL = publicBaseURL
        self.organizations = organizations
        self.memberships = memberships
        self.keys = keys
        self.apps = apps
        self.audit = audit
        self.users = users
        self.keyRing = keyRing
        self.keyHasher = keyRing.keyedHasher(purpose: "api-key")
        self.secretHasher = keyRing.keyedHasher(purpose: "client-secret")
        self.inviteHasher = keyRing.keyedHasher(purpose: "invite-token")
        self.inviteEmailHasher = keyRing.keyedHasher(purpose: "invite-email")
        let keyCache = APIKeyCache(time: time)
        let planCache = PlanCache(time: time)
        self.keyCache = keyCache
        self.planCache = planCache
        changes.onChange { change in
            switch change {
            case .apiKey(let id): await keyCache.evict(keyID: id)
            case .organization(let id): await planCache.evict(id)
            case .everything:
                await keyCache.removeAll()
                await planCache.removeAll()
            case .app, .grant, .signingKeys: break
            }
        }
        self.time = time
    }

    /// Checks that `principal` may do `permission` in `organizationID`.
    /// - Returns: the caller's role (`nil` for API keys).
    /// - Throws: ``PlatformError/notFound`` when the caller is not in the organization (its
    ///   existence is not revealed), ``PlatformError/forbidden(_:)`` when the role is too low.
    ///   ``PlatformError/organizationDeleted(restorableUntil:)`` when an owner deleted it (unless
    ///   `whileDeleted`: reading it, restoring and exporting it stay possible).
    @discardableResult
    func authorize(_ principal: Principal, _ organizationID: UUID, _ permission: Permission, whileDeleted: Bool = false) async throws -> Role? {
        switch principal {
        case .apiKey(_, let keyOrganization):
            guard keyOrganization == organizationID else { throw PlatformError.notFound }
            try await ensureActive(organizationID)
            guard permission.allowedForAPIKeys else {
                throw PlatformError.forbidden("API keys cannot do this; sign in as an admin or owner")
            }
            return nil
        case .user(let userID):
            guard let membership = try await memberships.membership(organizationID: organizationID, userID: userID) else {
                throw PlatformError.notFound
            }
            // One (cached) read of the organization's state for the deletion and the policy.
            let state = try await state(of: organizationID)
            if !whileDeleted { try ensureActive(state) }
            guard membership.role >= permission.minimumRole else {
                throw PlatformError.forbidden("this needs the \(permission.minimumRole.rawValue) role")
            }
            // The organization's policy: members without a second factor set one up first.
            if state.requiresSecondFactor, try await users.withSecondFactor([userID]).isEmpty {
                throw PlatformError.secondFactorRequired
            }
            return membership.role
        }
    }

    /// Appends to the audit log (and announces it to webhooks: ``appendAudit(_:)``).
    func record(_ principal: Principal, _ organizationID: UUID, _ action: String, _ targetType: String, _ targetID: String) async throws {
        let actor = principal.actor
        try await appendAudit(AuditEvent(
            id: UUID(), organizationID: organizationID, occurredAt: timestamp(), actorType: actor.type,
            actorID: actor.id, action: action, targetType: targetType, targetID: targetID
        ))
    }

    /// Every audit entry is written here; those a webhook event stands for
    /// (``WebhookEventType/announcing(auditAction:)``) go to the organization's endpoints too.
    func appendAudit(_ event: AuditEvent) async throws {
        try await audit.append(event)
        guard webhooks != nil, let (type, extra) = WebhookEventType.announcing(auditAction: event.action) else { return }
        let data = extra.merging([
            "target_type": event.targetType, "target_id": event.targetID, "actor_type": event.actorType,
        ]) { current, _ in current }
        await emitWebhook(type, event.organizationID, data: data)
    }
}

/// Opaque list cursors: base64url of "milliseconds:uuid" of the last item of a page.
public enum PageCursor {
    /// Times are stored in whole milliseconds; a database may hand them back a microsecond off
    /// (binary floating point), so the cursor takes the nearest millisecond.
    public static func encode(_ date: Date, _ id: UUID) -> String {
        Base64URL.encode(Array("\(Int64((date.timeIntervalSince1970 * 1000).rounded())):\(id.uuidString)".utf8))
    }

    /// Parses `limit` and `cursor` query values.
    /// - Throws: ``PlatformError/invalidRequest(_:)`` for malformed values.
    public static func request(limit: String?, cursor: String?) throws -> PageRequest {
        var page = PageRequest()
        if let limit {
            guard let value = Int(limit), (1...100).contains(value) else {
                throw PlatformError.invalidRequest("limit must be an integer from 1 to 100")
            }
            page.limit = value
        }
        if let cursor {
            guard let bytes = Base64URL.decode(cursor), let text = String(bytes: bytes, encoding: .utf8) else {
                throw PlatformError.invalidRequest("cursor is not a cursor returned by this API")
            }
            let parts = text.split(separator: ":")
            guard parts.count == 2, let millis = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])),
                  let after = StorableDate.date(seconds: Double(millis) / 1000) else {
                throw PlatformError.invalidRequest("cursor is not a cursor returned by this API")
            }
            page.after = (after, id)
        }
        return page
    }

    /// Wraps one more than `limit` fetched items into a page.
    public static func page<Item>(_ items: [Item], limit: Int, key: (Item) -> (Date, UUID)) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, nextCursor: nil) }
        let shown = Array(items.prefix(limit))
        let last = key(shown[shown.count - 1])
        return Page(items: shown, nextCursor: encode(last.0, last.1))
    }
}
