import Foundation
import Testing
@testable import GridModel

@Suite struct DayTests {
    @Test func parsesOnlyRealDates() {
        #expect(Day(iso: "2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "1900-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "2026-1-05") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        // Digits only, as the JSON Schema's pattern: `Int(_:)` would read these as dates.
        #expect(Day(iso: "2026-+1-05") == nil)
        #expect(Day(iso: "+026-11-05") == nil)
        #expect(Day(iso: "2026-11-+5") == nil)
    }

    @Test func dayNumbersRoundTrip() {
        for number in stride(from: Day.validDayNumbers.lowerBound, through: Day.validDayNumbers.upperBound, by: 997) {
            #expect(Day(dayNumber: number).dayNumber == number)
        }
        #expect(Day(dayNumber: Int.max).iso == "9999-12-31", "a damaged number is clamped, not a crash")
        #expect(Day(dayNumber: Int.min).iso == "0001-01-01")
        #expect(Day(dayNumber: 0).iso == "1970-01-01")
        #expect(Day(iso: "2026-11-22")?.isoWeekday == 7)
        #expect(Day(iso: "2026-11-22")?.startOfWeek.iso == "2026-11-16")
        #expect(Day(iso: "2026-11-22")?.startOfMonth.iso == "2026-11-01")
    }

    @Test func todayFollowsTheTimeZone() {
        // 2026-11-21 17:00 UTC is already the 22nd in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_795_280_400)
        #expect(Day(instant, in: TimeZone(secondsFromGMT: 0) ?? .current).iso == "2026-11-21")
        #expect(Day(instant, in: Fixtures.shanghai).iso == "2026-11-22")
    }
}
