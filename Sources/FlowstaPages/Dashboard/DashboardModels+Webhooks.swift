import Foundation

/// The webhooks pages' models.
extension Dashboard {
    struct Webhooks: DashboardContent {
        struct Row: Sendable {
            var id: String
            var url: String
            var description: String
            var events: String
            var enabled: Bool
            var state: String
            var rotating: String
        }

        struct EventChoice: Sendable {
            var name: String
            var checked: Bool
        }

        static let template = "dash-webhooks"
        var hasWebhooks: Bool
        var webhooks: [Row]
        var canManage: Bool
        var events: [EventChoice]
        var values: [String: String]
        var errors: [String: String]
        /// The organization has as many endpoints as it may.
        var full: Bool
    }

    struct WebhookLog: DashboardContent {
        struct Row: Sendable {
            var id: String
            var created: String
            var event: String
            var eventID: String
            var state: String
            var attempts: Int
            var status: String
            var latency: String
            var error: String
            var next: String
        }

        static let template = "dash-webhook-log"
        var webhookID: String
        var url: String
        var enabled: Bool
        var deliveries: [Row]
        var next: String?
        var canManage: Bool
    }
}
