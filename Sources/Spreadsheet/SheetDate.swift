/// A calendar date for a cell, without gridwork's own `Day` (this module knows no records):
/// callers convert. Holds what it is given; `XLSXWriter` writes a date Excel cannot hold as text.
public struct SheetDate: Hashable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2026-11-22`.
    public var iso: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + SheetCell.twoDigits(month) + "-" + SheetCell.twoDigits(day)
    }

    /// The first date Excel's 1900 date system counts correctly: it takes 1900 for a leap
    /// year (Lotus 1-2-3's bug, kept for compatibility), so serials before 1900-03-01 are one
    /// off, and it has no dates before 1900 at all.
    static let firstExactSerialDate = SheetDate(year: 1900, month: 3, day: 1)

    /// True for a real date of the proleptic Gregorian calendar.
    var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Excel's serial number for this date in the 1900 date system (1970-01-01 is 25569), or
    /// nil for a date the system gets wrong or cannot hold (before 1900-03-01, after 9999).
    var excelSerial: Int? {
        guard isValid, dayNumber >= Self.firstExactSerialDate.dayNumber else { return nil }
        return dayNumber + 25_569
    }
}
