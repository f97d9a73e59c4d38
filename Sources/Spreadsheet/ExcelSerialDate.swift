/// A date as a spreadsheet stores it: a count of days (the fraction is the time of day). In the
/// 1900 system day 1 is 1900-01-01 and day 60 is the 29 February 1900 that Lotus 1-2-3 invented
/// and Excel keeps, so from day 61 on the count runs from 1899-12-30; in the 1904 system (old
/// Mac workbooks) day 0 is 1904-01-01.
public enum ExcelSerialDate {
    /// The largest serial Excel accepts: 9999-12-31.
    public static let largest = 2_958_465.0

    /// The year, month and day of `serial`; nil outside the dates Excel can hold.
    public static func date(_ serial: Double, uses1904: Bool = false) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite, serial >= (uses1904 ? 0 : 1), serial < largest + 1 else { return nil }
        let whole = Int(serial.rounded(.down))
        if !uses1904 && whole == 60 { return (1900, 2, 29) }
        // Days from 1970-01-01.
        let days: Int
        if uses1904 {
            days = whole - 24_107
        } else {
            days = whole < 60 ? whole - 25_568 : whole - 25_569
        }
        return civil(fromDays: days)
    }

    /// `yyyy-MM-dd`, with ` HH:mm:ss` when the serial holds a time of day.
    public static func text(_ serial: Double, uses1904: Bool = false) -> String? {
        guard let (year, month, day) = date(serial, uses1904: uses1904) else { return nil }
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let seconds = Int(((serial - serial.rounded(.down)) * 86_400).rounded())
        if seconds > 0 && seconds < 86_400 {
            text += " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar (no Calendar object,
    /// no time zone: a spreadsheet date is a date, not an instant).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
