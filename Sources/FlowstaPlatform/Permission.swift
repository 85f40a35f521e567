/// What an operation needs (the permission matrix in README).
public enum Permission: Sendable, CaseIterable {
    /// See the organization, members, apps, key metadata and the audit log.
    case read
    /// Create, change, disable and delete apps and their secrets.
    case manageApps
    /// Create, rotate and revoke API keys.
    case manageKeys
    /// Add, change, test and remove webhook endpoints; redeliver.
    case manageWebhooks
    /// Invite and remove members, change non-owner roles.
    case manageTeam
    /// Grant or take away the owner role.
    case manageOwners
    /// Change business information (name, contact email, billing address).
    case manageOrganization
    /// Subscriptions, payment methods and invoices (owners, signed in).
    case manageBilling

    /// The least role that holds the permission.
    public var minimumRole: Role {
        switch self {
        case .read: .member
        case .manageApps, .manageKeys, .manageWebhooks, .manageTeam: .admin
        case .manageOwners, .manageOrganization, .manageBilling: .owner
        }
    }

    /// API keys act for their organization with read access, app and webhook management only:
    /// a leaked key can neither mint keys nor change the team or the organization (and every
    /// webhook endpoint added or moved is mailed to the owners).
    var allowedForAPIKeys: Bool {
        switch self {
        case .read, .manageApps, .manageWebhooks: true
        case .manageKeys, .manageTeam, .manageOwners, .manageOrganization, .manageBilling: false
        }
    }
}

extension Role {
    /// Whether this role holds `permission` (the one place role rules are decided).
    public func allows(_ permission: Permission) -> Bool { self >= permission.minimumRole }
}

extension OrganizationView {
    /// Whether the caller this view was made for may do what `permission` covers (pages ask this
    /// to show or hide controls; the service checks again on every change).
    public func allows(_ permission: Permission) -> Bool { role?.allows(permission) ?? false }
}
