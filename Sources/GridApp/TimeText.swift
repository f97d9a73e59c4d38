import Foundation
import GridModel

/// Dates and times as the dashboard shows them, in the community's time zone (`DashboardData.timeZone`).
enum TimeText {
    /// `2026-11-20 09:30`.
    static func minute(_ date: Date, timeZone: TimeZone) -> String {
        day(date, timeZone: timeZone) + " " + clock(date, timeZone: timeZone)
    }

    /// `11-20 09:30`, for lists where the year goes without saying.
    static func shortMinute(_ date: Date, timeZone: TimeZone) -> String {
        String(day(date, timeZone: timeZone).dropFirst(5)) + " " + clock(date, timeZone: timeZone)
    }

    static func day(_ date: Date, timeZone: TimeZone) -> String { Day(date, in: timeZone).iso }

    /// `09:30`.
    static func clock(_ date: Date, timeZone: TimeZone) -> String {
        let seconds = Int(date.timeIntervalSince(Day(date, in: timeZone).start(in: timeZone)))
        let hours = seconds / 3600, minutes = seconds / 60 % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }
}
