import FlowstaCore
import Foundation
import Testing

/// Days as the API shows them (a key's last-used day, notices, invoices).
@Suite struct UTCDayTests {
    @Test(arguments: [
        (0.0, "1970-01-01"), (951_782_400.0, "2000-02-29"), (1_709_164_800.0, "2024-02-29"),
        (1_800_000_000.0, "2027-01-15"), (4_102_444_799.0, "2099-12-31"), (-86_400.0, "1969-12-31"),
    ])
    func formatsUTCDays(seconds: Double, expected: String) {
        #expect(UTCDay.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }
}
