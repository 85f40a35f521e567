import Foundation

/// A calendar month in UTC, written `YYYY-MM`; stored as ``index`` (months since year 0).
public struct UsageMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1...12.
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1970...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2)) else { return nil }
        self.init(year: year, month: month)
    }

    /// Months since January of year 0 (what the store keeps).
    public var index: Int { year * 12 + month - 1 }

    public init?(index: Int) {
        self.init(year: index / 12, month: index % 12 + 1)
    }

    /// The month containing `date` (UTC).
    public init(containing date: Date) {
        let day = UsageGranularity.floorDiv(Int((date.timeIntervalSince1970).rounded(.down)), 86_400)
        let (year, month) = Self.civil(day: day)
        self.year = year
        self.month = month
    }

    /// Midnight UTC on the first day.
    public var start: Date { Date(timeIntervalSince1970: TimeInterval(Self.days(year: year, month: month)) * 86_400) }

    /// Midnight UTC on the first day of the next month.
    public var end: Date { adding(1).start }

    public func adding(_ months: Int) -> UsageMonth {
        let index = self.index + months
        return UsageMonth(year: index / 12, month: index % 12 + 1, unchecked: ())
    }

    private init(year: Int, month: Int, unchecked: Void) {
        self.year = year
        self.month = month
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public static func < (lhs: UsageMonth, rhs: UsageMonth) -> Bool { lhs.index < rhs.index }

    /// Days since 1970 of the first of the month (H. Hinnant's days_from_civil).
    static func days(year: Int, month: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = UsageGranularity.floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year and month of a day since 1970 (civil_from_days).
    static func civil(day: Int) -> (Int, Int) {
        let z = day + 719_468
        let era = UsageGranularity.floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month)
    }
}
