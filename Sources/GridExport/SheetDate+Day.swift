import Foundation
import GridModel
import Spreadsheet

extension SheetDate {
    init(_ day: Day) {
        self.init(year: day.year, month: day.month, day: day.day)
    }
}

extension SheetCell {
    /// A date cell for a `Day`, empty for nil.
    static func day(_ day: Day?) -> SheetCell { .date(day.map(SheetDate.init)) }

    /// A date-time cell for an instant, as a clock in `timeZone` showed it, to the minute.
    static func minute(_ instant: Date, in timeZone: TimeZone) -> SheetCell {
        let day = Day(instant, in: timeZone)
        let seconds = max(0, Int(instant.timeIntervalSince(day.start(in: timeZone))))
        return .dateTime(SheetDate(day), hour: min(23, seconds / 3600), minute: seconds / 60 % 60)
    }
}
