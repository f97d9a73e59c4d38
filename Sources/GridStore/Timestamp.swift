import Foundation
import GridModel

/// Timestamps in files are whole seconds in China Standard Time, `2026-11-22T08:30:00+08:00`,
/// readable by the people who keep the data. Formatting by hand is many times faster than
/// `ISO8601DateFormatter`, which matters for a district's 600,000 patrol logs.
public enum Timestamp {
    static let offsetSeconds = 8 * 3600
    /// The zone in which files are split by month and year, whatever the machine's own zone.
    static let chinaStandardTime = TimeZone.chinaStandard

    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let dayNumber = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - dayNumber * 86_400
        let day = Day(dayNumber: dayNumber)
        // Written into one buffer: joining seven strings was a tenth of encoding a case.
        if (0...9999).contains(day.year) {
            return String(unsafeUninitializedCapacity: 25) { buffer in
                func digits(_ value: Int, _ count: Int, at offset: Int) {
                    var rest = value
                    for index in (offset..<offset + count).reversed() {
                        buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                }
                digits(day.year, 4, at: 0)
                digits(day.month, 2, at: 5)
                digits(day.day, 2, at: 8)
                digits(secondOfDay / 3600, 2, at: 11)
                digits(secondOfDay / 60 % 60, 2, at: 14)
                digits(secondOfDay % 60, 2, at: 17)
                buffer[4] = UInt8(ascii: "-")
                buffer[7] = UInt8(ascii: "-")
                buffer[10] = UInt8(ascii: "T")
                buffer[13] = UInt8(ascii: ":")
                buffer[16] = UInt8(ascii: ":")
                for (index, byte) in "+08:00".utf8.enumerated() { buffer[19 + index] = byte }
                return 25
            }
        }
        let hours = twoDigits(secondOfDay / 3600)
        let minutes = twoDigits(secondOfDay / 60 % 60)
        let secondsText = twoDigits(secondOfDay % 60)
        return day.iso + "T" + hours + ":" + minutes + ":" + secondsText + "+08:00"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The same, on the UTF-8 bytes: a district holds millions of timestamps.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = Day.parseISO(UnsafeRawBufferPointer(rebasing: bytes[0..<10])),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
              hour < 24, minute < 60, second < 60 else { return nil }
        var offset = 0
        let zone = bytes[19...]
        if zone.elementsEqual("Z".utf8) {
            offset = 0
        } else if zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
                  bytes[22] == UInt8(ascii: ":"), let hours = number(bytes, 20, 2), let minutes = number(bytes, 23, 2) {
            offset = (hours * 3600 + minutes * 60) * (zone.first == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let secondOfDay: Int = hour * 3600 + minute * 60 + second
        let seconds: Int = day.dayNumber * 86_400 + secondOfDay - offset
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Drops the fraction of a second, which files do not keep, so what is saved equals what is read back.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
