import FlowstaPlatform
import Foundation

/// Billing through Stripe: the prices of the paid plans and the webhook secrets. Without a
/// configuration billing is off and an operator sets plans (`flowsta orgs set-plan`).
public struct BillingConfiguration: Sendable {
    /// The recurring price of each self-service plan (spark, pro).
    public var planPrices: [Plan: String]
    /// The metered price, per plan, that bills active users above the included amount.
    public var overagePrices: [Plan: String]
    /// The billing meter's event name the metered prices count.
    public var meterEventName: String
    /// Webhook signing secrets (`whsec_...`); more than one while rotating.
    public var webhookSecrets: [String]
    /// How long a failed payment leaves the plan in place.
    public var gracePeriod: TimeInterval

    public static let defaultMeterEventName = "flowsta_mau_overage"

    public init(
        planPrices: [Plan: String], overagePrices: [Plan: String] = [:], meterEventName: String = Self.defaultMeterEventName,
        webhookSecrets: [String], gracePeriod: TimeInterval = 3 * 86_400
    ) {
        self.planPrices = planPrices
        self.overagePrices = overagePrices
        self.meterEventName = meterEventName
        self.webhookSecrets = webhookSecrets
        self.gracePeriod = gracePeriod
    }

    /// The plan a subscription's price pays for.
    public func plan(forPrice price: String) -> Plan? {
        planPrices.first { $0.value == price }?.key
    }

    /// Plans an owner can buy here (those with a price), cheapest first.
    public var purchasablePlans: [Plan] {
        Plan.allCases.filter { planPrices[$0] != nil }
    }
}

extension Plan {
    /// Order of the plans, for telling an upgrade from a downgrade.
    public var rank: Int { Plan.allCases.firstIndex(of: self) ?? 0 }
}
