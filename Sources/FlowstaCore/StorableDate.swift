import Foundation

/// The instants the stores keep: 1970-01-01 to 9999-12-31 (UTC). A date a request supplies (a
/// cursor, a filter, an expiry) is checked against this before it reaches a query: PostgreSQL's
/// driver traps on an instant beyond about ±292,000 years, and nothing outside this range means
/// anything here.
public enum StorableDate {
    /// Seconds since 1970 of the first and the last storable instant.
    public static let range: ClosedRange<TimeInterval> = 0...253_402_300_799

    public static func contains(_ date: Date) -> Bool { range.contains(date.timeIntervalSince1970) }

    /// `date` cut to whole milliseconds: what the stores keep exactly, so list cursors that
    /// compare stored times find the same instant again.
    public static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// The storable instant nearest to `seconds` after 1970 (for times a trusted peer, such as
    /// a signed payment event, sends: kept, never a trap).
    public static func clamped(seconds: TimeInterval) -> Date {
        Date(timeIntervalSince1970: seconds.isNaN ? 0 : min(max(seconds, range.lowerBound), range.upperBound))
    }

    /// The instant `seconds` after 1970, when storable.
    public static func date(seconds: TimeInterval) -> Date? {
        range.contains(seconds) ? Date(timeIntervalSince1970: seconds) : nil
    }
}
