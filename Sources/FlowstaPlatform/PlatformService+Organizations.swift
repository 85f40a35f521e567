import FlowstaCore
import Foundation

/// An organization as its members see it.
public struct OrganizationView: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var contactEmail: String?
    public var billingAddress: String?
    public var plan: Plan
    /// The caller's role; `nil` for API keys.
    public var role: Role?
    public var createdAt: Date
    /// Set while the organization is deleted and can still be restored.
    public var deletedAt: Date?
    /// Members must have a second factor to act in the organization.
    public var requiresSecondFactor = false
    /// Until when an owner can restore it (`nil` while active).
    public var restorableUntil: Date? { deletedAt?.addingTimeInterval(PlatformService.restoreWindow) }
}

/// Business information changes; `nil` keeps a field, `.some(nil)` clears an optional one.
public struct OrganizationUpdate: Sendable {
    public var name: String?
    public var contactEmail: String??
    public var billingAddress: String??
    /// Require a second factor of every member (owners only; the owner setting it must have one).
    public var requireSecondFactor: Bool?

    public init(name: String? = nil, contactEmail: String?? = nil, billingAddress: String?? = nil, requireSecondFactor: Bool? = nil) {
        self.requireSecondFactor = requireSecondFactor
        self.name = name
        self.contactEmail = contactEmail
        self.billingAddress = billingAddress
    }
}

extension PlatformService {
    static let nameLimit = 100
    static let addressLimit = 500

    /// Creates an organization; the creator becomes its owner, on the free plan.
    public func createOrganization(_ principal: Principal, name: String, contactEmail: String?, billingAddress: String?) async throws -> OrganizationView {
        guard case .user(let userID) = principal else {
            throw PlatformError.forbidden("organizations are created by signed-in users, not API keys")
        }
        let now = timestamp()
        var organization = StoredOrganization(
            id: UUID(), name: try Self.validName(name), contactEmailSealed: nil,
            billingAddress: try billingAddress.map(Self.validAddress), plan: .free, createdAt: now, updatedAt: now
        )
        organization.contactEmailSealed = try contactEmail.map { try sealContactEmail($0, organization.id) }
        try await organizations.create(organization, owner: Membership(organizationID: organization.id, userID: userID, role: .owner, createdAt: now))
        try await record(principal, organization.id, "organization.created", "organization", organization.id.uuidString.lowercased())
        return try view(organization, role: .owner)
    }

    /// The caller's organizations (an API key sees its own).
    public func listOrganizations(_ principal: Principal, page: PageRequest) async throws -> Page<OrganizationView> {
        switch principal {
        case .apiKey(_, let organizationID):
            guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.unauthenticated }
            return Page(items: [try view(organization, role: nil)], nextCursor: nil)
        case .user(let userID):
            var request = page
            request.limit += 1
            let rows = try await organizations.organizations(of: userID, page: request)
            let views = try rows.map { try view($0.0, role: $0.1) }
            return PageCursor.page(views, limit: page.limit) { ($0.createdAt, $0.id) }
        }
    }

    /// One organization; members still see it while it is deleted (with its restore deadline).
    public func organization(_ principal: Principal, _ id: UUID) async throws -> OrganizationView {
        let role = try await authorize(principal, id, .read, whileDeleted: true)
        guard let organization = try await organizations.find(id: id) else { throw PlatformError.notFound }
        return try view(organization, role: role)
    }

    /// Updates business information (owners only).
    public func updateOrganization(_ principal: Principal, _ id: UUID, _ update: OrganizationUpdate) async throws -> OrganizationView {
        let role = try await authorize(principal, id, .manageOrganization)
        guard var organization = try await organizations.find(id: id) else { throw PlatformError.notFound }
        if let name = update.name { organization.name = try Self.validName(name) }
        if let email = update.contactEmail { organization.contactEmailSealed = try email.map { try sealContactEmail($0, id) } }
        if let address = update.billingAddress { organization.billingAddress = try address.map(Self.validAddress) }
        let policyChanged = update.requireSecondFactor.map { $0 != organization.requiresSecondFactor } ?? false
        if let required = update.requireSecondFactor, policyChanged {
            // The owner turning it on must not lock themselves out of the organization.
            if required, case .user(let userID) = principal, try await users.withSecondFactor([userID]).isEmpty {
                throw PlatformError.conflict("set up two-step sign-in for your own account first: this would lock you out")
            }
            organization.requiresSecondFactor = required
        }
        organization.updatedAt = timestamp()
        try await organizations.update(organization)
        try await record(principal, id, "organization.updated", "organization", id.uuidString.lowercased())
        if policyChanged {
            try await record(
                principal, id, organization.requiresSecondFactor ? "organization.second_factor_required" : "organization.second_factor_optional",
                "organization", id.uuidString.lowercased()
            )
            await changes.announce(.organization(id))
        }
        return try view(organization, role: role)
    }

    func view(_ organization: StoredOrganization, role: Role?) throws -> OrganizationView {
        let email = try organization.contactEmailSealed.map {
            String(decoding: try keyRing.open($0, context: Self.contactEmailContext(organization.id)), as: UTF8.self)
        }
        return OrganizationView(
            id: organization.id, name: organization.name, contactEmail: email, billingAddress: organization.billingAddress,
            plan: organization.plan, role: role, createdAt: organization.createdAt, deletedAt: organization.deletedAt,
            requiresSecondFactor: organization.requiresSecondFactor
        )
    }

    func sealContactEmail(_ raw: String, _ organizationID: UUID) throws -> [UInt8] {
        guard let email = ProfileRules.email(raw) else { throw PlatformError.invalidRequest("contact_email is not a valid email address") }
        return try keyRing.seal(Array(email.utf8), context: Self.contactEmailContext(organizationID))
    }

    static func contactEmailContext(_ id: UUID) -> String { "organizations.contact_email:" + id.uuidString.lowercased() }

    static func validName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= nameLimit, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PlatformError.invalidRequest("name must be 1-\(nameLimit) characters without control characters")
        }
        return name
    }

    static func validAddress(_ raw: String) throws -> String {
        let address = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard address.count <= addressLimit else {
            throw PlatformError.invalidRequest("billing_address is limited to \(addressLimit) characters")
        }
        return address
    }

    /// Now, to the millisecond (list cursors compare stored times exactly).
    func timestamp() -> Date {
        StorableDate.wholeMilliseconds(time.now)
    }
}

extension PlatformService {
    /// The actor id the audit log records for operator actions (the nil UUID).
    static let operatorID = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    /// Operators set plans directly while billing is not configured (`flowsta orgs set-plan`).
    public func setPlan(_ organizationID: UUID, _ plan: Plan) async throws -> OrganizationView {
        try await setPlan(organizationID, plan, actorType: "operator")
    }

    /// Billing moves the organization to the plan its subscription pays for (the audit log
    /// names "billing" as the actor). - Returns: whether the plan changed.
    @discardableResult
    public func applyBillingPlan(_ organizationID: UUID, _ plan: Plan) async throws -> Bool {
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        guard organization.plan != plan else { return false }
        _ = try await setPlan(organizationID, plan, actorType: "billing")
        return true
    }

    private func setPlan(_ organizationID: UUID, _ plan: Plan, actorType: String) async throws -> OrganizationView {
        guard var organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        let previous = organization.plan
        organization.plan = plan
        organization.updatedAt = timestamp()
        try await organizations.update(organization)
        await changes.announce(.organization(organizationID))
        try await appendAudit(AuditEvent(
            id: UUID(), organizationID: organizationID, occurredAt: timestamp(), actorType: actorType, actorID: Self.operatorID,
            action: "organization.plan_changed:\(previous.rawValue)->\(plan.rawValue)", targetType: "organization",
            targetID: organizationID.uuidString.lowercased()
        ))
        return try view(organization, role: nil)
    }

    /// The organization as billing needs it, for an owner signed in (``Permission/manageBilling``);
    /// refused while the organization is deleted.
    public func billingOrganization(_ principal: Principal, _ organizationID: UUID) async throws -> OrganizationView {
        guard case .user = principal else { throw PlatformError.forbidden("only an owner, signed in, manages billing (not an API key)") }
        let role = try await authorize(principal, organizationID, .manageBilling)
        guard let organization = try await organizations.find(id: organizationID) else { throw PlatformError.notFound }
        return try view(organization, role: role)
    }

    /// The organization for billing's own work (webhooks, jobs): no role check.
    public func organizationForBilling(_ organizationID: UUID) async throws -> OrganizationView? {
        guard let organization = try await organizations.find(id: organizationID) else { return nil }
        return try view(organization, role: nil)
    }

    /// Refuses a plan whose app or seat limit is below what the organization uses now.
    public func ensureFits(_ organizationID: UUID, _ plan: Plan) async throws {
        let usage = try await currentUse(organizationID)
        if let limit = plan.appLimit, usage.apps > limit {
            throw PlatformError.planLimit("the \(plan.rawValue) plan allows \(limit) app(s) and the organization has \(usage.apps); delete apps first")
        }
        if let limit = plan.seatLimit, usage.seats > limit {
            throw PlatformError.planLimit("the \(plan.rawValue) plan has \(limit) team seat(s) and the organization uses \(usage.seats) (members and pending invites); remove some first")
        }
    }

    /// Emails every owner with an address on file (billing notices). Best effort.
    public func notifyOwners(_ organizationID: UUID, subject: String, text: String) async {
        do {
            guard let organization = try await organizations.find(id: organizationID) else { return }
            await send(to: try await ownerAddresses(organizationID), subject: "\(organization.name): \(subject)", text: text + "\n")
        } catch {
            // Notices are best effort; the audit log and the billing page have the state.
        }
    }
}
