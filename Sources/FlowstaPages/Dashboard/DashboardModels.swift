import FlowstaCore
import FlowstaPlatform
import Foundation
import Mustache

/// The dashboard layout's fields (`dash-head`, `dash-foot`): the title, who is signed in, the
/// CSRF token of the sign-out form and, on an organization's pages, its navigation.
struct DashboardFrame: Sendable {
    /// The organization's navigation; `nav<Tab>` marks the current tab.
    struct Organization: Sendable {
        var id: String
        var name: String
        var plan: String
        var role: String
        var contactEmail: String
        var billingAddress: String
        /// Members need two-step sign-in to act.
        var requiresSecondFactor: Bool
        var navOverview = false
        var navApps = false
        var navKeys = false
        var navWebhooks = false
        var navBilling = false
        var navTeam = false
        var navUsage = false
        var navMAU = false
        var navLogs = false
        var navAudit = false
        var navSettings = false

        init(_ org: OrganizationView, tab: DashboardTab?) {
            id = org.id.uuidString.lowercased()
            name = org.name
            plan = org.plan.rawValue
            role = org.role?.rawValue ?? ""
            contactEmail = org.contactEmail ?? ""
            billingAddress = org.billingAddress ?? ""
            requiresSecondFactor = org.requiresSecondFactor
            switch tab {
            case .overview: navOverview = true
            case .apps: navApps = true
            case .keys: navKeys = true
            case .webhooks: navWebhooks = true
            case .billing: navBilling = true
            case .team: navTeam = true
            case .usage: navUsage = true
            case .mau: navMAU = true
            case .logs: navLogs = true
            case .audit: navAudit = true
            case .settings: navSettings = true
            case nil: break
            }
        }
    }

    var title: String
    var user: String?
    var csrf: String?
    var org: Organization?
    /// The day until which a deleted organization can be restored.
    var deleted: String?
}

/// The tabs of an organization's pages.
enum DashboardTab: Sendable {
    case overview, apps, keys, webhooks, billing, team, usage, mau, logs, audit, settings
}

/// What a dashboard page shows inside the layout, and the template that shows it.
protocol DashboardContent: Sendable {
    static var template: String { get }
}

/// A dashboard page: the content's fields first, then the layout's.
struct DashboardPage<Content: DashboardContent>: PageModel, MustacheParent {
    var frame: DashboardFrame
    var content: Content

    var template: String { Content.template }

    func child(named name: String) -> Any? {
        PageFields.value(name, of: content) ?? PageFields.value(name, of: frame)
    }
}

/// The dashboard pages' contents.
enum Dashboard {
    /// A choice in a list: a `<select>` option, a radio button or a checkbox.
    struct Option: Sendable {
        var value: String
        var label: String?
        var selected = false
        var checked = false
    }

    /// An app to filter by.
    struct AppChoice: Sendable {
        var id: String
        var name: String
        var selected: Bool
    }

    /// A plan limit against current use (`dash-meters`).
    struct Meter: Sendable {
        var label: String
        var value: Int
        var max: Int
        var text: String
    }

    struct SignedOut: DashboardContent {
        static let template = "dash-signedout"
    }

    struct Failure: DashboardContent {
        static let template = "dash-error"
        var heading: String
        var description: String
    }

    /// A secret shown once (a client secret, an API key).
    struct Reveal: DashboardContent {
        static let template = "dash-reveal"
        var heading: String
        var secret: String
        var back: String
        /// What Flowsta keeps of it (a keyed hash unless said otherwise).
        var note: String? = nil
    }

    struct Home: DashboardContent {
        struct Organization: Sendable {
            var id: String
            var name: String
            var role: String
            var plan: String
            var deleted: Bool
        }

        static let template = "dash-home"
        var hasOrganizations: Bool
        var organizations: [Organization]
        var values: [String: String]
        var errors: [String: String]
    }

    struct Overview: DashboardContent {
        static let template = "dash-org"
        var meters: [Meter]
        var canManage: Bool
        var values: [String: String]
        var errors: [String: String]
        var saved: Bool
    }

    /// The app settings form (`dash-app-fields`).
    struct AppForm: Sendable {
        var values: [String: String]
        var errors: [String: String]
        var types: [Option]
        var scopes: [Option]
        /// Users must sign in with a second factor.
        var requireSecondFactor: Bool
    }

    struct Apps: DashboardContent, LayeredModel {
        struct Row: Sendable {
            var id: String
            var orgID: String
            var name: String
            var clientID: String
            var type: String
            var active: Bool
        }

        static let template = "dash-apps"
        var hasApps: Bool
        var apps: [Row]
        var canManage: Bool
        var base: AppForm
    }

    struct App: DashboardContent, LayeredModel {
        struct Details: Sendable {
            var id: String
            var name: String
            var clientID: String
            var confidential: Bool
            var active: Bool
            var redirectURIs: [String]
            var allowedScopes: [String]
        }

        static let template = "dash-app"
        var app: Details
        var canManage: Bool
        var saved: Bool
        var base: AppForm
    }

    struct Keys: DashboardContent {
        struct Row: Sendable {
            var id: String
            var orgID: String
            var name: String
            var prefix: String
            var created: String
            var lastUsed: String
            var status: String
            var live: Bool
        }

        static let template = "dash-keys"
        var hasKeys: Bool
        var keys: [Row]
        var canManage: Bool
        var values: [String: String]
        var errors: [String: String]
    }

    struct Team: DashboardContent {
        struct Member: Sendable {
            var userID: String
            var orgID: String
            var username: String
            var displayName: String
            var role: String
            var joined: String
            var isYou: Bool
            var roles: [Option]
            /// Two-step sign-in is on for this member.
            var secondFactor: Bool
        }

        struct Invite: Sendable {
            var id: String
            var orgID: String
            var email: String
            var role: String
            var expires: String
        }

        static let template = "dash-team"
        var members: [Member]
        /// Invites and the roles one may grant: for those who manage the team.
        var hasInvites = false
        var invites: [Invite] = []
        var inviteRoles: [String] = []
        var isLastOwner: Bool
        var canManage: Bool
        var values: [String: String]
        var errors: [String: String]
        var sent: Bool
    }

    /// An invitation, before the invitee accepts it.
    struct Accept: DashboardContent {
        static let template = "dash-accept"
        var token: String
        var organization: String
        var role: String
        var article: String
    }

    struct Billing: DashboardContent {
        struct PlanRow: Sendable {
            var name: String
            var current: Bool
            var mau: String
            var apps: String
            var seats: String
            var rate: String
        }

        struct Subscription: Sendable {
            var plan: String
            var status: String
            var periodEnd: String
            var scheduled: String?
            var warning: String?
        }

        struct Invoice: Sendable {
            var number: String
            var issued: String
            var period: String
            var total: String
            var status: String
            var hosted: String
            var pdf: String
        }

        static let template = "dash-billing"
        var meters: [Meter]
        var plans: [PlanRow]
        var billingConfigured: Bool
        var isOwner: Bool
        var notice: String?
        var error: String?
        /// The owner's view with billing on: the subscription or the checkout choices, invoices.
        var subscription: Subscription?
        var changeChoices: [Option] = []
        var hasCheckout = false
        var checkoutPlans: [Option] = []
        var hasCustomer = false
        var hasInvoices = false
        var invoices: [Invoice] = []
    }

    struct Logs: DashboardContent {
        struct Entry: Sendable {
            var time: String
            var method: String
            var route: String
            var status: Int
            var failed: Bool
            var latency: String
            var caller: String
            var requestID: String
        }

        static let template = "dash-logs"
        var entries: [Entry]
        var statusValue: String
        var methods: [Option]
        var appChoices: [AppChoice]
        /// The next page's query.
        var next: String?
    }

    struct Notices: DashboardContent {
        struct Notice: Sendable {
            var kind: String
            var title: String
            var body: String
            var published: String
            var effective: String
        }

        static let template = "dash-notices"
        var notices: [Notice]
    }

    struct Settings: DashboardContent {
        static let template = "dash-settings"
        var isOwner: Bool
        var isDeleted: Bool
        var errors: [String: String]
    }

    struct Usage: DashboardContent {
        struct Total: Sendable {
            var group: String
            var requests: String
            var clientErrors: String
            var serverErrors: String
            var errorRate: String
            var p50: String
            var p95: String
            var p99: String
        }

        static let template = "dash-usage"
        var ranges: [Option]
        var appChoices: [AppChoice]
        var from: String
        var to: String
        var granularity: String
        var days: Int
        var appID: String
        /// SVG built by ``SVGChart`` (the only unescaped output).
        var requestsChart: String
        var errorsChart: String
        var latencyChart: String
        var totals: [Total]
    }

    struct MonthlyActiveUsers: DashboardContent {
        static let template = "dash-mau"
        /// SVG built by ``SVGChart``, one per app.
        var charts: [String]
        var total: String
        var limit: String?
    }

    struct Audit: DashboardContent {
        struct Event: Sendable {
            var time: String
            var actor: String
            var action: String
            var target: String
        }

        static let template = "dash-audit"
        var events: [Event]
        var next: String?
    }
}
