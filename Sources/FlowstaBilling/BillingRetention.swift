import FlowstaCore
import Foundation

/// How long billing records are kept (P8): invoices and usage reports 7 years from issue,
/// webhook event ids (for deduplication) 30 days.
public enum BillingRetention {
    public static let years = 7
    public static let eventDays = 30

    public static func recordsCutoff(now: Date) -> Date {
        UTCDay.adding(years: -years, to: now)
    }

    public static func eventsCutoff(now: Date) -> Date {
        now.addingTimeInterval(-Double(eventDays) * 86_400)
    }
}
