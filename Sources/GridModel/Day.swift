import Foundation

/// A calendar date without a time of day (birth dates, deadlines, follow-up visits),
/// stored as `YYYY-MM-DD`. Arithmetic uses a day number so it needs no `Calendar`.
public struct Day: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil when the three numbers are not a real date in the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let utf8 = text.utf8
        let parsed = utf8.withContiguousStorageIfAvailable { Day.parseISO(UnsafeRawBufferPointer($0)) }
            ?? Array(utf8).withUnsafeBytes { Day.parseISO($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `YYYY-MM-DD` in UTF-8, read byte by byte: files hold a million of these (every timestamp
    /// starts with one), and splitting strings cost a third of a cold start. Digits only: `Int(_:)`
    /// would also take `+1` for a month, which the JSON Schema (and so Python) refuses.
    public static func parseISO(_ bytes: UnsafeRawBufferPointer) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = number(bytes, 0, 4), let m = number(bytes, 5, 2), let d = number(bytes, 8, 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The decimal number in the `count` digits from `start`; nil when any is not a digit.
    private static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The day numbers of years 1 to 9999, the dates this type represents.
    public static let validDayNumbers = -719_162...2_932_896

    /// Days since 1970-01-01 (negative before). Numbers outside `validDayNumbers` are clamped.
    public init(dayNumber unclamped: Int) {
        let dayNumber = min(max(unclamped, Self.validDayNumbers.lowerBound), Self.validDayNumbers.upperBound)
        // Howard Hinnant's civil-from-days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// The date on which `instant` falls in `timeZone`. No default zone: the machine's own is
    /// rarely the community's (a server runs in UTC).
    public init(_ instant: Date, in timeZone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        self.init(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    public var dayNumber: Int {
        // Howard Hinnant's days-from-civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    public func days(since other: Day) -> Int { dayNumber - other.dayNumber }

    /// Monday = 1 … Sunday = 7, as in ISO 8601 and in Chinese usage (星期一 starts the week).
    public var isoWeekday: Int {
        let weekday = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    public var startOfWeek: Day { adding(days: 1 - isoWeekday) }
    public var startOfMonth: Day { Day(dayNumber: dayNumber - day + 1) }

    /// Midnight at the start of this day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
    }

    public var iso: String {
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count < 2 ? "0" : "") + m + "-" + (d.count < 2 ? "0" : "") + d
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a date of the form YYYY-MM-DD")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
