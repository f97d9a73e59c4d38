import Foundation
import GridModel

/// A calendar month in the community's time zone, as `--month 2026-11` names it.
public struct ReportMonth: Hashable, Sendable {
    public let year: Int
    public let month: Int

    /// Parses exactly `YYYY-MM` (month 01 to 12); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), Day(year: year, month: month, day: 1) != nil else { return nil }
        self.year = year
        self.month = month
    }

    public init?(year: Int, month: Int) {
        guard Day(year: year, month: month, day: 1) != nil else { return nil }
        self.year = year
        self.month = month
    }

    /// `2026-11`.
    public var text: String { String(year) + "-" + (month < 10 ? "0" : "") + String(month) }

    public var firstDay: Day { Day(dayNumber: lastDay.dayNumber - lastDay.day + 1) }

    public var lastDay: Day {
        // The month was checked at init, so these numbers are a real date; the fallback never runs.
        Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month)) ?? Day(dayNumber: 0)
    }

    public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }
}
