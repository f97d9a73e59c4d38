/// What one cell of a `Sheet` holds. Typed, so a workbook gets real numbers and dates (which
/// Excel sorts and filters as such) while a CSV writes each in its plain text form.
public enum SheetCell: Hashable, Sendable {
    case text(String)
    case integer(Int)
    /// A calendar date: a date cell shown `yyyy-mm-dd` in a workbook.
    case date(SheetDate)
    /// A date with a time of day in minutes, already in the zone the reader expects (the
    /// community's): a workbook has no time zones. Shown `yyyy-mm-dd hh:mm`.
    case dateTime(SheetDate, hour: Int, minute: Int)
    case empty

    /// Text, or `.empty` for nil or "": an absent value leaves the cell blank rather than
    /// writing an empty string into it.
    public static func text(_ value: String?) -> SheetCell {
        guard let value, !value.isEmpty else { return .empty }
        return .text(value)
    }

    /// A date, or `.empty` for nil.
    public static func date(_ value: SheetDate?) -> SheetCell { value.map(SheetCell.date) ?? .empty }

    /// The cell as plain text, as a CSV writes it: dates in ISO 8601 (`2026-11-22`,
    /// `2026-11-22 09:30`), which Excel, LibreOffice and people all read the same way.
    public var plainText: String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .date(let date): return date.iso
        case .dateTime(let date, let hour, let minute): return date.iso + " " + Self.twoDigits(hour) + ":" + Self.twoDigits(minute)
        case .empty: return ""
        }
    }

    static func twoDigits(_ number: Int) -> String { number < 10 && number >= 0 ? "0" + String(number) : String(number) }
}
